#!/usr/bin/env bash
# Regenerates benchmarks/RESULTS.md: builds benchmarks.jar through the reactor, runs every JMH
# benchmark for every engine in the jar and the Python PyTorch reference, one after the other on
# this machine, then writes the table. Run it on a quiet machine: it records the load average
# before and after, and every number in RESULTS.md comes from this one run.
#
#   CXR4J_DATA_DIR=/path/to/datasets benchmarks/run.sh            # full run (about 2 hours on 2 cores)
#   CXR4J_DATA_DIR=/path/to/datasets benchmarks/run.sh --smoke    # seconds-long iterations, proves the
#                                                                  # pipeline works; writes
#                                                                  # benchmarks/target/results/RESULTS-smoke.md
# Extra arguments after the mode go to JMH, e.g. `benchmarks/run.sh --full TrainingStep`.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${CXR4J_DATA_DIR:?set CXR4J_DATA_DIR to the folder holding darkcovidnet/ and full-resolution/}"
export CXR4J_DATA_DIR DJL_OFFLINE=true OPT_OUT_TRACKING=true

mode=full
if [[ "${1:-}" == --smoke || "${1:-}" == --full ]]; then
  [[ "$1" == --smoke ]] && mode=smoke
  shift
fi
out=benchmarks/target/results
mkdir -p "$out"
java=${JAVA:-java}
python=${PYTHON:-/usr/bin/python3}

mvn -B -q package -DskipTests -pl benchmarks -am
jar=benchmarks/target/benchmarks.jar

# Benchmark only the engines the jar holds; the others are listed as missing in RESULTS.md.
present=$(unzip -p "$jar" META-INF/services/io.cxr4j.core.engine.CxrEngine \
  | sed -n 's/.*\.\([A-Za-z]*\)Engine$/\1/p' | tr 'A-Z' 'a-z' | paste -sd, -)
for engine in pytorch tensorflow; do
  [[ ",$present," == *",$engine,"* ]] || echo "engine $engine is not in $jar; its rows will be missing" >&2
done

if [[ $mode == smoke ]]; then
  jmh_opts=(-wi 0 -i 1 -w 1s -r 1s -f 1 -p images=64 -p input=1x224 -p format=jpeg)
  py_opts=(--inputs 1x224 --warmup-steps 1 --steps 2 --epochs 1 --images 64 --latency-images 15)
  report=$out/RESULTS-smoke.md
else
  jmh_opts=()
  py_opts=()
  report=benchmarks/RESULTS.md
fi

uptime > "$out/load-before.txt"
"$java" -Dai.djl.offline=true -jar "$jar" -foe false -p engine="$present" \
  -rf json -rff "$out/jmh.json" "${jmh_opts[@]}" "$@" 2>&1 | tee "$out/jmh.log"
"$python" benchmarks/python/darkcovidnet_reference.py "${py_opts[@]}" > "$out/python.json" \
  2> >(tee "$out/python.log" >&2)
uptime > "$out/load-after.txt"

{ lscpu; echo; free -h; echo; "$java" -version 2>&1; } > "$out/machine.txt"
"$python" benchmarks/python/report.py --mode "$mode" --results "$out" --engines "$present" \
  --jmh-command "java -Dai.djl.offline=true -jar $jar -foe false -p engine=$present -rf json ${jmh_opts[*]} $*" \
  --python-command "$python benchmarks/python/darkcovidnet_reference.py ${py_opts[*]}" > "$report"
if [ "$mode" != smoke ]; then
  # Test-set quality of the engines is measured with the CLI, not JMH; keep it beside the speeds.
  cat benchmarks/QUALITY.md >> "$report"
fi
echo "wrote $report" >&2

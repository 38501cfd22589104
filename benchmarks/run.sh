#!/usr/bin/env bash
# Regenerates benchmarks/RESULTS.md: builds benchmarks.jar and the CLI through the reactor, runs
# every JMH benchmark for every engine in the jar, the Python PyTorch reference and the memory runs,
# one after the other on this machine, then writes the table. Run it on a quiet machine: it records
# the load average before and after, and every number in RESULTS.md comes from this one run.
#
#   CXR4J_DATA_DIR=/path/to/datasets benchmarks/run.sh            # full run, about 70 minutes on 2 cores
#   CXR4J_DATA_DIR=/path/to/datasets benchmarks/run.sh --smoke    # about 6 minutes, proves the pipeline
#                                                                  # works; writes
#                                                                  # benchmarks/target/results/RESULTS-smoke.md
# Extra arguments after the mode go to JMH, e.g. `benchmarks/run.sh --full TrainingStep`. For a run
# that re-measures part of the table, PYTHON_ONLY chooses the Python reference's measurements (any of
# step,epoch,latency; all by default), MEMORY_RUNS=0 skips the memory runs and SERVE_LOAD=0 the
# serve load test, e.g.
#   PYTHON_ONLY=latency MEMORY_RUNS=0 benchmarks/run.sh --full InferenceBenchmark
#
# Budget of the full run on the 2-core development machine (one fork per benchmark and parameter
# set; JMH's settings are the annotations' in benchmarks/src/main/java). Stage times measured there
# on 2026-11-30 with other jobs running (load average 2-6); each run records its own in RESULTS.md:
#   build (mvn package of benchmarks and examples)                                ~1 min
#   PreprocessingBenchmark: jpeg/png x one thread/all cores; 2x3 s + 3x5 s        ~1.5 min (4 forks: 88 s)
#   InferenceBenchmark: 2 engines x endToEnd/forward/batch32; 2x5 s + 3x5 s       ~3 min (PyTorch's 3 forks: 86 s)
#   TrainingStepBenchmark: 2 engines x 1x224/3x224/3x256; 2x5 s + 3x10 s          ~5 min (slowest fork: 47 s)
#   EpochBenchmark: 2 engines x files/memory/disk/tensors; 1 + 3 epochs of 1,124  ~15-19 min (files: PyTorch
#                                                                                   50 s, TensorFlow 24 s an epoch)
#   ServeBenchmark: 2 engines x batch 8/1 x 1/4/16 clients; 2x3 s + 3x5 s          ~8 min (not yet timed in a
#                                                                                   full run)
#   bfloat16 (PyTorch only): step 1x224 and epochs from files and tensors          ~3 min
#   Python reference: 13 steps at 3 inputs x 3 variants; 1 + 3 epochs, 200       ~5 min
#     latencies at 1x224
#   memory: per engine, a 1-epoch CLI training run and 10,000 predictions          ~5 min (smoke's 2,000: 26 s
#                                                                                   PyTorch, 17 s TensorFlow)
#   serve load test (ServeLoadTest): per engine, batch 8/1 x 1/4/16 clients x     ~20 min (smoke's 80 and
#     1,000 requests against cxr4j-serve in its own JVM, and 10,000 requests         1,000: 1.5 min for one
#     reading the server's resident memory                                          engine)
#   total                                                                         ~65-70 min
#
# Both JVMs and Python run with the same OMP_WAIT_POLICY (PASSIVE unless set; the PyTorch engine's
# own default), so libtorch waits the same way in cxr4j and in the Python reference.
#
# Python is timed as a user sets it up, with an optimised BLAS: Debian's python3-torch runs on the
# reference libblas3 unless OpenBLAS (libopenblas0-pthread) is installed, and its float32 GEMM is then
# about 30 times slower. Before anything else the script checks which BLAS numpy and torch really load
# and refuses the reference one (darkcovidnet_reference.py --check-blas; it also refuses a BLAS whose
# float32 products are wrong on this CPU). Some machines set OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
# because older OpenBLAS builds miscompute on their processors; they force a slower kernel on a current
# one, so the Python commands run without both, and the check's GEMM against float64 shows that the
# kernel OpenBLAS then chooses (recorded in RESULTS.md) computes correctly; where it does not,
# PYTHON_OPENBLAS_CORETYPE=NAME forces a kernel for the Python commands. The JVMs do not load OpenBLAS.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${CXR4J_DATA_DIR:?set CXR4J_DATA_DIR to the folder holding darkcovidnet/ and full-resolution/}"
export CXR4J_DATA_DIR DJL_OFFLINE=true OPT_OUT_TRACKING=true
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}

mode=full
if [[ "${1:-}" == --smoke || "${1:-}" == --full ]]; then
  [[ "$1" == --smoke ]] && mode=smoke
  shift
fi
out=benchmarks/target/results
mkdir -p "$out"
# A stage this run skips must not leave an earlier run's numbers in the report.
rm -rf "$out/memory" "$out/serve-load" "$out"/{jmh,jmh-bf16,python,blas}.json "$out/serve-load.md"
mkdir -p "$out/memory"
: > "$out/stages.tsv"
java=${JAVA:-java}
python=${PYTHON:-/usr/bin/python3}
python_cmd=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
[[ -n "${PYTHON_OPENBLAS_CORETYPE:-}" ]] && python_cmd+=("OPENBLAS_CORETYPE=$PYTHON_OPENBLAS_CORETYPE")
python_cmd+=("$python")

"${python_cmd[@]}" benchmarks/python/darkcovidnet_reference.py --check-blas > "$out/blas.json"
# The CPU every number of this run comes from (the first processor's block of /proc/cpuinfo).
sed '/^$/q' /proc/cpuinfo > "$out/cpuinfo.txt"

# Runs a named stage and appends its wall time in seconds to stages.tsv.
stage() {
  local name=$1 start=$SECONDS
  shift
  "$@"
  printf '%s\t%d\n' "$name" $((SECONDS - start)) >> "$out/stages.tsv"
}

stage build mvn -B -q package -DskipTests -pl benchmarks,examples -am
jar=benchmarks/target/benchmarks.jar
cli=examples/target/cxr4j.jar

# Benchmark only the engines the jar holds; the others are listed as missing in RESULTS.md.
present=$(unzip -p "$jar" META-INF/services/io.cxr4j.core.engine.CxrEngine \
  | sed -n 's/.*\.\([A-Za-z]*\)Engine$/\1/p' | tr 'A-Z' 'a-z' | paste -sd, -)
for engine in pytorch tensorflow; do
  [[ ",$present," == *",$engine,"* ]] || echo "engine $engine is not in $jar; its rows will be missing" >&2
done

if [[ $mode == smoke ]]; then
  jmh_opts=(-wi 1 -i 1 -w 1s -r 1s -f 1 -p images=64 -p input=1x224 -p format=jpeg)
  py_opts=(--inputs 1x224 --warmup-steps 1 --steps 2 --epochs 1 --images 64 --latency-images 15)
  memory_train=(--dataset seed --epochs 1 --batch-size 8)
  memory_images=2000
  serve_load_opts=(--requests 80 --memory-requests 1000)
  report=$out/RESULTS-smoke.md
else
  jmh_opts=()
  py_opts=(--inputs 1x224,3x224,3x256 --epoch-inputs 1x224 --latency-inputs 1x224 --warmup-steps 3 --steps 10
    --epochs 3 --latency-images 200 --step-variants float32,channels_last,bfloat16)
  memory_train=(--dataset darkcovidnet --labels three-class --epochs 1 --batch-size 32)
  memory_images=10000
  serve_load_opts=(--requests 1000 --memory-requests 10000)
  report=benchmarks/RESULTS.md
fi
memory_train+=(--image-size 224 --channels 1)
py_opts+=(--only "${PYTHON_ONLY:-step,epoch,latency}")

run_jmh() {
  "$java" -Dai.djl.offline=true -jar "$jar" -foe false -p engine="$present" \
    -rf json -rff "$out/jmh.json" "${jmh_opts[@]}" "$@" 2>&1 | tee "$out/jmh.log"
}

# bfloat16 mixed precision exists on the PyTorch engine only: its training step and epochs again.
bf16_args=(-p engine=pytorch -p precision=bfloat16 -p input=1x224 -p source=files,tensors
  'TrainingStepBenchmark|EpochBenchmark')
run_jmh_bf16() {
  if [[ ",$present," != *",pytorch,"* ]]; then
    echo "no PyTorch engine in $jar: bfloat16 rows skipped" >&2
    return
  fi
  "$java" -Dai.djl.offline=true -jar "$jar" -foe false -rf json -rff "$out/jmh-bf16.json" "${jmh_opts[@]}" \
    "${bf16_args[@]}" 2>&1 | tee "$out/jmh-bf16.log"
}

run_python() {
  "${python_cmd[@]}" benchmarks/python/darkcovidnet_reference.py "${py_opts[@]}" > "$out/python.json" \
    2> >(tee "$out/python.log" >&2)
}

# Issue 28: the HTTP service under concurrent clients (ServeLoadTest): latency percentiles, throughput,
# every answer checked against its image's one-at-a-time probabilities, and the server's resident
# memory over a long run. Its Markdown goes into the report; a lost or wrong answer is reported, not fatal.
run_serve_load() {
  if [[ "${SERVE_LOAD:-1}" == 0 ]]; then
    echo "SERVE_LOAD=0: serve load test skipped" >&2
    return
  fi
  "$java" -Dai.djl.offline=true -cp "$jar" io.cxr4j.benchmarks.ServeLoadTest "${serve_load_opts[@]}" \
    --engines "$present" --work "$out/serve-load" > "$out/serve-load.md" 2> "$out/serve-load.log" \
    || echo "the serve load test failed or found lost or wrong answers; see $out/serve-load.md and .log" >&2
}

# Peak resident memory of one command under /usr/bin/time -v: NAME.cmd holds the command,
# NAME.time time's report, NAME.out and NAME.log its output. A failure is recorded, not fatal.
measure_memory() {
  local name=$1
  shift
  echo "$*" > "$out/memory/$name.cmd"
  /usr/bin/time -v -o "$out/memory/$name.time" "$@" > "$out/memory/$name.out" 2> "$out/memory/$name.log" \
    || echo "memory run $name failed; see $out/memory/$name.log" >&2
}

# Issue 6: peak resident memory of training and of a 10,000-image inference run, per engine. The
# inference run reads resident memory after every 1,000 predictions (InferenceMemory).
run_memory() {
  if [[ "${MEMORY_RUNS:-1}" == 0 ]]; then
    echo "MEMORY_RUNS=0: memory rows skipped" >&2
    return
  fi
  if [[ ! -x /usr/bin/time ]]; then
    echo "/usr/bin/time is missing (Debian: apt-get install time); memory rows skipped" >&2
    return
  fi
  local engine
  for engine in ${present//,/ }; do
    measure_memory "train-$engine" "$java" -Dai.djl.offline=true -jar "$cli" train "${memory_train[@]}" \
      --engine "$engine" --output "$out/memory/run-$engine"
    # A fixed, pre-touched heap: resident memory then grows only if native memory does.
    measure_memory "predict-$engine" "$java" -Xms256m -Xmx256m -XX:+AlwaysPreTouch -Dai.djl.offline=true \
      -cp "$jar" io.cxr4j.benchmarks.InferenceMemory "$out/memory/run-$engine/model" "$memory_images"
  done
}

uptime > "$out/load-before.txt"
stage jmh run_jmh "$@"
[[ $# -eq 0 ]] && stage jmh-bf16 run_jmh_bf16
stage python run_python
stage memory run_memory
stage serve-load run_serve_load
uptime > "$out/load-after.txt"

{ lscpu; echo; free -h; echo; "$java" -version 2>&1; echo; echo "OMP_WAIT_POLICY=$OMP_WAIT_POLICY"; } \
  > "$out/machine.txt"
bf16_command=
if [[ -f "$out/jmh-bf16.json" ]]; then
  bf16_command="java -Dai.djl.offline=true -jar $jar -foe false -rf json ${jmh_opts[*]} $(printf '%q ' "${bf16_args[@]}")"
fi
"$python" benchmarks/python/report.py --mode "$mode" --results "$out" --engines "$present" \
  --jmh-command "java -Dai.djl.offline=true -jar $jar -foe false -p engine=$present -rf json ${jmh_opts[*]} $*" \
  --jmh-bf16-command "$bf16_command" \
  --python-command "${python_cmd[*]} benchmarks/python/darkcovidnet_reference.py ${py_opts[*]}" > "$report"
if [[ -s "$out/serve-load.md" ]]; then
  { echo; echo "### Serve load test (ServeLoadTest)"; echo; cat "$out/serve-load.md"; } >> "$report"
fi
if [ "$mode" != smoke ]; then
  # Test-set quality of the engines is measured with the CLI, not JMH; keep it beside the speeds.
  cat benchmarks/QUALITY.md >> "$report"
  cat benchmarks/TRIALS.md >> "$report"
fi
echo "wrote $report" >&2

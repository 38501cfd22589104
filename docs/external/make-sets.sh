#!/bin/sh
# Builds the evaluation and training sets of docs/external-validity.md as folders of symbolic
# links (no image is copied), each with a metadata.csv giving every image its source (and its
# patient where the source says), so that `--data FOLDER` reads them like a named set.
#
# Usage: CXR4J_DATA_DIR=/path/to/datasets docs/external/make-sets.sh OUTPUT_FOLDER
#
# OUTPUT_FOLDER must lie outside the repository; it receives
#   a-test/  covid: hannover's 243 COVID-19 images; normal: seed's 7 true Kermany normals
#   b-train/ covid: hannover's 243 COVID-19 images; normal: darkcovidnet's 500 No_findings
#   b-test/  covid: darkcovidnet's 124 COVID-19 images; normal: seed's 7 true Kermany normals
# Seed's other 18 "normal" files (person*_bacteria_*, person*_virus_*) are pneumonia images and
# are left out. Existing set folders are rebuilt from scratch.
set -eu

if [ $# -ne 1 ]; then
    echo "usage: CXR4J_DATA_DIR=DIR $0 OUTPUT_FOLDER" >&2
    exit 2
fi
data=${CXR4J_DATA_DIR:?set CXR4J_DATA_DIR to the folder holding seed/, darkcovidnet/ and hannover/}
data=$(cd "$data" && pwd)
out=$1
for set in seed/metadata.csv hannover/metadata.csv darkcovidnet/Covid-19 darkcovidnet/No_findings; do
    [ -e "$data/$set" ] || { echo "missing $data/$set" >&2; exit 1; }
done
mkdir -p "$out"
out=$(cd "$out" && pwd)

header='path,label,patient_id,view,source,note'
ieee8023='ieee8023/covid-chestxray-dataset'
nih='NIH ChestX-ray8'

# new_set NAME: an empty set folder with class folders and a metadata header.
new_set() {
    rm -rf "${out:?}/$1"
    mkdir -p "$out/$1/covid" "$out/$1/normal"
    echo "$header" > "$out/$1/metadata.csv"
}

# hannover_covid SET: links hannover's images into SET/covid, keeping their metadata rows.
hannover_covid() {
    tail -n +2 "$data/hannover/metadata.csv" | while IFS= read -r row; do
        path=${row%%,*}
        ln -s "$data/hannover/$path" "$out/$1/covid/${path##*/}"
        echo "covid/${path##*/},${row#*,}" >> "$out/$1/metadata.csv"
    done
}

# kermany_normals SET: links seed's true normals (Kermany, not named bacteria/virus) into SET/normal.
kermany_normals() {
    tail -n +2 "$data/seed/metadata.csv" | grep '^normal/' | grep -v -e '_bacteria_' -e '_virus_' \
        | while IFS= read -r row; do
            path=${row%%,*}
            ln -s "$data/seed/$path" "$out/$1/normal/${path##*/}"
            echo "normal/${path##*/},${row#*,}" >> "$out/$1/metadata.csv"
        done
}

# darkcovidnet_folder SET FOLDER CLASS LABEL SOURCE: links a darkcovidnet class folder; patient
# ids are left to the loader, which reads NIH ids and case reports from the file names.
darkcovidnet_folder() {
    for image in "$data/darkcovidnet/$2"/*; do
        name=${image##*/}
        ln -s "$image" "$out/$1/$3/$name"
        echo "$3/$name,$4,,,$5," >> "$out/$1/metadata.csv"
    done
}

new_set a-test
hannover_covid a-test
kermany_normals a-test

new_set b-train
hannover_covid b-train
darkcovidnet_folder b-train No_findings normal normal "$nih"

new_set b-test
darkcovidnet_folder b-test Covid-19 covid covid "$ieee8023"
kermany_normals b-test

for set in a-test b-train b-test; do
    echo "$out/$set: covid $(ls "$out/$set/covid" | wc -l), normal $(ls "$out/$set/normal" | wc -l)"
done

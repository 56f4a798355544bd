#!/bin/sh
# The pipeline the peer benchmark times as one: a new store, the figures
# imported into it, then the period scored to the ranking CSV on stdout.
#
#   bench/pipeline.sh ASSAY DB PLAN FIGURES PERIOD
set -eu
assay=$1 db=$2 plan=$3 figures=$4 period=$5
rm -f "$db" "$db-wal" "$db-shm"
"$assay" --db "$db" import --quiet "$plan" "$figures" >/dev/null
exec "$assay" --db "$db" score "$plan" --period "$period" --ranking --format csv

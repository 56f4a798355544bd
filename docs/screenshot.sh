#!/usr/bin/env bash
# The README's screenshot (docs/report-zh.png): the top of the Chinese
# report of the Lucheng sample for 2023-09 (its header, summary and
# ranking charts) as headless Chromium draws it, cropped to what it shows
# and kept small (a palette of 64 colours). `make screenshot` runs it.
#
# usage: docs/screenshot.sh ASSAY OUT.png
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ASSAY=$1
OUT=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export ASSAY_RULES_LIB="$ROOT/rules/lib"
. "$ROOT/tests/browser/lib.sh"
plan="$ROOT/plans/lucheng-2023.yaml"
"$ASSAY" --db "$T/assay.db" import --quiet "$plan" "$ROOT"/plans/data/lucheng-2023-2023-0*.csv >/dev/null
"$ASSAY" --db "$T/assay.db" --lang zh report "$plan" --period 2023-09 --quiet -o "$T/report.html"
# the report up to the end of its ranking, as it is
sed '/^<section id="matrix">/,$d' "$T/report.html" >"$T/top.html"
printf '</body>\n</html>\n' >>"$T/top.html"
browser --hide-scrollbars --force-device-scale-factor=1 --window-size=1000,2400 \
	--screenshot="$T/top.png" "file://$T/top.html"
/usr/bin/python3 - "$T/top.png" "$OUT" <<'PY'
import sys
from PIL import Image, ImageOps
shot = Image.open(sys.argv[1]).convert("RGB")
left, top, right, bottom = ImageOps.invert(shot).getbbox()
shot = shot.crop((max(left - 16, 0), max(top - 16, 0), right + 16, bottom + 16))
shot.quantize(64).save(sys.argv[2], optimize=True)
PY
echo "$OUT: $(/usr/bin/python3 -c 'import sys; from PIL import Image; print("%dx%d" % Image.open(sys.argv[1]).size)' "$OUT"), $(($(stat -c %s "$OUT") / 1024)) KiB"

#!/bin/sh
# po/extract.sh POT: every message marked for translation, as a template:
# in evaluator/'s C (_(), N_(), NC_(), tr_in(), trn()) and in the rules'
# standard library (say() in rules/lib/std.lua, the steps assay explain
# shows).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
xgettext --from-code=UTF-8 -k_ -kN_ -kNC_:1c,2 -ktr_in:1c,2 -ktrn:1,2 -ksay --no-location \
	-o "$1" "$ROOT"/evaluator/*/*.c "$ROOT"/evaluator/*/*.h "$ROOT"/rules/lib/std.lua

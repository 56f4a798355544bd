#!/bin/sh
# Every message marked for translation in evaluator/ (_(), N_(), NC_())
# has its Chinese in po/zh_CN.po: xgettext lists them, msgcmp compares
# (an untranslated entry counts as missing), and msgfmt --check checks
# that each translation keeps its original's printf directives.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
pot=$(mktemp)
trap 'rm -f "$pot"' EXIT
xgettext --from-code=UTF-8 -k_ -kN_ -kNC_:1c,2 -ktr_in:1c,2 -ktrn:1,2 -L C --no-location -o "$pot" \
	"$ROOT"/evaluator/*/*.c "$ROOT"/evaluator/*/*.h
msgcmp "$ROOT/po/zh_CN.po" "$pot" || {
	echo "po/zh_CN.po lacks the messages above: run 'make po-update' and translate them" >&2
	exit 1
}
msgfmt --check -o /dev/null "$ROOT/po/zh_CN.po"
echo "po: every message has its Chinese"

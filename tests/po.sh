#!/bin/sh
# Every message marked for translation (po/extract.sh: evaluator/'s C and
# the standard library's say()) has its Chinese in po/zh_CN.po: xgettext lists them, msgcmp compares
# (an untranslated entry counts as missing), and msgfmt --check checks
# that each translation keeps its original's printf directives.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
pot=$(mktemp)
trap 'rm -f "$pot"' EXIT
"$ROOT/po/extract.sh" "$pot"
msgcmp "$ROOT/po/zh_CN.po" "$pot" || {
	echo "po/zh_CN.po lacks the messages above: run 'make po-update' and translate them" >&2
	exit 1
}
msgfmt --check -o /dev/null "$ROOT/po/zh_CN.po"
echo "po: every message has its Chinese"

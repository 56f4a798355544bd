#!/usr/bin/env bash
# The layer rule of evaluator/ (evaluator/layers.mk): a file in folder X
# includes headers of X and of the folders LAYER_X names, and of the outside
# libraries LIBS_X names; nothing else of the project or of those libraries.
#
#   tests/layers.sh [EVALUATOR_DIR]     check the sources (default evaluator/)
#   tests/layers.sh --self-test         prove that a file breaking the rule fails
#
# Prints each include that breaks the rule as FILE:LINE and exits 1.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)

if [ "${1:-}" = --self-test ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	cp -r "$ROOT/evaluator" "$tmp/"
	fails=0
	# each line: a file, a line to add to it, what must be said
	while IFS='|' read -r file line said; do
		cp "$ROOT/evaluator/$file" "$tmp/evaluator/$file"
		printf '%s\n' "$line" >>"$tmp/evaluator/$file"
		if out=$("$0" "$tmp/evaluator" 2>&1); then
			echo "layers self-test: '$line' in $file passed the check" >&2
			fails=$((fails + 1))
		elif ! grep -qF -- "$said" <<<"$out"; then
			echo "layers self-test: '$line' in $file: expected '$said', got: $out" >&2
			fails=$((fails + 1))
		fi
		cp "$ROOT/evaluator/$file" "$tmp/evaluator/$file"
	done <<'EOF'
store/store.c|#include <lua.h>|store/store.c:
card/scorecard.h|#include <lauxlib.h>|lauxlib.h (lua) is for host
report/render_html.c|#include "store.h"|report/ may not include store/store.h
report/render_md.c|#include "host.h"|report/ may not include host/host.h
host/host_open.c|#include <sqlite3.h>|sqlite3.h (sqlite3) is for store
base/numbers.c|#include "plan.h"|base/ may not include plan/plan.h
score/engine.c|#include "cli.h"|score/ may not include cli/cli.h
plan/plan.c|#include "nowhere.h"|nowhere.h is in no folder
EOF
	[ "$fails" = 0 ] || exit 1
	echo "layers self-test: 8 broken includes, each refused"
	exit 0
fi

SRC=${1:-$ROOT/evaluator}
MK=$SRC/layers.mk
[ -f "$MK" ] || { echo "layers: no $MK" >&2; exit 2; }

# LAYER_x and LIBS_x from layers.mk
declare -A allowed libs
layers=$(sed -n 's/^LAYERS *:= *//p' "$MK")
for l in $layers; do
	allowed[$l]=$(sed -n "s/^LAYER_$l *:= *//p" "$MK")
	libs[$l]=$(sed -n "s/^LIBS_$l *:= *//p" "$MK")
done

# which folder holds each header
declare -A home
for l in $layers; do
	for h in "$SRC/$l"/*.h; do
		[ -e "$h" ] || continue
		name=$(basename "$h")
		[ -z "${home[$name]:-}" ] || { echo "layers: $name is in $l/ and ${home[$name]}/" >&2; exit 1; }
		home[$name]=$l
	done
done

# the outside library a header belongs to, or "" for the system's own
library_of() {
	case $1 in
	lua.h | lauxlib.h | lualib.h | luaconf.h) echo lua ;;
	sqlite3.h) echo sqlite3 ;;
	yaml.h) echo yaml ;;
	csv.h) echo csv ;;
	zip.h) echo zip ;;
	expat.h) echo expat ;;
	freexl.h) echo freexl ;;
	gsf/*) echo gsf ;;
	zlib.h) echo zlib ;;
	zstd.h) echo zstd ;;
	xlsxwriter.h | xlsxwriter/*) echo xlsxwriter ;;
	utf8proc.h) echo utf8proc ;;
	nettle/*) echo nettle ;;
	check.h) echo check ;;
	*) echo "" ;;
	esac
}

bad=0
for l in $layers; do
	for f in "$SRC/$l"/*.[ch]; do
		[ -e "$f" ] || continue
		rel=$l/$(basename "$f")
		while IFS=: read -r lineno text; do
			if [[ $text =~ \#include\ *\"([^\"]+)\" ]]; then
				h=${BASH_REMATCH[1]}
				at=${home[$h]:-}
				if [ -z "$at" ]; then
					echo "$rel:$lineno: $h is in no folder of evaluator/"
					bad=1
				elif [ "$at" != "$l" ] && [[ " ${allowed[$l]} " != *" $at "* ]]; then
					echo "$rel:$lineno: $l/ may not include $at/$h (it may include: ${allowed[$l]:-nothing else})"
					bad=1
				fi
			elif [[ $text =~ \#include\ *\<([^\>]+)\> ]]; then
				h=${BASH_REMATCH[1]}
				lib=$(library_of "$h")
				if [ -n "$lib" ] && [[ " ${libs[$l]} " != *" $lib "* ]]; then
					owners=""
					for o in $layers; do
						[[ " ${libs[$o]} " == *" $lib "* ]] && owners="$owners $o/"
					done
					echo "$rel:$lineno: $h ($lib) is for${owners:- no layer}, not $l/"
					bad=1
				fi
			fi
		done < <(grep -n '^[[:space:]]*#[[:space:]]*include' "$f")
	done
done
# every folder is a layer
for d in "$SRC"/*/; do
	d=$(basename "$d")
	[[ " $layers " == *" $d "* ]] || { echo "layers: $d/ is not in layers.mk" >&2; bad=1; }
done
[ "$bad" = 0 ] || exit 1
echo "layers: $(ls "$SRC"/*/*.[ch] | wc -l) files in $(wc -w <<<"$layers") layers keep to evaluator/layers.mk"

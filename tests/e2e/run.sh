#!/usr/bin/env bash
# Runs every end-to-end test: the functions named test_* in tests/e2e/t_*.sh,
# each in its own subshell and temporary directory. Prints one line per test
# and a closing "N passed, M failed"; exits 1 when any test failed.
# `run.sh t_report t_score` runs only those files.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export ROOT
ASSAY=${ASSAY:-$ROOT/assay}
export ASSAY
[ -x "$ASSAY" ] || { echo "no assay binary at $ASSAY (run make)" >&2; exit 2; }

passed=0
failed=0
failures=()
files=("$ROOT"/tests/e2e/t_*.sh)
[ $# -eq 0 ] || files=("${@/#/$ROOT/tests/e2e/}") && files=("${files[@]/%.sh/}") && files=("${files[@]/%/.sh}")
for file in "${files[@]}"; do
	tests=$(bash -c "source '$ROOT/tests/e2e/lib.sh'; source '$file'; declare -F" |
		awk '$3 ~ /^test_/ {print $3}')
	for t in $tests; do
		dir=$(mktemp -d)
		if (cd "$dir" && export T="$dir" && source "$ROOT/tests/e2e/lib.sh" &&
			source "$file" && "$t") 2>"$dir/.failure"; then
			passed=$((passed + 1))
			echo "ok      $(basename "$file" .sh) $t"
		else
			failed=$((failed + 1))
			failures+=("$t")
			echo "FAILED  $(basename "$file" .sh) $t"
			sed 's/^/        /' "$dir/.failure"
		fi
		rm -rf "$dir"
	done
done
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

# Shared by bench/run.sh and bench/peer.sh (sourced): timing a command REPS
# times through `measure`, and reading its "WALL RSS_KIB" result.
# Needs $bindir (where measure is), $out (a scratch folder) and $reps.

# median WALL RSS of $reps runs of a command; SETUP (a function name or :)
# runs before each, OUTFILE takes the command's stdout.
median() {
	local setup=$1 outfile=$2
	shift 2
	local runs=()
	for ((r = 0; r < reps; r++)); do
		$setup
		"$bindir/measure" "$out/result" -o "$outfile" "$@"
		runs+=("$(cat "$out/result")")
	done
	printf '%s\n' "${runs[@]}" | sort -n | sed -n "$(((reps + 1) / 2))p"
}

wall() { echo "${1% *}"; }
rss_mb() { awk -v k="${1#* }" 'BEGIN { printf "%.1f", k / 1024 }'; }
# N per second of a result, in millions
rate() { awk -v n="$1" -v t="$(wall "$2")" 'BEGIN { printf "%.2fM", n / t / 1e6 }'; }
# how many times the first result's wall time is the second's
ratio() { awk -v a="$(wall "$1")" -v b="$(wall "$2")" 'BEGIN { printf "%.1f", a / b }'; }

# Inputs with bounds: every file assay reads (plan, targets table, rule
# file, rule tests, figures, the store) must be a regular file within a
# size limit. A device, a FIFO, a directory or a huge file is refused with
# a message naming it, within bounded time and memory (no signal, no
# hang), and the store stays byte for byte as it was.

# run_limited ARGS...: `run_bounded`, and ended after 30 s should assay
# wait (on a FIFO) instead of refusing it.
run_limited() {
	(
		ulimit -t 10
		sanitized || ulimit -v 262144
		timeout 30 "$ASSAY" --db "$T/assay.db" "$@" >"$T/out" 2>"$T/err"
		echo $? >"$T/rc"
	)
}

# refused_unchanged MESSAGE ARGS...: with June's figures in the store,
# `assay ARGS` fails with exit code 1 saying "assay: MESSAGE", and the
# store is byte for byte as it was.
refused_unchanged() {
	local message=$1
	shift
	[ -e "$T/before.db" ] || { import_mini_june; cp "$T/assay.db" "$T/before.db"; }
	run_limited "$@"
	expect_rc 1
	expect_err "assay: $message"
	cmp -s "$T/assay.db" "$T/before.db" || fail "the store changed"
	[ ! -s "$T/assay.db-wal" ] || fail "writes were left in the WAL"
}

# not_files NAME: in $T, NAME as a link to /dev/zero (zero-NAME), a FIFO
# (fifo-NAME), a sparse file of 20 GiB (huge-NAME) and a directory
# (dir-NAME).
not_files() {
	ln -s /dev/zero "$T/zero-$1"
	mkfifo "$T/fifo-$1"
	truncate -s 20G "$T/huge-$1" || fail "could not make a sparse file"
	mkdir "$T/dir-$1"
}

test_figures_that_are_not_files_refused() {
	not_files june.csv
	local what="unable to read the figures file"
	refused_unchanged "$what '/dev/zero': it is a device, not a file" \
		import "$FIX/mini.yaml" /dev/zero
	refused_unchanged "$what '$T/zero-june.csv': it is a device, not a file" \
		import "$FIX/mini.yaml" "$T/zero-june.csv"
	refused_unchanged "$what '$T/fifo-june.csv': it is a FIFO (a named pipe), not a file" \
		import "$FIX/mini.yaml" "$T/fifo-june.csv"
	refused_unchanged "$what '$T/dir-june.csv': it is a directory" \
		import "$FIX/mini.yaml" "$T/dir-june.csv"
}

test_figures_larger_than_a_gib_refused() {
	not_files june.csv
	refused_unchanged "unable to read the figures file '$T/huge-june.csv': it is larger than 1 GiB, the most a figures file may be: split it into several files and import them together" \
		import "$FIX/mini.yaml" "$FIX/mini-2023-07-wide.csv" "$T/huge-june.csv"
}

test_workbooks_and_yaml_figures_bounded_too() {
	not_files june.xlsx
	not_files june.yaml
	local what="unable to read the figures file"
	refused_unchanged "$what '$T/zero-june.xlsx': it is a device, not a file" \
		import "$FIX/mini.yaml" "$T/zero-june.xlsx"
	refused_unchanged "$what '$T/fifo-june.xlsx': it is a FIFO (a named pipe), not a file" \
		import "$FIX/mini.yaml" "$T/fifo-june.xlsx"
	refused_unchanged "$what '$T/huge-june.xlsx': it is larger than 1 GiB, the most a figures file may be: split it into several files and import them together" \
		import "$FIX/mini.yaml" "$T/huge-june.xlsx"
	refused_unchanged "$what '$T/dir-june.yaml': it is a directory" \
		import "$FIX/mini.yaml" "$T/dir-june.yaml"
	refused_unchanged "$what '$T/zero-june.yaml': it is a device, not a file" \
		import "$FIX/mini.yaml" "$T/zero-june.yaml"
}

test_plans_that_are_not_files_refused() {
	not_files plan.yaml
	local what="unable to read the plan"
	refused_unchanged "$what '/dev/zero': it is a device, not a file" \
		import /dev/zero "$FIX/mini-2023-07-wide.csv"
	refused_unchanged "$what '$T/zero-plan.yaml': it is a device, not a file" \
		import "$T/zero-plan.yaml" "$FIX/mini-2023-07-wide.csv"
	refused_unchanged "$what '$T/fifo-plan.yaml': it is a FIFO (a named pipe), not a file" \
		import "$T/fifo-plan.yaml" "$FIX/mini-2023-07-wide.csv"
	refused_unchanged "$what '$T/dir-plan.yaml': it is a directory" \
		import "$T/dir-plan.yaml" "$FIX/mini-2023-07-wide.csv"
	refused_unchanged "$what '$T/huge-plan.yaml': it is larger than 256 MiB, the most a plan may be" \
		score "$T/huge-plan.yaml" --period 2023-06
	run_limited check "$T/zero-plan.yaml"
	expect_rc 1
	expect_err "assay: $what '$T/zero-plan.yaml': it is a device, not a file"
}

# The files a plan names: its targets table and its rule file.
test_files_a_plan_names_bounded() {
	cp "$SEM/table.yaml" "$SEM/plain.lua" "$T/"
	mkfifo "$T/table-targets.csv"
	run_limited check "$T/table.yaml"
	expect_rc 1
	expect_err "assay: unable to read the targets table '$T/table-targets.csv': it is a FIFO (a named pipe), not a file"
	rm "$T/table-targets.csv"
	truncate -s 300M "$T/table-targets.csv"
	run_limited check "$T/table.yaml"
	expect_rc 1
	expect_err "assay: unable to read the targets table '$T/table-targets.csv': it is larger than 256 MiB, the most a targets table may be"
	local p; p=$(mini_plan)
	rm "$T/mini.lua"
	mkdir "$T/mini.lua"
	refused_unchanged "unable to read the rule file '$T/mini.lua': it is a directory" \
		score "$p" --period 2023-06
}

test_rule_tests_that_are_not_files_refused() {
	local p; p=$(mini_plan)
	ln -s /dev/zero "$T/zero.tests.yaml"
	run_limited test "$p" "$T/zero.tests.yaml"
	expect_rc 1
	expect_err "assay: unable to read the rule tests file '$T/zero.tests.yaml': it is a device, not a file"
}

test_store_that_is_not_a_file_refused() {
	mkfifo "$T/fifo.db"
	run_limited --db "$T/fifo.db" score "$FIX/mini.yaml" --period 2023-06
	expect_rc 1
	expect_err "assay: unable to open store '$T/fifo.db': it is a FIFO (a named pipe), not a file"
	run_limited --db /dev/zero import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv"
	expect_rc 1
	expect_err "assay: unable to open store '/dev/zero': it is a device, not a file"
	mkdir "$T/dir.db"
	run_limited --db "$T/dir.db" import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv"
	expect_rc 1
	expect_err "assay: unable to open store '$T/dir.db': it is a directory"
}

# A file within the bound, but more than the memory assay may take, ends
# with a message and exit code 1, not a signal.
test_out_of_memory_is_an_error_not_a_signal() {
	! sanitized || return 0 # AddressSanitizer needs the address space
	printf 'unit,indicator,period,value,note\n' >"$T/big.csv"
	python3 -c 'import sys; sys.stdout.write("区商务局,trade,2023-07,1,\"" + "x" * (300 << 20) + "\"\n")' >>"$T/big.csv"
	refused_unchanged "out of memory" import "$FIX/mini.yaml" "$T/big.csv"
}

test_module_that_is_a_fifo_refused() {
	local p; p=$(mini_plan)
	mkfifo "$T/helpers.lua"
	sed -i '1i local helpers = require "helpers"' "$T/mini.lua"
	run_limited check "$p"
	expect_rc 1
	expect_err_has "unable to read the rule file '$T/helpers.lua': it is a FIFO (a named pipe), not a file"
}

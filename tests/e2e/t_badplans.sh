# Hostile or broken plan files: each is refused with file:line:col and a
# message saying what is wrong, within bounded time and memory.

test_billion_laughs_refused() {
	{
		printf 'id: lol\ntitle: t\nyear: 2023\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n'
		for i in 1 2 3 4 5 6 7 8 9; do
			printf 'a%d: &a%d [' "$i" "$i"
			for _ in 1 2 3 4 5 6 7 8; do printf '*a%d, ' $((i - 1)); done
			printf '*a%d]\n' $((i - 1))
		done
	} >"$T/lol.yaml"
	run_bounded check "$T/lol.yaml"
	expect_rc 1
	expect_err "$T/lol.yaml:5:10: aliases (*a0) are not supported: write the value out"
}

test_deep_flow_nesting_refused() {
	python3 -c 'print("id: deep\ntitle: " + "[" * 100000 + "]" * 100000)' >"$T/deep.yaml"
	run_bounded check "$T/deep.yaml"
	expect_rc 1
	expect_err "$T/deep.yaml:2:72: nesting deeper than 64 levels"
}

test_deep_block_nesting_refused() {
	python3 -c 'print("id: deep\nx:\n" + "".join(" " * (i + 1) + "k:\n" for i in range(5000)))' >"$T/deep.yaml"
	run_bounded check "$T/deep.yaml"
	expect_rc 1
	expect_err "$T/deep.yaml:66:65: nesting deeper than 64 levels"
}

# edited_plan_refused SED MESSAGE: the mini plan edited by the sed script
# SED is refused with "PLAN:MESSAGE".
edited_plan_refused() {
	local p; p=$(mini_plan)
	sed -i "$1" "$p"
	run_bounded check "$p"
	expect_rc 1
	expect_err "$p:$2"
}

test_huge_numbers_refused() {
	edited_plan_refused 's/    target: 7000$/    target: 1e999/' "28:13: target must be a number, not '1e999'"
	edited_plan_refused 's/^year: 2023$/year: 99999999999999999999/' \
		"4:7: year must be a year such as 2023, not '99999999999999999999'"
}

test_invalid_utf8_located() {
	local p; p=$(mini_plan)
	printf 'id: mini\ntitle: \xb2\xe2\xca\xd4\n' >"$T/head.yaml"
	sed -i '1,3d' "$p"
	cat "$T/head.yaml" "$p" >"$T/gbk.yaml"
	run_bounded check "$T/gbk.yaml"
	expect_rc 1
	expect_err "$T/gbk.yaml:2:8: invalid leading UTF-8 octet: save the file as plain UTF-8 text"
}

test_control_character_located() {
	printf 'id: ctl\ntitle: "ab\001"\n' >"$T/ctl.yaml"
	run_bounded check "$T/ctl.yaml"
	expect_rc 1
	expect_err "$T/ctl.yaml:2:11: control character U+0001: remove it, or save the file again as plain UTF-8 text"
}

test_wrong_types_refused() {
	edited_plan_refused 's/units: \[commerce, wuma\]/units: commerce/' "35:12: units must be a list such as [commerce] or 'all', not 'commerce'"
	edited_plan_refused 's/^title: 测试方案$/title: [a, b]/' "3:8: title must be a value, not a list"
	printf -- '- a\n- b\n' >"$T/list.yaml"
	run_bounded check "$T/list.yaml"
	expect_rc 1
	expect_err "$T/list.yaml:1:1: a plan must be a mapping, not a list"
}

test_huge_scalar_bounded() {
	python3 -c 'print("id: big\ntitle: " + "x" * 5000000)' >"$T/big.yaml"
	run_bounded check "$T/big.yaml"
	expect_rc 1
	expect_err "$T/big.yaml:1:1: the plan has no 'year'"
}

test_empty_plan() {
	: >"$T/empty.yaml"
	run_bounded check "$T/empty.yaml"
	expect_rc 1
	expect_err "$T/empty.yaml:1:1: the plan is empty"
}

test_duplicate_group_refused() {
	edited_plan_refused 's/^  - id: town$/  - id: bureau/' "9:9: duplicate group 'bureau'"
}

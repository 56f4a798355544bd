#!/usr/bin/env bash
# make install-test: a package that installs and runs anywhere.
#
#   - `make install` with another PREFIX, into a temporary DESTDIR, after
#     the build there is (BUILD_DIR, copied with its times, so that it stays
#     as it was and only what the PREFIX changes is compiled again);
#   - the installed binary scores a bundled plan from the installed
#     examples, run from another directory with nothing in the environment
#     to help it, as the checkout's binary scores it;
#   - installed for real under a PREFIX and then moved away, the binary
#     finds the standard library where it was built to put it;
#     $ASSAY_RULES_LIB comes before both;
#   - `make uninstall` removes every file install put there;
#   - the Makefile passes CPPFLAGS and LDFLAGS on, and -Werror only with
#     WERROR=1.
#
# usage: tests/install.sh BUILD_DIR
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
unset ASSAY_RULES_LIB ASSAY_DB
passed=0
failed=0

fail() {
	printf '    %s\n' "$@" >&2
	return 1
}

# check NAME: runs test_NAME, counts it.
check() {
	if ("test_$1") 2>"$T/failure"; then
		passed=$((passed + 1))
		echo "ok      install $1"
	else
		failed=$((failed + 1))
		echo "FAILED  install $1"
		sed 's/^/        /' "$T/failure"
	fi
}

# mk ARGS...: make in the checkout with the copied build, quietly.
mk() {
	make -s -C "$ROOT" BUILD="$T/build" "$@" >"$T/make.log" 2>&1 ||
		fail "make $*:" "$(tail -20 "$T/make.log")"
}

PREFIX=/opt/assay-test
DEST=$T/dest
I=$DEST$PREFIX
EX=$I/share/assay/examples

mkdir "$T/build"
find "$BUILD" -mindepth 1 -maxdepth 1 ! -name bench ! -name '*.db*' -exec cp -a {} "$T/build/" \;

test_install_into_destdir_with_another_prefix() {
	mk install PREFIX="$PREFIX" DESTDIR="$DEST" || return 1
	local f
	for f in bin/assay share/assay/rules/lib/std.lua share/man/man1/assay.1 \
		share/assay/examples/plans/lucheng-2023.yaml share/assay/examples/rules/lucheng-2023.lua \
		share/assay/examples/rules/lucheng-2023.tests.yaml \
		share/assay/examples/plans/data/lucheng-2023-2023-09.csv; do
		[ -f "$I/$f" ] || fail "$f was not installed" || return 1
	done
	grep -qaF "$PREFIX/share/assay/rules/lib" "$I/bin/assay" ||
		fail "the binary was not built for PREFIX=$PREFIX"
}

# A plan from the installed examples, scored by the installed binary from
# another directory, reads as the checkout's binary scores the checkout's.
test_installed_binary_scores_an_example_from_elsewhere() {
	mkdir -p "$T/office" && cd "$T/office" || return 1
	"$I/bin/assay" check "$EX/plans/lucheng-2023.yaml" >check.out 2>&1 ||
		fail "check failed:" "$(tail -5 check.out)" || return 1
	"$I/bin/assay" --db s.db import "$EX/plans/lucheng-2023.yaml" \
		"$EX"/plans/data/lucheng-2023-2023-0*.csv >/dev/null 2>&1 || fail "import failed" || return 1
	"$I/bin/assay" --db s.db score "$EX/plans/lucheng-2023.yaml" --period 2023-09 >got 2>&1 ||
		fail "score failed:" "$(tail -5 got)" || return 1
	(
		export ASSAY_RULES_LIB="$ROOT/rules/lib"
		"$BUILD/assay" --db ref.db import "$ROOT/plans/lucheng-2023.yaml" \
			"$ROOT"/plans/data/lucheng-2023-2023-0*.csv >/dev/null &&
		"$BUILD/assay" --db ref.db score "$ROOT/plans/lucheng-2023.yaml" --period 2023-09
	) >want 2>&1
	cmp -s got want || fail "the installed binary scores otherwise:" "$(diff want got | head -10)"
}

test_assay_rules_lib_comes_first() {
	cd "$T" || return 1
	ASSAY_RULES_LIB=$T/nowhere "$I/bin/assay" check "$EX/plans/lucheng-2023.yaml" >out 2>&1 &&
		fail "check passed without the standard library"
	grep -qF "$T/nowhere/std.lua): rules may require only" out ||
		fail "\$ASSAY_RULES_LIB was not looked in:" "$(cat out)"
}

# Installed under a real PREFIX, the binary moved elsewhere finds the
# standard library where the build was told it would be.
test_moved_binary_finds_the_library_it_was_built_for() {
	mk install PREFIX="$T/prefix" || return 1
	mkdir -p "$T/moved" && cp "$T/prefix/bin/assay" "$T/moved/assay" && cd "$T" || return 1
	"$T/moved/assay" check "$T/prefix/share/assay/examples/plans/xuhui-2020.yaml" >out 2>&1 ||
		fail "the moved binary does not find the standard library:" "$(tail -3 out)" || return 1
	mv "$T/prefix/share/assay/rules" "$T/away"
	"$T/moved/assay" check "$T/prefix/share/assay/examples/plans/xuhui-2020.yaml" >out 2>&1
	mv "$T/away" "$T/prefix/share/assay/rules"
	grep -qF "$T/prefix/share/assay/rules/lib/std.lua)" out ||
		fail "the library's place is not said:" "$(cat out)"
}

test_uninstall_removes_what_install_put() {
	mk uninstall PREFIX="$PREFIX" DESTDIR="$DEST" || return 1
	local left
	left=$(find "$DEST" -type f)
	[ -z "$left" ] || fail "left after make uninstall:" "$left" || return 1
	[ ! -e "$I/share/assay" ] || fail "share/assay was left"
}

# The compile and link lines make would run (a dry run from scratch), with
# none of the flags of the make this runs under (make check's WERROR=1
# reaches it in the environment and MAKEFLAGS).
dry_run() {
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS -u WERROR -u CFLAGS -u CPPFLAGS -u LDFLAGS \
		make -n -B -C "$ROOT" V=1 BUILD="$T/dry" "$@" \
		"$T/dry/assay" 2>/dev/null | grep -E '^(cc|gcc|clang|\$\(CC\)).* -o '
}

test_makefile_takes_cppflags_ldflags_and_werror() {
	local lines
	lines=$(dry_run CPPFLAGS=-DASSAY_HARDENED LDFLAGS=-Wl,-z,relro)
	[ -n "$lines" ] || fail "no compile lines in make -n" || return 1
	! grep -- ' -c ' <<<"$lines" | grep -qv -- '-DASSAY_HARDENED' ||
		fail "CPPFLAGS is not on every compile line" || return 1
	grep -v -- ' -c ' <<<"$lines" | grep -q -- '-Wl,-z,relro' || fail "LDFLAGS is not on the link line" ||
		return 1
	! grep -q -- '-Werror' <<<"$lines" || fail "-Werror without WERROR=1" || return 1
	! dry_run WERROR=1 | grep -- ' -c ' | grep -qv -- '-Werror' || fail "WERROR=1 does not give -Werror"
}

check install_into_destdir_with_another_prefix
check installed_binary_scores_an_example_from_elsewhere
check assay_rules_lib_comes_first
check moved_binary_finds_the_library_it_was_built_for
check uninstall_removes_what_install_put
check makefile_takes_cppflags_ldflags_and_werror
echo "install: $passed passed, $failed failed"
[ "$failed" = 0 ]

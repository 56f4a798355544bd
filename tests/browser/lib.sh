# What the scripts that drive the browser share (sourced after SUITE, the
# name their lines of results start with, is set): a temporary directory
# $T, the counts of checks passed and failed, and the browser.

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0
failed=0

# check FUNCTION: runs one check and counts it, a line of result each.
check() {
	if "$@"; then
		passed=$((passed + 1))
		echo "ok      $SUITE $1"
	else
		failed=$((failed + 1))
		echo "FAILED  $SUITE $1"
	fi
}

# browser ARGS... URL: headless Chromium with a fresh profile and nothing
# that reaches the network on its own; its log goes to $T/log.
browser() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--no-default-browser-check --disable-background-networking \
		--disable-component-update --disable-sync --disable-default-apps \
		--disable-extensions --disable-breakpad --disable-domain-reliability \
		--metrics-recording-only --user-data-dir="$(mktemp -d "$T/profile.XXXXXX")" \
		--enable-logging=stderr --v=0 "$@" 2>"$T/log"
}

# What the scripts that drive the browser share (sourced; $T is their
# temporary directory).

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

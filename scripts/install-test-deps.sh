# Sourced by ./test.sh: installs the Debian packages the integration tests run against.
# Under CI=true a package that cannot be installed fails the run; elsewhere it is reported and
# the tests that need it are skipped (they say so loudly).
JALLOY_TEST_PACKAGES=(
  prometheus      # promtool lints /metrics; the remote-write receiver and scrape target
  prometheus-node-exporter # scrape target and the unix exporter's conformance peer
  chromium        # the web UI is tested in a real headless browser
  chromium-driver
  systemd-journal-remote # writes journal files from export format for loki.source.journal
  systemd         # systemd-journald, systemd-cat, journalctl: the live journal
)

jalloy_install_test_deps() {
  local missing=() pkg
  for pkg in "${JALLOY_TEST_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "test.sh: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"; } >/dev/null; then
    if [ "${CI:-}" = "true" ]; then
      echo "test.sh: could not install ${missing[*]}; CI needs every peer" >&2
      exit 1
    fi
    echo "test.sh: WARNING could not install ${missing[*]}; tests that need them will be skipped" >&2
  fi
}
jalloy_install_test_deps

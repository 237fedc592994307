#!/usr/bin/env bash
# The whole test suite: unit, golden and conformance tests, then integration tests against real
# peers. Installs what the tests need first, so a fresh machine needs nothing but a JDK and Maven.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"
source scripts/find-jdk.sh
scripts/test-find-jdk.sh
# The tests read the shared reference material (Alloy's test data, the seed configs) from
# ../shared beside the repository. A clone made elsewhere (git clone . /tmp/x) finds it beside the
# repository it was cloned from, and links it in place.
if [ ! -d "$root/../shared" ]; then
  origin=$(git -C "$root" config --get remote.origin.url 2>/dev/null || true)
  if [ -n "$origin" ] && [ -d "$origin/../shared" ]; then
    ln -s "$(cd "$origin/../shared" && pwd)" "$root/../shared"
    echo "test.sh: linked $root/../shared to the shared directory beside $origin"
  else
    echo "test.sh: the shared reference directory must sit beside the repository ($root/../shared)" >&2
    exit 1
  fi
fi
source scripts/install-test-deps.sh
echo "test.sh: JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
./mvnw -B -ntp verify "$@"

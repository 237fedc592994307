#!/usr/bin/env bash
# The whole test suite: unit, golden and conformance tests, then integration tests against real
# peers. Installs what the tests need first, so a fresh machine needs nothing but a JDK and Maven.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"
source scripts/find-jdk.sh
scripts/test-find-jdk.sh
source scripts/install-test-deps.sh
echo "test.sh: JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
./mvnw -B -ntp verify "$@"

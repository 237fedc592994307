#!/usr/bin/env bash
# Checks scripts/find-jdk.sh: a Java 17 JAVA_HOME does not stop it finding a JDK 25, and when no
# JDK 25 exists the user gets a clear message and exit 1. Run by ./test.sh; needs no build.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
failed=0

check() { # description, expected exit status, grep pattern expected in the output, command...
  local what=$1 want=$2 pattern=$3 out status
  shift 3
  out=$("$@" 2>&1)
  status=$?
  if [ "$status" -ne "$want" ] || ! grep -q -- "$pattern" <<<"$out"; then
    echo "test-find-jdk: FAIL $what (exit $status, want $want; output:)" >&2
    echo "$out" >&2
    failed=1
  fi
}

find_jdk() { # prints the JAVA_HOME find-jdk.sh settles on
  bash -c 'source "$1/scripts/find-jdk.sh" && "$JAVA_HOME/bin/java" -version 2>&1 | head -1' _ "$root"
}

check "a Java 17 JAVA_HOME is skipped" 0 'version "2[5-9]\|version "[3-9][0-9]' \
  env JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 bash -c "$(declare -f find_jdk); root=$root; find_jdk"
check "no JDK 25 anywhere gives a clear message" 1 'jalloy needs a JDK 25 or newer' \
  env JAVA_HOME= JALLOY_JDK_SEARCH_PATH=/nonexistent bash -c "source '$root/scripts/find-jdk.sh'"
check "the message says what to install" 1 'apt-get install openjdk-25-jdk' \
  env JAVA_HOME= JALLOY_JDK_SEARCH_PATH=/nonexistent bash -c "source '$root/scripts/find-jdk.sh'"

[ "$failed" -eq 0 ] && echo "test-find-jdk: ok"
exit "$failed"

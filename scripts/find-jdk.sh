# Sourced by ./jalloy and ./test.sh: finds a JDK 25 or newer and exports JAVA_HOME.
# Order: $JAVA_HOME when it is 25+, then the JDKs installed under /usr/lib/jvm (newest first),
# then the `java` on PATH. Machines here default to Java 17, so PATH alone is not enough.
# JALLOY_JDK_SEARCH_PATH (colon-separated JDK homes, globs allowed) replaces the /usr/lib/jvm and
# PATH search; tests use it to check the message shown when no JDK 25 exists.

jalloy_java_major() { # prints the feature version of the JDK in $1, or nothing
  local release="$1/release" version
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  else
    version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
  fi
  echo "$version"
}

jalloy_find_jdk() {
  local candidate major
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(jalloy_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then return 0; fi
    echo "jalloy: JAVA_HOME=$JAVA_HOME is not a JDK 25 or newer; looking for one elsewhere." >&2
  fi
  local search="/usr/lib/jvm/*:/opt/java/openjdk" pattern
  [ -n "${JALLOY_JDK_SEARCH_PATH+set}" ] && search=$JALLOY_JDK_SEARCH_PATH
  local IFS=:
  for pattern in $search; do
    unset IFS
    # shellcheck disable=SC2086 # the pattern is a glob on purpose
    for candidate in $(ls -d $pattern 2>/dev/null | sort -rV); do
      candidate=${candidate%/}
      major=$(jalloy_java_major "$candidate")
      if [ -n "$major" ] && [ "$major" -ge 25 ]; then export JAVA_HOME="$candidate"; return 0; fi
    done
  done
  unset IFS
  if [ -z "${JALLOY_JDK_SEARCH_PATH+set}" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(jalloy_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then export JAVA_HOME="$candidate"; return 0; fi
  fi
  local looked="${search//:/, }"
  [ -z "${JALLOY_JDK_SEARCH_PATH+set}" ] && looked="$looked and the javac on PATH"
  echo "jalloy needs a JDK 25 or newer, and none was found (looked at \$JAVA_HOME, $looked)." >&2
  cat >&2 <<'MSG'
Install one, for example:
  apt-get install openjdk-25-jdk        (Debian testing / Ubuntu 25.10+)
  or Eclipse Temurin 25 from https://adoptium.net
then run again, or point JAVA_HOME at it.
MSG
  return 1
}

jalloy_find_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"

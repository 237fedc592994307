#!/usr/bin/env bash
# Loads a graph of 1,000 components (parse, graph, evaluate, build, start) and stops it, timed by
# JMH in single-shot mode: each measurement is one complete load from a cold controller in a warm
# JVM. Budget: under 1 s. Extra arguments go to JMH, e.g. -p components=5000.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source scripts/find-jdk.sh

./mvnw -q -B -Pbench -pl bench -am package -DskipTests -Dspotless.skip=true >&2

echo "date:    $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "load:    $(cut -d" " -f1-3 /proc/loadavg) (1, 5, 15 min)"
echo "jdk:     $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "commit:  $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo ' (modified)')"
"$JAVA_HOME/bin/java" -cp bench/target/jalloy-bench.jar org.openjdk.jmh.Main \
  -f 1 -wi 10 -i 20 -bm ss -tu ms "$@" 'ControllerBenchmark' 2>&1 | grep -v "^SLF4J"

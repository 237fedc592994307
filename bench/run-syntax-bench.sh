#!/usr/bin/env bash
# Builds and runs the configuration-language benchmarks (parse, format, parse+format of a ~1 MB
# config generated from ../shared/configs) with a short JMH setup sized for a 2-core machine, and
# prints the figures with the machine they were measured on. Extra arguments go to JMH, e.g.
#   bench/run-syntax-bench.sh -f 2 -i 10        more forks and iterations
#   bench/run-syntax-bench.sh 'SyntaxBenchmarks.parse$'   one benchmark
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source scripts/find-jdk.sh

./mvnw -q -B -Pbench -pl bench -am package -DskipTests -Dspotless.skip=true >&2

echo "date:    $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
  "$(awk '/MemTotal/ {printf "%.1f GiB RAM", $2 / 1048576}' /proc/meminfo)"
echo "load:    $(cut -d" " -f1-3 /proc/loadavg) (1, 5, 15 min; other work on the machine skews the figures)"
echo "jdk:     $("$JAVA_HOME/bin/java" -version 2>&1 | head -1) ($JAVA_HOME)"
echo "commit:  $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo ' (modified)')"

corpus="$root/bench/target/corpus-1mb.alloy"
"$JAVA_HOME/bin/java" -Djalloy.shared.dir="$root/../shared" -Djalloy.bench.corpus="$corpus" \
  -jar bench/target/jalloy-bench.jar -f 1 -wi 5 -i 5 -w 2s -r 2s -t 1 "$@" 'SyntaxBenchmarks'

# The corpus must stay a valid configuration, or the figures measure error recovery.
./jalloy validate "$corpus" >&2 && echo "corpus validates: yes"

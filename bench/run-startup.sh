#!/usr/bin/env bash
# Start-up time (process start to /-/ready answering 200) and idle RSS (VmRSS after 10 s idle)
# of `jalloy run` on a configuration, averaged over several runs, with and without Java's AOT
# cache (JEP 483/514: classes loaded and linked ahead of time from a training run).
# Usage: bench/run-startup.sh [config] [runs]
# (configs/host-simple.alloy wants HOSTNAME, PROM_URL and LOKI_URL in the environment)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source scripts/find-jdk.sh
config=${1:-examples/quickstart.alloy}
runs=${2:-5}
jar=jalloy-cli/target/jalloy.jar
./mvnw -q -B -pl jalloy-cli -am package -DskipTests -Dspotless.skip=true >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
port=12399

now_ms() { date +%s%3N; }

measure() { # label, extra JVM options...
  local label=$1; shift
  local total=0 rss_total=0
  for i in $(seq "$runs"); do
    local start; start=$(now_ms)
    "$JAVA_HOME/bin/java" "$@" -jar "$jar" run --server.http.listen-addr=127.0.0.1:$port \
      --storage.path="$work/data" "$config" >"$work/log" 2>&1 &
    local pid=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$port/-/ready"; do
      kill -0 $pid 2>/dev/null || { cat "$work/log"; exit 1; }
      sleep 0.01
    done
    local ready=$(( $(now_ms) - start ))
    sleep 10
    local rss; rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
    kill $pid; wait $pid 2>/dev/null || true
    echo "  $label run $i: ready after ${ready} ms, idle RSS $((rss / 1024)) MiB"
    total=$((total + ready)); rss_total=$((rss_total + rss))
  done
  echo "$label: mean ready ${total}/${runs} = $((total / runs)) ms, mean idle RSS $((rss_total / runs / 1024)) MiB"
}

echo "date:    $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "load:    $(cut -d" " -f1-3 /proc/loadavg)"
echo "jdk:     $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "config:  $config"

measure "default JVM options"

# Training run for the AOT cache: run until ready, then stop; the JVM writes the cache at exit.
"$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$work/jalloy.aot" -jar "$jar" run \
  --server.http.listen-addr=127.0.0.1:$port --storage.path="$work/data" "$config" >"$work/log" 2>&1 &
pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/-/ready"; do sleep 0.05; done
curl -s -o /dev/null "http://127.0.0.1:$port/metrics"
curl -s -o /dev/null "http://127.0.0.1:$port/api/v0/web/components"
kill $pid; wait $pid 2>/dev/null || true
ls -la "$work/jalloy.aot" | awk '{print "aot cache: " $5 " bytes"}'
measure "with AOT cache" -XX:AOTCache="$work/jalloy.aot"
measure "with AOT cache, SerialGC" -XX:AOTCache="$work/jalloy.aot" -XX:+UseSerialGC
measure "with AOT cache, SerialGC, THP (as ./jalloy starts it where the kernel offers huge pages)" \
  -XX:AOTCache="$work/jalloy.aot" -XX:+UseSerialGC -XX:+UseTransparentHugePages

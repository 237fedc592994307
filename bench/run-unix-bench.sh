#!/usr/bin/env bash
# CPU per scrape of jalloy's prometheus.exporter.unix against Debian's prometheus-node-exporter on
# this machine, one after the other in one run (never together, so they do not share the cores).
# Both read this host's /proc, /sys and / with the same collectors: jalloy runs
# `prometheus.exporter.unix "default" {}` (Alloy's defaults); node_exporter runs its defaults with
# the flags that make them Alloy's (see NE_FLAGS). Each is scraped WARMUP times, then N times with
# curl (a new connection per request); CPU = utime+stime of /proc/PID/stat over the N scrapes.
# Printed per side: CPU ms per scrape, the in-process collector time (the sum of
# node_scrape_collector_duration_seconds, averaged over the N bodies), series per body, and RSS.
# Usage: bench/run-unix-bench.sh [N] [WARMUP]   (127.0.0.1 only)
# JALLOY_JAVA_OPTS adds JVM options to jalloy, e.g. a JFR recording:
#   JALLOY_JAVA_OPTS='-XX:StartFlightRecording=filename=/tmp/unix.jfr,settings=profile' \
#     BENCH_SIDES=jalloy bench/run-unix-bench.sh
#   jfr print --events jdk.ExecutionSample /tmp/unix.jfr
# BENCH_SIDES="jalloy" or "node_exporter" runs one side only. SKIP_BUILD=1 uses the jar as built.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source scripts/find-jdk.sh >/dev/null
n=${1:-200}
warmup=${2:-200}
jar=jalloy-cli/target/jalloy.jar
exporter=/usr/bin/prometheus-node-exporter
for bin in "$exporter" python3 curl; do
  command -v "$bin" >/dev/null || { echo "missing $bin" >&2; exit 1; }
done
if [[ -z ${SKIP_BUILD:-} ]]; then
  ./mvnw -q -B -o package -pl jalloy-cli -am -DskipTests -Dspotless.skip=true >&2
fi

# node_exporter's defaults made Alloy's: no guest CPU, no systemd (Debian turns it on), netdev
# from /proc/net/dev without a device filter, Alloy's filesystem excludes, no textfile directory.
NE_FLAGS=(
  --no-collector.cpu.guest --no-collector.systemd --no-collector.netdev.netlink
  --collector.netdev.device-exclude=
  '--collector.filesystem.mount-points-exclude=^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+)($|/)'
  '--collector.filesystem.fs-types-exclude=^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|sysfs|tracefs)$'
  --collector.textfile.directory=
)

source bench/lib.sh

measure() { # side, pid, url
  local side=$1 pid=$2 url=$3
  for _ in $(seq "$warmup"); do curl -sf -o /dev/null "$url"; done
  local c0 c1
  c0=$(cpu_ticks "$pid")
  # awk runs in the client: it costs the measured process nothing
  for _ in $(seq "$n"); do
    curl -sf "$url" | awk '
      /^node_scrape_collector_duration_seconds[ {]/ { d += $NF }
      /^[^#]/ { s++ }
      END { printf "%.9f %d\n", d, s }'
  done >"$work/$side.bodies"
  c1=$(cpu_ticks "$pid")
  python3 - "$side" "$c0" "$c1" "$clk" "$n" "$(rss_mib "$pid")" "$work/$side.bodies" <<'PY' \
    | tee -a "$work/results"
import sys
side, c0, c1, clk, n, rss, bodies = sys.argv[1:]
rows = [line.split() for line in open(bodies)]
collect = sum(float(d) for d, _ in rows) / len(rows)
series = sum(int(s) for _, s in rows) / len(rows)
cpu_ms = (int(c1) - int(c0)) / int(clk) * 1000 / int(n)
print(f"{side:13s} CPU {cpu_ms:6.2f} ms/scrape ({int(c1) - int(c0)} ticks / {n} scrapes), "
      f"collectors {collect * 1000:6.2f} ms/scrape (sum of durations), "
      f"{series:.0f} series, RSS {rss} MiB")
PY
}

echo "date:    $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "load:    $(cut -d" " -f1-3 /proc/loadavg) (1, 5, 15 min)"
echo "jdk:     $("$JAVA_HOME/bin/java" -version 2>&1 | head -1) ${JALLOY_JAVA_OPTS:-(default JVM options)}"
echo "exporter: $("$exporter" --version 2>&1 | head -1)"
echo "commit:  $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (+ uncommitted changes)')"
echo "job:     $warmup scrapes of warm-up, then $n measured, one curl (new connection) each"

sides=${BENCH_SIDES:-node_exporter jalloy}
if [[ $sides == *node_exporter* ]]; then
  port=$(free_port)
  "$exporter" --web.listen-address=127.0.0.1:$port "${NE_FLAGS[@]}" >"$work/ne.log" 2>&1 &
  ne_pid=$!; pids+=("$ne_pid")
  wait_http "http://127.0.0.1:$port/metrics" "$ne_pid" "$work/ne.log"
  measure node_exporter "$ne_pid" "http://127.0.0.1:$port/metrics"
  kill "$ne_pid"; wait "$ne_pid" 2>/dev/null || true
fi
if [[ $sides == *jalloy* ]]; then
  port=$(free_port)
  echo 'prometheus.exporter.unix "default" {}' >"$work/unix.alloy"
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED ${JALLOY_JAVA_OPTS:-} -jar "$jar" \
    run "$work/unix.alloy" --server.http.listen-addr=127.0.0.1:$port \
    --storage.path="$work/jalloy-data" >"$work/jalloy.log" 2>&1 &
  jalloy_pid=$!; pids+=("$jalloy_pid")
  url="http://127.0.0.1:$port/api/v0/component/prometheus.exporter.unix.default/metrics"
  wait_http "$url" "$jalloy_pid" "$work/jalloy.log"
  measure jalloy "$jalloy_pid" "$url"
  kill "$jalloy_pid"; wait "$jalloy_pid" 2>/dev/null || true
fi

python3 - "$work/results" <<'PY'
import re, sys
cpu = {}
for line in open(sys.argv[1]):
    cpu[line.split()[0]] = float(re.search(r"CPU +([\d.]+) ms", line).group(1))
if "jalloy" in cpu and "node_exporter" in cpu and cpu["node_exporter"]:
    ratio = cpu["jalloy"] / cpu["node_exporter"]
    print(f"ratio:   jalloy / node_exporter = {ratio:.2f}x CPU per scrape (budget <= 1x: "
          f"{'met' if ratio <= 1 else 'NOT met'})")
PY

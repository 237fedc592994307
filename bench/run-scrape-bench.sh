#!/usr/bin/env bash
# Scrape -> relabel -> remote_write of many targets: jalloy against the Debian Prometheus in agent
# mode doing the same job, both at once and measured over the same windows (BENCH_MODE=sequential:
# one after the other, as this script did until 2026-12-07; see docs/PERFORMANCE.md for why).
# Each side scrapes N targets (one python http.server serving a captured node_exporter body; each
# target differs by its `i` URL parameter and its `instance` label), adds one label per sample, and
# remote-writes to a Prometheus with the remote-write receiver. After a warm-up, the CPU time
# (utime+stime) and the samples sent (prometheus_remote_storage_samples_total) are measured over a
# window (BENCH_WINDOWS windows back to back, 3 by default, each printed, the summary over all);
# printed: samples per CPU-second of each, their ratio, and RSS. Budget: jalloy >= 2x.
# Usage: bench/run-scrape-bench.sh [targets] [warmup-s=300] [window-s=60]   (127.0.0.1 only)
# JALLOY_JAVA_OPTS adds JVM options to jalloy (e.g. a JFR recording). BENCH_SIDES="jalloy" runs
# one side only (for profiling). After jalloy's window the heap is collected (jcmd GC.run) and the
# live heap per active series printed: an upper bound, as jalloy's own baseline is included.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source scripts/find-jdk.sh
targets=${1:-200}
warmup=${2:-300}
window=${3:-60}
windows=${BENCH_WINDOWS:-3} # measured back to back; the summary line covers them all
interval=5s
jar=jalloy-cli/target/jalloy.jar
prom=/usr/bin/prometheus
exporter=/usr/bin/prometheus-node-exporter
for bin in "$prom" "$exporter" python3 curl; do
  command -v "$bin" >/dev/null || { echo "missing $bin" >&2; exit 1; }
done
./mvnw -q -B -pl jalloy-cli -am package -DskipTests -Dspotless.skip=true >&2
./jalloy --version >/dev/null 2>&1 || true # prepares the launcher's start-up cache once

source bench/lib.sh

# 1. The targets: one captured node_exporter body, served by python for every target.
mkdir -p "$work/www"
port=$(free_port)
"$exporter" --web.listen-address=127.0.0.1:$port >"$work/exporter.log" 2>&1 &
exporter_pid=$!; pids+=("$exporter_pid")
wait_http "http://127.0.0.1:$port/metrics" "$exporter_pid" "$work/exporter.log"
curl -sf "http://127.0.0.1:$port/metrics" >"$work/www/metrics"
kill "$exporter_pid"; wait "$exporter_pid" 2>/dev/null || true
body_samples=$(grep -cv '^#' "$work/www/metrics")
target_port=$(free_port)
# HTTP/1.1 with keep-alive, as real exporters answer (python's `-m http.server` speaks HTTP/1.0 and
# closes every connection, which would make both sides measure TCP set-up rather than scraping).
cat >"$work/serve.py" <<'PY'
import http.server, sys
body = open(sys.argv[2], "rb").read()
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
PY
python3 "$work/serve.py" "$target_port" "$work/www/metrics" >"$work/targets.log" 2>&1 &
pids+=("$!")
wait_http "http://127.0.0.1:$target_port/metrics?i=0" "$!" "$work/targets.log"

# 2. The receiver.
recv_port=$(free_port)
cat >"$work/receiver.yml" <<EOF
global:
  scrape_interval: 1h
EOF
"$prom" --config.file="$work/receiver.yml" --storage.tsdb.path="$work/receiver" \
  --web.listen-address=127.0.0.1:$recv_port --web.enable-remote-write-receiver \
  >"$work/receiver.log" 2>&1 &
recv_pid=$!; pids+=("$recv_pid")
wait_http "http://127.0.0.1:$recv_port/-/ready" "$recv_pid" "$work/receiver.log"
write_url="http://127.0.0.1:$recv_port/api/v1/write"

# 3. The two configurations: same targets, same rule (add bench="<side>"), same receiver.
jalloy_port=$(free_port)
agent_port=$(free_port)
{
  echo 'prometheus.scrape "bench" {'
  echo '  targets = ['
  for i in $(seq 0 $((targets - 1))); do
    echo "    {\"__address__\" = \"127.0.0.1:$target_port\", \"__param_i\" = \"$i\", \"instance\" = \"t$i\"},"
  done
  echo '  ]'
  echo "  job_name        = \"bench\""
  echo "  scrape_interval = \"$interval\""
  echo "  scrape_timeout  = \"$interval\""
  echo '  forward_to      = [prometheus.relabel.bench.receiver]'
  echo '}'
  echo 'prometheus.relabel "bench" {'
  echo '  forward_to = [prometheus.remote_write.bench.receiver]'
  echo '  rule {'
  echo '    target_label = "bench"'
  echo '    replacement  = "jalloy"'
  echo '  }'
  echo '}'
  echo 'prometheus.remote_write "bench" {'
  echo "  endpoint { url = \"$write_url\" }"
  echo '}'
} >"$work/jalloy.alloy"
{
  echo 'global:'
  echo "  scrape_interval: $interval"
  echo "  scrape_timeout: $interval"
  echo 'scrape_configs:'
  echo '  - job_name: bench'
  echo '    static_configs:'
  for i in $(seq 0 $((targets - 1))); do
    echo "      - targets: ['127.0.0.1:$target_port']"
    echo "        labels: {__param_i: '$i', instance: 't$i'}"
  done
  # prometheus.relabel runs on every sample, so the agent's counterpart is metric_relabel_configs.
  echo '    metric_relabel_configs:'
  echo '      - target_label: bench'
  echo '        replacement: agent'
  echo 'remote_write:'
  echo "  - url: $write_url"
} >"$work/agent.yml"

samples_sent() { # sum of prometheus_remote_storage_samples_total over its series
  curl -sf "$1" | awk '/^prometheus_remote_storage_samples_total[ {]/ {s += $NF} END {printf "%.0f", s}'
}

# CPU ticks of the JVM's JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre"), 0 for Go.
jit_ticks() {
  local total=0 t
  for t in /proc/"$1"/task/*; do
    [[ $(cat "$t/comm" 2>/dev/null) == C[12]\ Compiler* ]] || continue
    total=$(( total + $(awk '{print $14 + $15}' "$t/stat") ))
  done
  echo "$total"
}

measure() { # side, pid, metrics url
  local side=$1 pid=$2 url=$3
  # During the warm-up each side's own /metrics is scraped every 15 s, as the Prometheus that
  # monitors an agent does: the window then starts with that path warm on both sides (before
  # this, jalloy's first exposition, interpreted and then compiled, landed in the first window).
  local waited=0
  while (( waited + 15 <= warmup )); do
    sleep 15; waited=$(( waited + 15 ))
    curl -sf -o /dev/null "$url" || true
  done
  sleep $(( warmup - waited ))
  local c0 s0 c1 s1 j0 j1 k cw sw
  c0=$(cpu_ticks "$pid"); s0=$(samples_sent "$url"); j0=$(jit_ticks "$pid")
  # BENCH_PROFILER: a command taking "-d SECONDS -f FILE PID" (async-profiler's, for one) run on
  # jalloy through the first window, writing BENCH_PROFILE_OUT; it costs CPU inside that window.
  if [[ $side == jalloy && -n ${BENCH_PROFILER:-} ]]; then
    $BENCH_PROFILER -d "$window" -f "${BENCH_PROFILE_OUT:-$root/scrape-profile.txt}" "$pid" >/dev/null 2>&1 &
  fi
  c1=$c0; s1=$s0
  # Several windows back to back: their spread shows how far one window's figure can be trusted.
  for (( k = 1; k <= windows; k++ )); do
    sleep "$window"
    cw=$(cpu_ticks "$pid"); sw=$(samples_sent "$url")
    awk -v side="$side" -v k="$k" -v c=$(( cw - c1 )) -v n=$(( sw - s1 )) -v clk="$clk" \
      'BEGIN { cpu = c / clk; printf "%-7s   window %d: %d samples, CPU %.2f s, %.0f samples per CPU-second\n",
               side, k, n, cpu, (cpu > 0 ? n / cpu : 0) }'
    c1=$cw; s1=$sw
  done
  j1=$(jit_ticks "$pid")
  local rss; rss=$(rss_mib "$pid")
  if [[ $side == jalloy ]]; then
    "$JAVA_HOME/bin/jcmd" "$pid" GC.run >/dev/null
    # Sum the generations' "used" (not Metaspace / class space) after the full collection.
    "$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info |
      awk '!/Metaspace|class space/ && /total .*used/ {
             match($0, /used [0-9]+K/); s += substr($0, RSTART + 5, RLENGTH - 6) }
           END { printf "%d\n", s * 1024 }' >"$work/heap_used"
  fi
  python3 - "$side" "$c0" "$c1" "$s0" "$s1" "$clk" "$(( window * windows ))" "$rss" "$j0" "$j1" <<'PY' | tee -a "$work/results"
import sys
side, c0, c1, s0, s1, clk, window, rss, j0, j1 = sys.argv[1:]
cpu = (int(c1) - int(c0)) / int(clk)
jit = (int(j1) - int(j0)) / int(clk)
samples = int(s1) - int(s0)
rate = samples / cpu if cpu else 0.0
print(f"{side:7s} samples sent {samples:>9d} in {window} s ({samples / int(window):>8.0f}/s), "
      f"CPU {cpu:6.2f} s ({100 * cpu / int(window):5.1f}% of a core), "
      f"{rate:>9.0f} samples/CPU-s, RSS {rss} MiB")
if jit:
    print(f"{side:7s}   of which JIT compiler threads {jit:.2f} s; without them "
          f"{samples / (cpu - jit):.0f} samples/CPU-s")
PY
}

echo "date:    $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "load:    $(cut -d" " -f1-3 /proc/loadavg) (1, 5, 15 min)"
echo "jdk:     $("$JAVA_HOME/bin/java" -version 2>&1 | head -1) (launcher defaults) ${JALLOY_JAVA_OPTS:-}"
echo "agent:   $("$prom" --version 2>&1 | head -1)"
echo "thp:     $(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo unknown)" \
  "(the launcher asks for huge pages unless [never]); mode: ${BENCH_MODE:-together}"
echo "commit:  $(git rev-parse --short HEAD)"
echo "job:     $targets targets x $body_samples samples (node_exporter body) every $interval;" \
  "warm-up ${warmup} s, $windows windows of ${window} s"

sides=${BENCH_SIDES:-jalloy agent}
start_jalloy() {
  # Through the launcher, so jalloy runs with the JVM options users get.
  JALLOY_JAVA_OPTS="${JALLOY_JAVA_OPTS:-}" ./jalloy run "$work/jalloy.alloy" \
    --server.http.listen-addr=127.0.0.1:$jalloy_port --storage.path="$work/jalloy-data" \
    >"$work/jalloy.log" 2>&1 &
  jalloy_pid=$!; pids+=("$jalloy_pid")
  wait_http "http://127.0.0.1:$jalloy_port/-/ready" "$jalloy_pid" "$work/jalloy.log"
}
start_agent() {
  "$prom" --enable-feature=agent --config.file="$work/agent.yml" \
    --storage.agent.path="$work/agent-data" --web.listen-address=127.0.0.1:$agent_port \
    >"$work/agent.log" 2>&1 &
  agent_pid=$!; pids+=("$agent_pid")
  wait_http "http://127.0.0.1:$agent_port/-/ready" "$agent_pid" "$work/agent.log"
}
heap_per_series() {
  python3 - "$(cat "$work/heap_used")" "$(( targets * (body_samples + 5) ))" <<'PY'
import sys
used, series = int(sys.argv[1]), int(sys.argv[2])
print(f"jalloy  live heap after a full GC: {used / 2**20:.0f} MiB for {series} active series = "
      f"{used / series:.0f} bytes per series, baseline included (budget <= 2048)")
PY
}

if [[ ${BENCH_MODE:-together} == together && $sides == *jalloy* && $sides == *agent* ]]; then
  # 4. Both sides at once, measured over the same windows: whatever else the machine does (the
  # receiver's own work, a neighbour on the host) falls on both alike. Each uses about a tenth of
  # a core, so on 2 cores they hardly contend; each side's CPU is its own process's.
  start_jalloy
  start_agent
  measure jalloy "$jalloy_pid" "http://127.0.0.1:$jalloy_port/metrics" >"$work/out.jalloy" &
  measuring_jalloy=$!
  measure agent "$agent_pid" "http://127.0.0.1:$agent_port/metrics" >"$work/out.agent" &
  measuring_agent=$!
  wait "$measuring_jalloy" "$measuring_agent"
  kill "$jalloy_pid" "$agent_pid"; wait "$jalloy_pid" "$agent_pid" 2>/dev/null || true
  cat "$work/out.jalloy"
  heap_per_series
  cat "$work/out.agent"
else
  # 4. One side after the other (BENCH_MODE=sequential, or one side only).
  if [[ $sides == *jalloy* ]]; then
    start_jalloy
    measure jalloy "$jalloy_pid" "http://127.0.0.1:$jalloy_port/metrics"
    kill "$jalloy_pid"; wait "$jalloy_pid" 2>/dev/null || true
    heap_per_series
  fi
  if [[ $sides == *agent* ]]; then
    start_agent
    measure agent "$agent_pid" "http://127.0.0.1:$agent_port/metrics"
    kill "$agent_pid"; wait "$agent_pid" 2>/dev/null || true
  fi
fi

# 5. Both must have delivered, and the receiver must hold both sides' series.
# Series the receiver holds for one side over the last 30 minutes (the first side stopped longer
# ago than an instant query's 5-minute staleness window): the series API, which reads no samples.
held() {
  curl -sG "http://127.0.0.1:$recv_port/api/v1/series" --data-urlencode "match[]={bench=\"$1\"}" \
    --data-urlencode "start=$(( $(date +%s) - 1800 ))" |
    python3 -c '
import json, sys
text = sys.stdin.read()
try:
    series = json.loads(text)["data"]
    instances = len({s.get("instance") for s in series})
    print(f"{len(series)} series from {instances} instances")
except (ValueError, KeyError):
    print("(query failed: " + text.strip()[:200] + ")")'
}
echo "receiver: bench=\"jalloy\": $(held jalloy); bench=\"agent\": $(held agent)"
python3 - "$work/results" <<'PY'
import re, sys
rates = {}
for line in open(sys.argv[1]):
    side = line.split()[0]
    whole = re.search(r"(\d+) samples/CPU-s, RSS", line)
    if whole:
        rates[side] = float(whole.group(1))
if len(rates) == 1 and all(rates.values()):
    sys.exit(0)  # one side only: nothing to compare
if not rates.get("jalloy") or not rates.get("agent"):
    sys.exit("a side sent no samples: " + repr(rates))
ratio = rates["jalloy"] / rates["agent"]
print(f"ratio:   jalloy / agent = {ratio:.2f}x samples per CPU-second (budget >= 2x: "
      f"{'met' if ratio >= 2 else 'NOT met'})")
PY

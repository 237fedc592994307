#!/usr/bin/env bash
# The log path: loki.source.file -> [loki.process] -> loki.write -> an HTTP receiver on 127.0.0.1.
#  (a) no stages, a generated file of 40-byte lines and one of 200-byte lines: MiB/s, lines/s and
#      CPU of jalloy (budget >= 100 MiB/s on 2 cores);
#  (b) stage.cri + stage.regex + stage.labels on CRI lines, against Debian's syslog-ng 3.38 doing
#      the same parse (two regexp-parsers) file -> http(), one after the other: lines per
#      CPU-second of each (budget jalloy >= 3x syslog-ng);
#  (c) for each jalloy run, bytes allocated per line (the increase of the eden pool's
#      jvm_memory_pool_allocated_bytes_total, which the JVM's GC notifications feed, between two
#      forced collections around the window) and RSS over the run (sampled every 0.2 s).
# The receiver is one python3 ThreadingHTTPServer (HTTP/1.1 keep-alive) that reads each body and
# answers 204 without decoding it; for syslog-ng it also counts the newline-separated lines. Its
# CPU is printed separately. jalloy's lines are counted by its own loki_write_sent_entries_total
# (entries acknowledged by the receiver).
# Each run: the target file exists and is empty when the shipper starts; once it is ready the
# generated file is appended with cat (page cache to page cache) and the window runs until every
# line is delivered. CPU = utime+stime of the shipper from /proc/PID/stat over that window.
# Before each window the shipper is warmed up: the first BENCH_WARMUP_LINES (default 2 M) lines of
# the same input are appended and delivered first, and that warm-up is printed on a line of its own.
# An agent runs for days, so the figure to compare is the steady one: without the warm-up, jalloy's
# JIT compilation (about 4 CPU-seconds once per process, going on through the first ~10 M lines)
# lands inside the window; syslog-ng, compiled ahead of time, is measured the same way.
# Usage: bench/run-log-bench.sh [40B-file-MiB=256] [200B-file-MiB=1024] [cri-lines=8000000]
# BENCH_CASES picks cases (default "short long cri syslog-ng"); JALLOY_JAVA_OPTS adds JVM options;
# BENCH_STORAGE puts jalloy's --storage.path (the loki.write queue) elsewhere, e.g. /dev/shm to
# take the disk's fsync latency out.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source scripts/find-jdk.sh
short_mib=${1:-256}
long_mib=${2:-1024}
cri_lines=${3:-8000000}
warmup_lines=${BENCH_WARMUP_LINES:-2000000}
cases=${BENCH_CASES:-short long cri syslog-ng}
for bin in python3 curl; do
  command -v "$bin" >/dev/null || { echo "missing $bin" >&2; exit 1; }
done
if [[ $cases == *syslog-ng* ]] && ! command -v syslog-ng >/dev/null; then
  echo "missing syslog-ng: apt-get install -y --no-install-recommends syslog-ng-core syslog-ng-mod-http" >&2
  exit 1
fi
./mvnw -q -B -pl jalloy-cli -am package -DskipTests -Dspotless.skip=true >&2
./jalloy --version >/dev/null 2>&1 || true # prepares the launcher's start-up cache once

source bench/lib.sh
bench_cleanup_extra() {
  if [[ -n ${BENCH_STORAGE:-} ]]; then
    rm -rf "$BENCH_STORAGE"/no-stages-*-data "$BENCH_STORAGE"/cri-regex-labels-data
  fi
}
now() { date +%s.%N; }

# 1. The inputs.
cat >"$work/gen.py" <<'PY'
import sys
path, n, length, kind = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
words = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november "
         "oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu").split()
filler = " ".join(words * 12)
levels = ["info", "info", "info", "warn", "error"]
statuses = [200, 200, 404, 500]
with open(path, "w", buffering=1 << 22) as f:
    buf = []
    for i in range(n):
        if kind == "cri":
            s = (f"2026-11-23T10:{i // 60000 % 60:02d}:{i // 1000 % 60:02d}.{i % 1000:03d}000000Z "
                 f"{'stderr' if i % 7 == 0 else 'stdout'} F level={levels[i % 5]} "
                 f"msg=\"GET /api/v1/items/{i} {words[i % 26]}\" status={statuses[i % 4]} "
                 f"duration={i % 997}ms trace={i * 2654435761 % 2**64:016x}")
        else:
            s = (f"{i:09d} {words[i % 26]} {words[i * 7 % 26]} " + filler[i % 50:])[:length - 1]
        buf.append(s)
        if len(buf) == 10000:
            f.write("\n".join(buf) + "\n")
            buf = []
    if buf:
        f.write("\n".join(buf) + "\n")
PY
short_lines=$(( short_mib * 1048576 / 40 ))
long_lines=$(( long_mib * 1048576 / 200 ))
[[ $cases == *short* ]] && python3 "$work/gen.py" "$work/short.in" "$short_lines" 40 plain
[[ $cases == *long* ]] && python3 "$work/gen.py" "$work/long.in" "$long_lines" 200 plain
[[ $cases == *cri* || $cases == *syslog-ng* ]] && python3 "$work/gen.py" "$work/cri.in" "$cri_lines" 0 cri

# 2. The receiver.
start_sink

echo "date:    $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "load:    $(cut -d" " -f1-3 /proc/loadavg) (1, 5, 15 min)"
echo "jdk:     $("$JAVA_HOME/bin/java" -version 2>&1 | head -1) (launcher defaults) ${JALLOY_JAVA_OPTS:-}"
command -v syslog-ng >/dev/null && echo "peer:    $(syslog-ng --version 2>&1 | head -1)"
echo "commit:  $(git rev-parse --short HEAD)"
echo "inputs:  40 B x $short_lines lines ($short_mib MiB), 200 B x $long_lines lines ($long_mib MiB)," \
  "CRI x $cri_lines lines ($(( $(stat -c %s "$work/cri.in" 2>/dev/null || echo 0) / 1048576 )) MiB)"

metric_sum() { # url, metric name (sum over its series)
  curl -sf "$1" | awk -v m="$2" '$1 == m || index($1, m "{") == 1 {s += $NF} END {printf "%.0f", s}'
}
jalloy_sent() { # url; a corrupt queue record ends the wait at once (its lines never arrive)
  # one scrape per call, of the two families it reads: a full scrape of jalloy's /metrics costs
  # jalloy a few milliseconds of CPU inside the window (and more while that path is still compiled)
  curl -sfg "$1?name[]=loki_write_sent_entries_total&name[]=loki_write_queue_corrupt_records_total" | awk '
    $1 ~ /^loki_write_queue_corrupt_records_total/ { c += $NF }
    $1 ~ /^loki_write_sent_entries_total/ { s += $NF }
    END { if (c != 0) print 999999999999; else printf "%.0f\n", s }'
}
eden_allocated() { # url
  curl -sf "$1" | awk '/^jvm_memory_pool_allocated_bytes_total\{.*[Ee]den/ {s += $NF} END {printf "%.0f", s}'
}

# Warms one side up on the first $warmup_lines lines of the input, then runs it over the whole
# input until `lines` more are delivered; prints a line for each.
#   measure <name> <pid> <input> <target> <lines> <count-command...>
measure() {
  local name=$1 pid=$2 input=$3 target=$4 lines=$5; shift 5
  if (( warmup_lines > 0 )); then
    head -n "$warmup_lines" "$input" >"$work/warmup.in"
    measure_window "$name warm-up" "$pid" "$work/warmup.in" "$target" "$warmup_lines" "$@"
    rm -f "$work/warmup.in"
  fi
  measure_window "$name" "$pid" "$input" "$target" "$lines" "$@"
}

# Appends one input and runs until `lines` more are delivered (counted from the count command's
# value when it starts); prints one result line.
measure_window() {
  local name=$1 pid=$2 input=$3 target=$4 lines=$5; shift 5
  local bytes; bytes=$(stat -c %s "$input")
  local sink0 t0 c0 t1 c1 n=0 rss_max=0 rss_first="" rss base
  base=$("$@")
  sink0=$(cpu_ticks "$sink_pid")
  t0=$(now); c0=$(cpu_ticks "$pid")
  local deadline=$(( SECONDS + 600 )) tick=0
  cat "$input" >>"$target"
  while :; do
    # RSS every 0.2 s; the count once a second until 90% is in, as asking jalloy costs it CPU in
    # the window, then every 0.2 s so the end of the window stays sharp
    if (( tick++ % 5 == 0 || n * 10 >= lines * 9 )); then
      n=$("$@" 2>/dev/null) && n=$(( n - base )) || n=0
    fi
    rss=$(rss_kib "$pid"); rss_first=${rss_first:-$rss}; (( rss > rss_max )) && rss_max=$rss
    (( n >= lines )) && break
    kill -0 "$pid" 2>/dev/null || { echo "$name died" >&2; exit 1; }
    (( SECONDS > deadline )) && { echo "$name: timed out with $n of $lines lines" >&2; exit 1; }
    sleep 0.2
  done
  t1=$(now); c1=$(cpu_ticks "$pid")
  python3 - "$name" "$t0" "$t1" "$c0" "$c1" "$clk" "$lines" "$bytes" "$rss_first" "$rss_max" "$rss" \
    "$sink0" "$(cpu_ticks "$sink_pid")" <<'PY' | tee -a "$work/results"
import sys
name, t0, t1, c0, c1, clk, lines, size, rss0, rssmax, rss1, s0, s1 = sys.argv[1:]
wall = float(t1) - float(t0)
cpu = (int(c1) - int(c0)) / int(clk)
sink = (int(s1) - int(s0)) / int(clk)
lines, size = int(lines), int(size)
print(f"{name:18s} {lines:>9d} lines {size / 2**20:7.1f} MiB in {wall:6.2f} s: "
      f"{size / 2**20 / wall:6.1f} MiB/s {lines / wall:>9.0f} lines/s, "
      f"CPU {cpu:6.2f} s ({cpu / wall:4.2f} cores) {lines / cpu if cpu else 0:>9.0f} lines/CPU-s, "
      f"RSS {int(rss0) // 1024}->{int(rssmax) // 1024} (max)->{int(rss1) // 1024} MiB, "
      f"receiver CPU {sink:5.2f} s")
PY
}

run_jalloy() { # name, config body (with @TARGET@ and @URL@), input, lines
  local name=$1 body=$2 input=$3 lines=$4
  local port target dir
  port=$(free_port)
  dir="$work/$name"; mkdir -p "$dir"
  target="$dir/app.log"; : >"$target"
  body=${body//@TARGET@/$target}
  body=${body//@URL@/http://127.0.0.1:$sink_port/loki/api/v1/push}
  printf '%s\n' "$body" >"$dir/config.alloy"
  JALLOY_JAVA_OPTS="${JALLOY_JAVA_OPTS:-}" ./jalloy run "$dir/config.alloy" \
    --server.http.listen-addr=127.0.0.1:$port --storage.path="${BENCH_STORAGE:-$work}/$name-data" >"$dir/jalloy.log" 2>&1 &
  local pid=$!; pids+=("$pid")
  local url="http://127.0.0.1:$port/metrics"
  wait_http "http://127.0.0.1:$port/-/ready" "$pid" "$dir/jalloy.log"
  "$JAVA_HOME/bin/jcmd" "$pid" GC.run >/dev/null
  local a0; a0=$(eden_allocated "$url")
  measure "jalloy $name" "$pid" "$input" "$target" "$lines" jalloy_sent "$url"
  "$JAVA_HOME/bin/jcmd" "$pid" GC.run >/dev/null
  local a1; a1=$(eden_allocated "$url")
  local live
  live=$("$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info |
    awk '!/Metaspace|class space/ && /total .*used/ {
           match($0, /used [0-9]+K/); s += substr($0, RSTART + 5, RLENGTH - 6) } END { print s * 1024 }')
  # allocation is measured around the warm-up and the window together
  python3 - "$name" "$a0" "$a1" "$(( lines + warmup_lines ))" "$live" <<'PY' | tee -a "$work/results"
import sys
name, a0, a1, lines, live = sys.argv[1:]
alloc = int(a1) - int(a0)
print(f"{'':18s} allocated {alloc / 2**20:8.0f} MiB = {alloc / int(lines):6.0f} bytes/line; "
      f"live heap after the run {int(live) / 2**20:.0f} MiB")
PY
  local dropped corrupt
  dropped=$(metric_sum "$url" loki_write_dropped_entries_total)
  corrupt=$(metric_sum "$url" loki_write_queue_corrupt_records_total)
  if [[ $dropped != 0 || $corrupt != 0 ]]; then
    echo "jalloy $name lost lines: $dropped dropped, $corrupt corrupt queue records" >&2
    exit 1
  fi
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

plain_config='loki.source.file "bench" {
  targets    = [{__path__ = "@TARGET@", job = "bench"}]
  forward_to = [loki.write.bench.receiver]
}
loki.write "bench" {
  endpoint { url = "@URL@" }
}'
cri_config='loki.source.file "bench" {
  targets    = [{__path__ = "@TARGET@", job = "bench"}]
  forward_to = [loki.process.bench.receiver]
}
loki.process "bench" {
  forward_to = [loki.write.bench.receiver]
  stage.cri { }
  stage.regex {
    expression = "^level=(?P<level>\\w+) msg=\"(?P<msg>[^\"]*)\" status=(?P<status>\\d+)"
  }
  stage.labels {
    values = { level = "", status = "" }
  }
}
loki.write "bench" {
  endpoint { url = "@URL@" }
}'

[[ $cases == *short* ]] && run_jalloy no-stages-40B "$plain_config" "$work/short.in" "$short_lines"
[[ $cases == *long* ]] && run_jalloy no-stages-200B "$plain_config" "$work/long.in" "$long_lines"
[[ $cases == *cri* ]] && run_jalloy cri-regex-labels "$cri_config" "$work/cri.in" "$cri_lines"

# 3. syslog-ng doing the same parse: the CRI split and the regex as regexp-parsers, the labels
# written into each line of the body (http() has no stream labels).
if [[ $cases == *syslog-ng* ]]; then
  dir="$work/syslog-ng"; mkdir -p "$dir"
  target="$dir/app.log"; : >"$target"
  cat >"$dir/syslog-ng.conf" <<EOF
@version: 3.38
options { stats-freq(0); threaded(yes); };
source s_tail {
  file("$target" flags(no-parse) follow-freq(1) log-fetch-limit(1000) log-iw-size(100000));
};
parser p_cri {
  regexp-parser(template("\${MESSAGE}") prefix("cri.")
    patterns('^(?<time>\S+) (?<stream>stdout|stderr) (?<flags>[FP]) (?<content>.*)$'));
};
parser p_app {
  regexp-parser(template("\${cri.content}") prefix("app.")
    patterns('^level=(?<level>\w+) msg="(?<msg>[^"]*)" status=(?<status>\d+)'));
};
destination d_http {
  http(url("http://127.0.0.1:$sink_port/push") method("POST")
       headers("Content-Type: text/plain")
       body("stream=\${cri.stream} level=\${app.level} status=\${app.status} \${cri.content}")
       delimiter("\n") body-suffix("\n")
       batch-lines(1000) batch-bytes(1048576) batch-timeout(200) workers(2));
};
log { source(s_tail); parser(p_cri); parser(p_app); destination(d_http); };
EOF
  syslog-ng --syntax-only -f "$dir/syslog-ng.conf"
  syslog-ng -F --no-caps -f "$dir/syslog-ng.conf" -R "$dir/persist" -p "$dir/pid" -c "$dir/ctl" \
    >"$dir/syslog-ng.log" 2>&1 &
  pids+=("$!")
  for _ in $(seq 100); do [[ -S $dir/ctl && -s $dir/pid ]] && break; sleep 0.1; done
  pid=$(cat "$dir/pid")
  sink_lines() { curl -sf "http://127.0.0.1:$sink_port/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["lines"])'; }
  measure "syslog-ng cri-regex" "$pid" "$work/cri.in" "$target" "$cri_lines" sink_lines
  kill "$pid"; wait "$pid" 2>/dev/null || true
  head -c 300 "$dir/syslog-ng.log" >&2 || true
fi

python3 - "$work/results" <<'PY'
import re, sys
rates = {}
for line in open(sys.argv[1]):
    m = re.match(r"(jalloy no-stages-\S+|jalloy cri-regex-labels|syslog-ng cri-regex)(?! warm-up) .*?([\d.]+) MiB/s .*? (\d+) lines/CPU-s", line)
    if m:
        rates[m.group(1)] = (float(m.group(2)), int(m.group(3)))
for k in ("jalloy no-stages-40B", "jalloy no-stages-200B"):
    if k in rates:
        print(f"budget:  {k}: {rates[k][0]:.1f} MiB/s (>= 100: {'met' if rates[k][0] >= 100 else 'NOT met'})")
j, s = rates.get("jalloy cri-regex-labels"), rates.get("syslog-ng cri-regex")
if j and s:
    r = j[1] / s[1]
    print(f"ratio:   jalloy / syslog-ng = {r:.2f}x lines per CPU-second (budget >= 3x: "
          f"{'met' if r >= 3 else 'NOT met'})")
PY

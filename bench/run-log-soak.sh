#!/usr/bin/env bash
# Log path soak: local.file_match -> loki.source.file -> loki.write (no stages) -> an HTTP receiver
# on 127.0.0.1, fed 40-byte lines (the allocation stress case) at a steady rate for a number of
# minutes, to see whether memory stays flat.
#  - The receiver is the python3 ThreadingHTTPServer of run-log-bench.sh (HTTP/1.1 keep-alive): it
#    reads each body and answers 204 to /loki/api/v1/push without decoding it (404 elsewhere, which
#    loki.write counts as dropped).
#  - A python writer appends 40-byte lines to app.log in timed batches every 10 ms (rate x elapsed
#    time, so a late batch catches up; its count is written to a status file after each batch) and rotates the file every SOAK_ROTATE_SECONDS (default 120)
#    by renaming it to app.log.1 (replacing the previous one) and creating a new app.log, so the
#    tailer's rotation handling and per-file state are part of the soak.
#  - Every 10 s: jalloy's RSS (VmRSS), heap used (its own jvm_memory_used_bytes{area="heap"}), lines
#    written (the writer's count) and sent (loki_write_sent_entries_total, acknowledged by the
#    receiver), and the backlog (written - sent). Every minute: a forced collection (jcmd GC.run)
#    and the live heap after it (jcmd GC.heap_info, used of the young and old generations) - the
#    number that shows a leak.
#  - At the end the writer stops, the script waits (bounded) until everything written is sent, and
#    prints a table per minute and a verdict comparing minute 2 (minute 1 for runs under 3 minutes)
#    with the last minute. Flatness is reported, not asserted. A minute's live heap includes the
#    lines in flight then (the backlog column); the row after the drain has none.
# Fails (exit 1) if lines were lost or duplicated (sent != written after the drain), or any
# loki_write_dropped_entries_total or loki_write_queue_corrupt_records_total is above zero.
# Usage: bench/run-log-soak.sh [minutes=10] [lines-per-second=100000]
# SOAK_ROTATE_SECONDS sets the rotation period (0: never); JALLOY_JAVA_OPTS adds JVM options.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source scripts/find-jdk.sh
minutes=${1:-10}
rate=${2:-100000}
rotate_s=${SOAK_ROTATE_SECONDS:-120}
for v in "$minutes" "$rate" "$rotate_s"; do
  [[ $v =~ ^[0-9]+$ ]] || { echo "usage: bench/run-log-soak.sh [minutes=10] [lines-per-second=100000]" >&2; exit 2; }
done
(( minutes > 0 && rate > 0 )) || { echo "minutes and lines-per-second must be > 0" >&2; exit 2; }
for bin in python3 curl; do
  command -v "$bin" >/dev/null || { echo "missing $bin" >&2; exit 1; }
done
./mvnw -q -B -pl jalloy-cli -am package -DskipTests -Dspotless.skip=true >&2
./jalloy --version >/dev/null 2>&1 || true # prepares the launcher's start-up cache once

source bench/lib.sh
trap 'exit 130' INT TERM
sleep_until() { # epoch seconds (fractional)
  local d; d=$(awk -v t="$1" -v n="$EPOCHREALTIME" 'BEGIN { d = t - n; printf "%.3f", (d > 0 ? d : 0) }')
  sleep "$d"
}

# 1. The receiver.
start_sink

# 2. The writer: 40-byte lines (39 characters and a newline), a sequence number and words.
cat >"$work/writer.py" <<'PY'
import os, sys, time
path, rate, duration, rotate_s, status = (sys.argv[1], int(sys.argv[2]), float(sys.argv[3]),
                                          float(sys.argv[4]), sys.argv[5])
words = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november "
         "oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu").split()
filler = " ".join(words * 2)
tails = [(w + " " + filler[i:])[:26].encode() for i, w in enumerate(words)]
assert all(len(b"%012d %s\n" % (0, t)) == 40 for t in tails)
flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT
fd = os.open(path, flags, 0o644)
written = rotations = 0
def put(n):
    global written
    buf = b"".join([b"%012d %s\n" % (i, tails[i % 26]) for i in range(written, written + n)])
    view = memoryview(buf)
    while view:
        view = view[os.write(fd, view):]
    written += n
def report(done=False):
    with open(status + ".tmp", "w") as f:
        f.write(f"{written} {rotations} {'done' if done else 'running'}\n")
    os.replace(status + ".tmp", status)
start = time.monotonic()
next_rotation = rotate_s if rotate_s > 0 else float("inf")
tick = 0.01
while True:
    elapsed = time.monotonic() - start
    if elapsed >= duration:
        break
    if elapsed >= next_rotation:  # rename + create, as logrotate without copytruncate
        os.close(fd)
        os.replace(path, path + ".1")
        fd = os.open(path, flags | os.O_EXCL, 0o644)
        rotations += 1
        next_rotation += rotate_s
    due = int(rate * elapsed) - written
    if due > 0:
        put(due)
        report()  # after every batch, so the count read after the metrics is never behind them
    time.sleep(max(0.0, tick - (time.monotonic() - start - elapsed)))
put(int(rate * duration) - written)
os.close(fd)
report(done=True)
PY

# 3. jalloy: local.file_match -> loki.source.file -> loki.write, no stages.
port=$(free_port)
target="$work/logs/app.log"
mkdir -p "$work/logs"; : >"$target"
cat >"$work/config.alloy" <<EOF
local.file_match "soak" {
  path_targets = [{__path__ = "$target", job = "soak"}]
}
loki.source.file "soak" {
  targets    = local.file_match.soak.targets
  forward_to = [loki.write.soak.receiver]
}
loki.write "soak" {
  endpoint { url = "http://127.0.0.1:$sink_port/loki/api/v1/push" }
}
EOF

echo "date:    $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "load:    $(cut -d" " -f1-3 /proc/loadavg) (1, 5, 15 min)"
echo "jdk:     $("$JAVA_HOME/bin/java" -version 2>&1 | head -1) (launcher defaults)${JALLOY_JAVA_OPTS:+ $JALLOY_JAVA_OPTS}"
echo "commit:  $(git rev-parse --short HEAD)"
echo "soak:    $minutes min, $rate lines/s of 40 B ($(awk -v r="$rate" 'BEGIN { printf "%.1f", r * 40 / 1048576 }') MiB/s)," \
  "rotation every ${rotate_s} s (0: none), samples every 10 s, jcmd GC.run every minute"

JALLOY_JAVA_OPTS="${JALLOY_JAVA_OPTS:-}" ./jalloy run "$work/config.alloy" \
  --server.http.listen-addr=127.0.0.1:$port --storage.path="$work/data" >"$work/jalloy.log" 2>&1 &
pid=$!; pids+=("$pid")
url="http://127.0.0.1:$port/metrics"
wait_http "http://127.0.0.1:$port/-/ready" "$pid" "$work/jalloy.log"
for _ in $(seq 100); do # the file is picked up (local.file_match exports it at start)
  curl -sf "$url" | grep -q '^loki_source_file_files_active{.*} 1' && break
  sleep 0.1
done

metrics() { curl -sf "$url" >"$work/metrics" || : >"$work/metrics"; }
metric_sum() { # name (sum over its series) from the last metrics()
  awk -v m="$1" '$1 == m || index($1, m "{") == 1 {s += $NF} END {printf "%.0f", s}' "$work/metrics"
}
written() { local n _; read -r n _ <"$work/status" 2>/dev/null || n=0; echo "${n:-0}"; }
live_heap() { # bytes used in the young and old generations after a forced collection
  "$JAVA_HOME/bin/jcmd" "$pid" GC.run >/dev/null
  "$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info |
    awk '!/Metaspace|class space/ && /total .*used/ {
           match($0, /used [0-9]+K/); s += substr($0, RSTART + 5, RLENGTH - 6) } END { print s * 1024 }'
}
check_alive() {
  kill -0 "$pid" 2>/dev/null || { echo "jalloy died:" >&2; tail -30 "$work/jalloy.log" >&2; exit 1; }
  kill -0 "$sink_pid" 2>/dev/null || { echo "receiver died:" >&2; tail -30 "$work/sink.log" >&2; exit 1; }
}
mib() { awk -v b="$1" -v d="${2:-0}" 'BEGIN { printf "%.*f", d, b / 1048576 }'; }

# 4. The run: the writer for `minutes`, a sample every 10 s, a forced GC every minute.
live0=$(live_heap); rss0=$(rss_kib "$pid")
echo "start:   RSS $(( rss0 / 1024 )) MiB, live heap after GC $(mib "$live0" 1) MiB (jalloy ready, nothing written)"
: >"$work/minutes"
c0=$(cpu_ticks "$pid")
t0=$EPOCHREALTIME
python3 "$work/writer.py" "$target" "$rate" $(( minutes * 60 )) "$rotate_s" "$work/status" \
  >"$work/writer.log" 2>&1 &
writer_pid=$!; pids+=("$writer_pid")
printf '%6s %8s %10s %12s %12s %10s\n' "t (s)" "RSS MiB" "heap MiB" "written" "sent" "backlog"
for (( k = 1; k <= minutes * 6; k++ )); do
  sleep_until "$(awk -v t="$t0" -v k="$k" 'BEGIN { printf "%.3f", t + 10 * k }')"
  check_alive
  if (( k == minutes * 6 )); then wait "$writer_pid" || true; fi # its last batch: the count is final
  metrics
  rss=$(rss_kib "$pid"); heap=$(metric_sum 'jvm_memory_used_bytes{area="heap"}')
  n=$(written); sent=$(metric_sum loki_write_sent_entries_total)
  printf '%6d %8d %10s %12d %12d %10d\n' $(( k * 10 )) $(( rss / 1024 )) "$(mib "$heap" 1)" "$n" "$sent" $(( n - sent ))
  if (( k % 6 == 0 )); then
    live=$(live_heap)
    echo "$(( k / 6 )) $rss $live $n $sent" >>"$work/minutes"
    echo "       minute $(( k / 6 )): live heap after GC $(mib "$live" 1) MiB"
  fi
done
total=0 rotations=0 state=missing
read -r total rotations state <"$work/status" || true
[[ $state == done ]] || { echo "the writer did not finish:" >&2; cat "$work/writer.log" >&2; exit 1; }
t_end=$EPOCHREALTIME

# 5. The drain: until sent (or sent + dropped) >= written, for at most 300 s or 60 s without progress.
drain_start=$SECONDS; last_progress=$SECONDS; last_sent=-1
while :; do
  check_alive
  metrics; sent=$(metric_sum loki_write_sent_entries_total)
  (( sent >= total )) && break
  (( sent + $(metric_sum loki_write_dropped_entries_total) >= total )) && break # the rest was dropped
  (( sent > last_sent )) && { last_sent=$sent; last_progress=$SECONDS; }
  (( SECONDS - last_progress >= 60 || SECONDS - drain_start >= 300 )) && break
  sleep 0.5
done
drain_s=$(( SECONDS - drain_start ))
c1=$(cpu_ticks "$pid")
metrics
sent=$(metric_sum loki_write_sent_entries_total)
dropped=$(metric_sum loki_write_dropped_entries_total)
corrupt=$(metric_sum loki_write_queue_corrupt_records_total)
retries=$(metric_sum loki_write_batch_retries_total)
seen_rotations=$(metric_sum loki_source_file_rotations_total)
queue_bytes=$(metric_sum loki_write_queue_bytes)
read_lines=$(metric_sum loki_source_file_read_lines_total)
read_errors=$(metric_sum loki_source_file_read_errors_total)
rss=$(rss_kib "$pid"); live=$(live_heap)
echo "drained $rss $live $total $sent" >>"$work/minutes"
sink=$(curl -sf "http://127.0.0.1:$sink_port/stats" || echo '{}')

python3 - "$work/minutes" "$rss0" "$live0" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
rss0, live0 = int(sys.argv[2]), int(sys.argv[3])
print()
print(f"{'minute':>7s} {'RSS MiB':>8s} {'live heap after GC MiB':>23s} {'lines written':>14s} "
      f"{'lines sent':>12s} {'backlog':>10s}")
print(f"{'start':>7s} {rss0 / 1024:8.0f} {live0 / 2**20:23.1f} {0:14d} {0:12d} {0:10d}")
for m, rss, live, n, sent in rows:
    print(f"{m:>7s} {int(rss) / 1024:8.0f} {int(live) / 2**20:23.1f} {int(n):14d} {int(sent):12d} "
          f"{int(n) - int(sent):10d}")
mins = [r for r in rows if r[0] != "drained"]
last = mins[-1]
base = mins[1] if len(mins) >= 3 else mins[0]
def cmp(what, i, scale, unit_digits):
    a, b = int(base[i]) / scale, int(last[i]) / scale
    change = f"{(b - a) / a * 100:+.0f}%" if a else "n/a"
    return (f"{what}: {a:.{unit_digits}f} MiB at minute {base[0]}, {b:.{unit_digits}f} MiB at minute "
            f"{last[0]} ({change})")
if base is last:
    print("verdict: one minute only, nothing to compare "
          f"(live heap after GC {int(last[2]) / 2**20:.1f} MiB, RSS {int(last[1]) / 1024:.0f} MiB)")
else:
    print("verdict: " + cmp("live heap after GC", 2, 2**20, 1) + "; " + cmp("RSS", 1, 1024, 0))
drained = [r for r in rows if r[0] == "drained"]
if drained:  # nothing in flight: the live heap without batches and read buffers in it
    print(f"         after the drain (nothing in flight): live heap after GC {int(drained[0][2]) / 2**20:.1f} MiB, "
          f"at the start {live0 / 2**20:.1f} MiB")
PY
awk -v c0="$c0" -v c1="$c1" -v clk="$clk" -v t0="$t0" -v t1="$t_end" -v d="$drain_s" 'BEGIN {
  cpu = (c1 - c0) / clk; wall = t1 - t0
  printf "cpu:     jalloy %.1f CPU-s over the %.0f s of writing and the %d s of drain (%.2f cores on average)\n",
    cpu, wall, d, cpu / (wall + d) }'
echo "lines:   written $total, read by the tailer $read_lines, sent $sent; dropped $dropped, corrupt queue records $corrupt," \
  "batch retries $retries, read errors $read_errors"
echo "files:   $rotations rotations by the writer, $seen_rotations seen by loki.source.file;" \
  "loki.write queue $queue_bytes bytes on disk at the end ($(du -sk "$work/data" | cut -f1) KiB in the storage dir); receiver $sink"
problems=$(grep -cE 'level=(warn|error)' "$work/jalloy.log" || true)
if (( problems > 0 )); then
  echo "jalloy logged $problems warnings/errors, the first 5:"
  grep -E 'level=(warn|error)' "$work/jalloy.log" | head -5
fi

status=0
if (( sent < total )); then
  echo "FAIL: $(( total - sent )) of $total lines were not sent (drain waited ${drain_s} s)" >&2; status=1
elif (( sent > total )); then
  echo "FAIL: $(( sent - total )) lines more were sent than written (duplicates)" >&2; status=1
fi
if [[ $dropped != 0 || $corrupt != 0 ]]; then
  echo "FAIL: $dropped entries dropped, $corrupt corrupt queue records" >&2; status=1
fi
(( status == 0 )) && echo "result:  all $total lines sent, none dropped"
exit "$status"

# Shared by the bench/run-*.sh scripts; sourced once the jar is built. Gives a work directory
# ($work) removed on exit with every process listed in $pids (a script may define
# bench_cleanup_extra for more), and small helpers: free ports, waiting for an HTTP endpoint, and
# a process's CPU ticks ($clk per second) and resident memory.
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
  if declare -F bench_cleanup_extra >/dev/null; then bench_cleanup_extra; fi
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
wait_http() { # url, pid, log
  for _ in $(seq 600); do
    curl -sf -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { echo "process for $1 died:" >&2; tail -30 "$3" >&2; exit 1; }
    sleep 0.1
  done
  echo "timed out waiting for $1" >&2; tail -30 "$3" >&2; exit 1
}

clk=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

# The log benches' receiver (bench/http-sink.py): sets sink_port and sink_pid, waits until it answers.
start_sink() {
  sink_port=$(free_port)
  python3 bench/http-sink.py "$sink_port" >"$work/sink.log" 2>&1 &
  sink_pid=$!; pids+=("$sink_pid")
  wait_http "http://127.0.0.1:$sink_port/stats" "$sink_pid" "$work/sink.log"
}

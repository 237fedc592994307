#!/usr/bin/env bash
# A/B of jalloy against itself on the scrape -> relabel -> remote_write job of run-scrape-bench.sh:
# two jalloy processes at once (same targets, same receiver, same windows, so whatever else the
# machine does falls on both), each started through ./jalloy of its own checkout with its own
# environment (A_ENV / B_ENV, e.g. A_ENV="JALLOY_THP=0"). Prints samples per CPU-second of each and
# B/A per window, and RSS at the end.
# Usage: bench/run-scrape-ab.sh ROOT_A ROOT_B [targets=200] [warmup-s=240] [window-s=60] [windows=3]
set -euo pipefail
rootA=$(cd "$1" && pwd); rootB=$(cd "$2" && pwd)
targets=${3:-200}; warmup=${4:-240}; window=${5:-60}; windows=${6:-3}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source scripts/find-jdk.sh
source bench/lib.sh

# The targets: a captured node_exporter body, served by run-scrape-bench.sh's keep-alive server.
mkdir -p "$work/www"
port=$(free_port)
/usr/bin/prometheus-node-exporter --web.listen-address=127.0.0.1:$port >"$work/exporter.log" 2>&1 &
exporter=$!
wait_http "http://127.0.0.1:$port/metrics" "$exporter" "$work/exporter.log"
curl -sf "http://127.0.0.1:$port/metrics" >"$work/www/metrics"
kill "$exporter"; wait "$exporter" 2>/dev/null || true
sed -n '/^cat >"$work\/serve.py" <<.PY.$/,/^PY$/p' bench/run-scrape-bench.sh | sed '1d;$d' >"$work/serve.py"
target_port=$(free_port)
python3 "$work/serve.py" "$target_port" "$work/www/metrics" >"$work/targets.log" 2>&1 &
pids+=("$!")
wait_http "http://127.0.0.1:$target_port/metrics?i=0" "$!" "$work/targets.log"

recv_port=$(free_port)
printf 'global:\n  scrape_interval: 1h\n' >"$work/receiver.yml"
/usr/bin/prometheus --config.file="$work/receiver.yml" --storage.tsdb.path="$work/receiver" \
  --web.listen-address=127.0.0.1:$recv_port --web.enable-remote-write-receiver \
  >"$work/receiver.log" 2>&1 &
pids+=("$!")
wait_http "http://127.0.0.1:$recv_port/-/ready" "$!" "$work/receiver.log"

config() { # the side's name, which its relabel rule puts in the bench label
  echo 'prometheus.scrape "bench" {'
  echo '  targets = ['
  for i in $(seq 0 $((targets - 1))); do
    echo "    {\"__address__\" = \"127.0.0.1:$target_port\", \"__param_i\" = \"$i\", \"instance\" = \"t$i\"},"
  done
  echo '  ]'
  echo '  job_name        = "bench"'
  echo '  scrape_interval = "5s"'
  echo '  scrape_timeout  = "5s"'
  echo '  forward_to      = [prometheus.relabel.bench.receiver]'
  echo '}'
  echo 'prometheus.relabel "bench" {'
  echo '  forward_to = [prometheus.remote_write.bench.receiver]'
  echo '  rule {'
  echo '    target_label = "bench"'
  echo "    replacement  = \"$1\""
  echo '  }'
  echo '}'
  echo 'prometheus.remote_write "bench" {'
  echo "  endpoint { url = \"http://127.0.0.1:$recv_port/api/v1/write\" }"
  echo '}'
}

start() { # side, checkout, env; sets side_pid and side_url
  local side=$1 checkout=$2 envs=$3 p
  config "$side" >"$work/$side.alloy"
  p=$(free_port)
  (cd "$checkout" && exec env $envs ./jalloy run "$work/$side.alloy" \
    --server.http.listen-addr=127.0.0.1:$p --storage.path="$work/$side-data") >"$work/$side.log" 2>&1 &
  side_pid=$!; pids+=("$side_pid")
  wait_http "http://127.0.0.1:$p/-/ready" "$side_pid" "$work/$side.log"
  side_url="http://127.0.0.1:$p/metrics?name%5B%5D=prometheus_remote_storage_samples_total"
}
start A "$rootA" "${A_ENV:-}"; pid_a=$side_pid; url_a=$side_url
start B "$rootB" "${B_ENV:-}"; pid_b=$side_pid; url_b=$side_url
echo "A: $rootA ${A_ENV:-}; B: $rootB ${B_ENV:-}; $targets targets, warm-up $warmup s, $windows windows of $window s; $(date -u +%Y-%m-%dT%H:%MZ)"

sent() { curl -sf "$1" | awk '/^prometheus_remote_storage_samples_total[ {]/ {s += $NF} END {printf "%.0f", s}'; }
sleep "$warmup"
ca=$(cpu_ticks "$pid_a"); cb=$(cpu_ticks "$pid_b"); sa=$(sent "$url_a"); sb=$(sent "$url_b")
for k in $(seq "$windows"); do
  sleep "$window"
  ca2=$(cpu_ticks "$pid_a"); cb2=$(cpu_ticks "$pid_b"); sa2=$(sent "$url_a"); sb2=$(sent "$url_b")
  python3 -c "
a = ($sa2 - $sa) / (($ca2 - $ca) / $clk); b = ($sb2 - $sb) / (($cb2 - $cb) / $clk)
print(f'window $k: A {a:9.0f}  B {b:9.0f} samples/CPU-s  B/A {b / a:.3f}')"
  ca=$ca2; cb=$cb2; sa=$sa2; sb=$sb2
done
echo "RSS A $(rss_mib "$pid_a") MiB, B $(rss_mib "$pid_b") MiB"

#!/usr/bin/env bash
# Serving benchmark: `rnnkit serve` with one sentiment model on loopback, loaded by bench/ServeLoad.java
# (closed-loop Java clients, one review or sentence per request) at 1, 8, 32 and 128 concurrent clients,
# with batching on (--max-batch 64 --max-wait-ms 5) and off (--max-batch 1). Reports texts/s, p50/p95/p99
# latency, errors and the server's RSS before and after each run, and appends a dated section to
# docs/BENCHMARKS.md.
#
#   bench/serve.sh NAME=MODEL.zip DATA.tsv[.gz] [NAME=MODEL.zip DATA.tsv[.gz] ...]
#
# e.g. bench/serve.sh imdb=imdb.zip ../shared/datasets/imdb/train.tsv.gz sst2=sst2.zip ../shared/datasets/sst2/dev.tsv
# The requests cycle through the first 500 texts of DATA (its last column). Environment:
#   BENCH_SECONDS (60)         measured seconds per run, after BENCH_WARMUP (5) unmeasured seconds
#   BENCH_CLIENTS ("1 8 32 128"), BENCH_BATCHING ("on off")
#   BENCH_IGNORE_LOAD=1        run on a busy machine (the table then says so: load generator and server
#                              share the machine with whatever else runs)
#   BENCH_NO_BUILD=1           use the built toolkit-serve/target jars as they are
#   BENCH_REPORT (docs/BENCHMARKS.md)  where the section is appended
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${BENCH_SECONDS:-60}"
warmup="${BENCH_WARMUP:-5}"
clients_list="${BENCH_CLIENTS:-1 8 32 128}"
batching_list="${BENCH_BATCHING:-on off}"
report_file="${BENCH_REPORT:-$root/docs/BENCHMARKS.md}"
arguments="$*"
if [ $# -lt 2 ] || [ $(($# % 2)) -ne 0 ]; then
  sed -n '2,19p' "$0" >&2
  exit 2
fi

. "$root/bench/common.sh"
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
bench_check_load
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  (cd "$root" && mvn -q -B -DskipTests -pl toolkit-serve -am package)
fi
work="$(mktemp -d /tmp/rnnkit-serve-bench.XXXXXX)"
cp "$root/toolkit-serve/target/rnnkit-serve.jar" "$work/"
cp -r "$root/toolkit-serve/target/lib" "$work/lib"
cp "$root/bench/ServeLoad.java" "$work/"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap 'stop_server; rm -rf "$work"' EXIT

rss_mib() { awk '/VmRSS/{printf "%.0f", $2/1024}' "/proc/$1/status"; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
rows="$work/rows.md"
commit=$(git -C "$root" rev-parse --short HEAD)
while [ $# -gt 0 ]; do
  spec="$1"; data="$2"; shift 2
  name="${spec%%=*}"
  for batching in $batching_list; do
    if [ "$batching" = on ]; then batch_flags=(--max-batch 64 --max-wait-ms 5); else batch_flags=(--max-batch 1 --max-wait-ms 0); fi
    java -Xmx2g -Djava.awt.headless=true -cp "$work/rnnkit-serve.jar:$work/lib/*" org.rnnkit.cli.RnnkitCli \
      serve --model "$spec" --host 127.0.0.1 --port "$port" --queue 1024 "${batch_flags[@]}" \
      > "$work/server-$name-$batching.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 240); do
      curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
      kill -0 "$server_pid" 2>/dev/null || { cat "$work/server-$name-$batching.log" >&2; exit 1; }
      sleep 0.5
    done
    for clients in $clients_list; do
      rss_before=$(rss_mib "$server_pid")
      result=$(java "$work/ServeLoad.java" --url "http://127.0.0.1:$port/v1/models/$name/predict" \
        --data "$data" --clients "$clients" --seconds "$seconds" --warmup "$warmup")
      rss_after=$(rss_mib "$server_pid")
      echo "$name batching=$batching $result rss=${rss_before}->${rss_after} MiB" >&2
      python3 - "$name" "$batching" "$rss_before" "$rss_after" "$result" >> "$rows" <<'EOF'
import json, sys
name, batching, before, after, result = sys.argv[1:]
r = json.loads(result)
print(f"| {name} | {batching} | {r['clients']} | {r['texts_per_second']:.0f} | {r['p50_ms']:.1f} | "
      f"{r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {r['errors']} of {r['requests']} | {before} -> {after} |")
EOF
    done
    stop_server
  done
done

{
  echo
  echo "## Serving: $(date -u +%Y-%m-%d) (commit $commit)"
  echo
  echo "\`bench/serve.sh $arguments\` with BENCH_SECONDS=$seconds, BENCH_WARMUP=$warmup; machine: $(nproc --all) cores,"
  echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB;"
  echo "load average at start $load_at_start (server and load generator share these cores)."
  echo
  echo "| model | batching | clients | texts/s | p50 ms | p95 ms | p99 ms | errors | server RSS MiB (before -> after) |"
  echo "|---|---|---|---|---|---|---|---|---|"
  cat "$rows"
} | tee -a "$report_file"

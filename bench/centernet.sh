#!/usr/bin/env bash
# Image-feature speed of rnnkit's TF.js importer (org.rnnkit.model.imports) on the COCO CenterNet graph
# beside TensorFlow.js 4.22.0 itself in Node (wasm backend, one thread, and the cpu backend), the same
# [1, 512, 512, 3] input, interleaved rounds, reported as images/s and as ratios. Appends a dated section
# to docs/BENCHMARKS.md.
#
#   bench/centernet.sh [MODEL.json] [ROUNDS]
#
# MODEL.json defaults to ${RNNKIT_MODELS:-~/.cache/rnnkit/models}/centernet/centernet.json (fetch it with
# datasets/fetch.sh centernet), else ../shared/models/centernet/centernet.json. The TF.js packages are
# installed with npm into a private directory. Refuses a busy machine unless BENCH_IGNORE_LOAD=1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="${1:-${RNNKIT_MODELS:-$HOME/.cache/rnnkit/models}/centernet/centernet.json}"
[ -f "$model" ] || model="$root/../shared/models/centernet/centernet.json"
rounds="${2:-3}"
if [ ! -f "$model" ]; then
  echo "no centernet model: run datasets/fetch.sh centernet first (or pass MODEL.json)" >&2
  exit 2
fi
command -v npm >/dev/null || { echo "npm not found: install Node.js with npm" >&2; exit 2; }

machine="$(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load at start $(cut -d' ' -f1 /proc/loadavg)"
. "$root/bench/common.sh"
bench_prepare
mkdir -p "$work/node"
cp "$root/bench/centernet_tfjs.mjs" "$work/node/"
(cd "$work/node" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund \
  @tensorflow/tfjs-core@4.22.0 @tensorflow/tfjs-converter@4.22.0 \
  @tensorflow/tfjs-backend-cpu@4.22.0 @tensorflow/tfjs-backend-wasm@4.22.0 >/dev/null)
results="$work/results.jsonl"
java_run() {
  java -Xmx4g -cp "$work/lib/*" "$root/bench/CenternetBench.java" "$model" "$@" 2>/dev/null | grep '^{'
}
for r in $(seq 1 "$rounds"); do
  java_run >>"$results"
  node "$work/node/centernet_tfjs.mjs" "$model" wasm >>"$results"
  node "$work/node/centernet_tfjs.mjs" "$model" cpu --reps 2 >>"$results"
done
java_run --full --reps 2 >>"$results"
node "$work/node/centernet_tfjs.mjs" "$model" wasm --full --reps 2 >>"$results"
cat "$results"

summary=$(/usr/bin/python3 - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
def med(impl, fetch):
    v = [r["images_per_s"] for r in rows if r["impl"] == impl and r["fetch"] == fetch]
    return statistics.median(v) if v else float("nan")
out = ["| what | rnnkit (ND4J, OMP_NUM_THREADS=1) | TF.js wasm | TF.js cpu | rnnkit / wasm |", "|---|---|---|---|---|"]
for fetch in ["features", "detections"]:
    a, w, c = med("rnnkit", fetch), med("tfjs-wasm", fetch), med("tfjs-cpu", fetch)
    cell = lambda x: "not run" if x != x else f"{x:.3f} img/s"
    out.append(f"| {fetch} | {cell(a)} | {cell(w)} | {cell(c)} | {a / w:.2f} |")
print("\n".join(out))
PY
)
echo "$summary"
{
  echo
  echo "## TF.js graph import: COCO CenterNet features, rnnkit vs TensorFlow.js ($(date -u +%Y-%m-%d), commit $(cd "$root" && git rev-parse --short HEAD))"
  echo
  echo "Command: \`bench/centernet.sh\` ($rounds interleaved rounds, medians; features = the 16x16x480 backbone map,"
  echo "detections = the whole graph; one [1, 512, 512, 3] input; TF.js 4.22.0 in Node $(node --version)). Machine: $machine."
  echo
  echo "$summary"
} >>"$root/docs/BENCHMARKS.md"

#!/usr/bin/env bash
# Sentiment benchmark on the real corpora: trains with the recipe's defaults and reports dev accuracy,
# wall time, training throughput and padding efficiency, then appends a dated section to
# docs/BENCHMARKS.md.
#
#   bench/sentiment.sh [imdb|sst2|all] [DATASETS_DIR]
#
# DATASETS_DIR defaults to ../shared/datasets (imdb/train.tsv.gz; sst2/train.tsv, sst2/dev.tsv).
# IMDB: a seeded 20% of train is held out as dev (never trained on). SST-2: train on train.tsv,
# select and report on dev.tsv. The run uses a private copy of the built jars, so rebuilding the
# project meanwhile does not disturb it. It refuses to start on a busy machine (1-minute load > 0.5).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
which="${1:-all}"
data="${2:-$root/../shared/datasets}"

. "$root/bench/common.sh"
bench_prepare
machine_cores=$(nproc --all)
run() {
  java -Xmx6g -Dorg.bytedeco.javacpp.maxbytes=10G -Dorg.bytedeco.javacpp.maxphysicalbytes=14G -Djava.awt.headless=true \
    -cp "$work/rnnkit-recipes.jar:$work/lib/*" org.rnnkit.cli.RnnkitCli "$@"
}

report="$work/report.md"
machine="$machine_cores cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB, OMP_NUM_THREADS=$OMP_NUM_THREADS"
{
  echo
  echo "## Sentiment: $(date -u +%Y-%m-%d) ($which)"
  echo
  echo "Command: \`bench/sentiment.sh $which\`. Machine: $machine. rnnkit $(git -C "$root" rev-parse --short HEAD)."
  echo
  echo "| data | dev | model | dev accuracy | bag-of-words | best epoch / epochs | wall time | train seq/s | padding efficiency |"
  echo "|---|---|---|---|---|---|---|---|---|"
} > "$report"

bench_one() {
  local label="$1" devdesc="$2"; shift 2
  local dir="$work/$label"
  mkdir -p "$dir"
  local start end
  start=$(date +%s)
  run sentiment train --out "$dir/model.zip" --no-progress "$@" > "$dir/train.out" 2> "$dir/train.err"
  end=$(date +%s)
  python3 - "$dir" "$label" "$devdesc" $((end - start)) >> "$report" <<'PY'
import json, sys, zipfile
d, label, dev, secs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
m = json.loads(zipfile.ZipFile(d + "/model.zip").read("metrics.json"))
opts = json.loads(zipfile.ZipFile(d + "/model.zip").read("options.json"))
epochs = [json.loads(l) for l in open(d + "/model-run/metrics.jsonl")]
sps = sum(e["sequences_per_second"] for e in epochs) / len(epochs)
pad = sum(e["padding_efficiency"] for e in epochs) / len(epochs)
model = (f'{opts["cell"].lower()} {opts["hiddenSize"]}x{opts["numLayers"]}{" bi" if opts["bidirectional"] else ""}, '
         f'{opts["pooling"].lower()} pooling, dropout {opts["dropout"]}, T<={opts["maxLength"]}')
print(f'| {label} | {dev} | {model} | **{m["accuracy"]*100:.2f}%** | {m["baseline_accuracy"]*100:.2f}% | '
      f'{int(m["best_epoch"])} / {int(m["epochs_trained"])} | {secs/60:.1f} min | {sps:.1f} | {pad:.3f} |')
PY
  tail -n 1 "$report"
}

if [ "$which" = imdb ] || [ "$which" = all ]; then
  bench_one imdb "seeded 20% of train (5,000)" --data "$data/imdb/train.tsv.gz"
fi
if [ "$which" = sst2 ] || [ "$which" = all ]; then
  bench_one sst2 "dev.tsv (872)" --data "$data/sst2/train.tsv" --dev "$data/sst2/dev.tsv"
fi
cat "$report" >> "$root/docs/BENCHMARKS.md"
echo "appended to docs/BENCHMARKS.md; logs in $work"

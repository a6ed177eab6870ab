#!/usr/bin/env bash
# The caption recipe on flickr8k-1k with the frozen COCO CenterNet encoder and attention over its 8x8
# regions, end to end as a user runs it: feature extraction from a cold cache, training, dev scores
# beside both baselines, and the distinct captions over the dev images (beam 5). Appends a dated
# section to docs/BENCHMARKS.md.
#
#   bench/caption_centernet.sh [DATA] [-- extra train options]
#
# DATA defaults to ../shared/datasets/flickr8k-1k. The model is the one `datasets/fetch.sh centernet`
# fetched (${RNNKIT_MODELS:-~/.cache/rnnkit/models}/centernet), else ../shared/models/centernet.
# Features go to a fresh cache directory (RNNKIT_CACHE) so that extraction is timed; it is removed at
# the end. Refuses a busy machine unless BENCH_IGNORE_LOAD=1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-$root/../shared/datasets/flickr8k-1k}"
shift || true
[ "${1:-}" = "--" ] && shift
extra=("$@")
model="${RNNKIT_MODELS:-$HOME/.cache/rnnkit/models}/centernet/centernet.json"
[ -f "$model" ] || model="$root/../shared/models/centernet/centernet.json"
[ -f "$model" ] || { echo "no centernet model: run datasets/fetch.sh centernet first" >&2; exit 2; }
[ -f "$data/captions.txt" ] || { echo "no captions corpus at $data" >&2; exit 2; }

machine="$(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load at start $(cut -d' ' -f1 /proc/loadavg)"
. "$root/bench/common.sh"
bench_prepare
export RNNKIT_CACHE="$work/cache"
rnnkit() {
  java -Xmx6g -Dorg.bytedeco.javacpp.maxbytes=8G -Djava.awt.headless=true \
    -cp "$work/rnnkit-recipes.jar:$work/lib/*" org.rnnkit.cli.RnnkitCli "$@"
}
# the recipe's centernet defaults (CenternetEncoder.captionDefaults), plus any extra options given
options=("${extra[@]}")
start=$(date +%s)
rnnkit caption train --data "$data" --encoder centernet --encoder-weights "$model" \
  --out "$work/f8k.zip" --no-progress ${options[@]+"${options[@]}"} 2>&1 | tee "$work/train.log"
end=$(date +%s)
features=$(grep -o 'centernet features of [0-9]* images in [0-9.]* s ([0-9.]* s per image' "$work/train.log" | head -1)

# distinct captions over the dev images (beam 5), and the most frequent one
awk -F'\t' '$2 == "dev" {print $1}' "$data/splits.tsv" | sed "s|^|$data/images/|" >"$work/dev.txt"
rnnkit caption predict --model "$work/f8k.zip" --beam 5 <"$work/dev.txt" | cut -f2 >"$work/dev-captions.txt"
distinct=$(sort -u "$work/dev-captions.txt" | wc -l)
images=$(wc -l <"$work/dev-captions.txt")
frequent=$(sort "$work/dev-captions.txt" | uniq -c | sort -rn | head -1 | sed 's/^ *//')
unzip -p "$work/f8k.zip" metrics.json >"$work/metrics.json"
table=$(/usr/bin/python3 - "$work/metrics.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
rows = [("model, beam 5", ""), ("model, greedy", "_greedy")]
out = ["| dev (flickr8k-1k) | BLEU-1 | BLEU-4 | CIDEr-D | ROUGE-L |", "|---|---|---|---|---|"]
for name, suffix in rows:
    out.append(f"| {name} | {m['bleu1' + suffix]:.2f} | {m['bleu4' + suffix]:.2f} | {m['cider' + suffix]:.3f} | {m['rouge_l' + suffix]:.2f} |")
for name, prefix in [("baseline: best training caption", "baseline_constant_"), ("baseline: nearest training image", "baseline_nearest_")]:
    out.append(f"| {name} | {m[prefix + 'bleu1']:.2f} | {m[prefix + 'bleu4']:.2f} | {m[prefix + 'cider']:.3f} | {m[prefix + 'rouge_l']:.2f} |")
print("\n".join(out))
print(f"\nEpochs trained: {int(m.get('epochs_trained', m.get('epochs', 0)))}, best epoch {int(m.get('best_epoch', 0))}.")
PY
)
echo "$table"
echo "distinct dev captions: $distinct of $images; most frequent: $frequent"
{
  echo
  echo "## Captioning: $(date -u +%Y-%m-%d) (flickr8k-1k, centernet encoder + attention, commit $(cd "$root" && git rev-parse --short HEAD))"
  echo
  echo "Command: \`bench/caption_centernet.sh\` (train options: the centernet defaults, \`CenternetEncoder.captionDefaults()\`${options[*]:+, plus ${options[*]}}). Machine: $machine."
  echo "Feature extraction from a cold cache plus training and dev evaluation: $((end - start)) s in all;"
  echo "extraction: ${features:-not logged})."
  echo
  echo "$table"
  echo
  echo "Distinct captions over the $images dev images (beam 5): $distinct; the most frequent: $frequent."
} >>"$root/docs/BENCHMARKS.md"
rm -rf "$work"

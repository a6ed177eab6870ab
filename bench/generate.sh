#!/usr/bin/env bash
# Character language model benchmark, rnnkit against PyTorch at equal wall-clock time and model size:
# bench/CharLmBench.java (the generate recipe's stages: TextStreams layout, LanguageModelBuilder with
# rnnkit's fused LSTM, stateful truncated BPTT with CarriedState) and bench/charlm_torch.py (Debian's
# python3-torch), back to back, each with 2 threads, on the review text of the IMDB training file.
# Reports dev bits per character and training characters per second, and appends a dated section
# to docs/BENCHMARKS.md.
#
#   bench/generate.sh [BUDGET_SECONDS] [HIDDEN] [LAYERS] [DATASETS_DIR]
#
# Defaults: 1200 s each (the issue's 20 minutes), 2 x 512 LSTM, embedding 64, TBPTT 100, 32 stream
# lanes, Adam 2e-3, clipping at norm 1. Data: the `text` column of DATASETS_DIR/imdb/train.tsv.gz
# (default ../shared/datasets), one review per document; a seeded 5% of the reviews (by document) is
# held out as dev, and the first 100 dev reviews are scored. RNNKIT_CP=<classpath> skips the build
# (e.g. toolkit-core/target/classes:toolkit-recipes/target/classes:<dependencies>). Installs
# libopenblas0-openmp and python3-torch with apt when /usr/bin/python3 cannot import torch. Refuses a
# busy machine (1-minute load > 0.5) unless BENCH_IGNORE_LOAD=1. Torch runs with OMP_WAIT_POLICY=PASSIVE:
# on a shared machine OpenMP's spinning threads made it 25x slower (1 x 64 LSTM: 750 vs 18,000 chars/s).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
budget="${1:-1200}"
hidden="${2:-512}"
layers="${3:-2}"
data="${4:-$root/../shared/datasets}"
threads=2

if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  apt-get install -y --no-install-recommends libopenblas0-openmp python3-torch
fi
load_before=$(cut -d' ' -f1 /proc/loadavg)
if [ -n "${RNNKIT_CP:-}" ]; then
  work="$(mktemp -d /tmp/rnnkit-bench.XXXXXX)"
  classpath="$RNNKIT_CP"
  if [ "${BENCH_IGNORE_LOAD:-0}" != 1 ] && python3 -c "import sys; sys.exit(0 if float('$load_before') > 0.5 else 1)"; then
    echo "machine is busy (load $load_before); refusing to benchmark. Set BENCH_IGNORE_LOAD=1 to override." >&2
    exit 1
  fi
else
  . "$root/bench/common.sh"
  bench_prepare
  classpath="$work/rnnkit-recipes.jar:$work/lib/*"
fi
cp "$root/bench/CharLmBench.java" "$root/bench/charlm_torch.py" "$work/"

# one review per line (tabs and newlines inside a review become spaces); 5% of reviews to dev
python3 - "$data/imdb/train.tsv.gz" "$work" <<'PY'
import gzip, random, sys
src, out = sys.argv[1], sys.argv[2]
with gzip.open(src, "rt", encoding="utf-8") as f:
    header = f.readline().rstrip("\n").split("\t")
    col = header.index("text")
    docs = []
    for line in f:
        parts = line.rstrip("\n").split("\t")
        if len(parts) > col and parts[col].strip():
            docs.append(" ".join(parts[col].split()))
order = list(range(len(docs)))
random.Random(20261207).shuffle(order)
dev = set(order[: round(len(docs) * 0.05)])
with open(out + "/train.txt", "w", encoding="utf-8") as t, open(out + "/dev.txt", "w", encoding="utf-8") as d:
    for i, doc in enumerate(docs):
        (d if i in dev else t).write(doc + "\n")
print(f"{len(docs) - len(dev)} train reviews, {len(dev)} dev reviews", file=sys.stderr)
PY

common=(--train "$work/train.txt" --dev "$work/dev.txt" --budget "$budget" --hidden "$hidden"
  --layers "$layers" --embedding 64 --tbptt 100 --batch 32 --lr 2e-3 --seed 1 --dev-docs 100)
OMP_NUM_THREADS=1 java -Xmx6g -Dorg.bytedeco.javacpp.maxbytes=8G -Drnnkit.threads=$threads \
  -cp "$classpath" "$work/CharLmBench.java" "${common[@]}" > "$work/rnnkit.json" 2> "$work/rnnkit.err" \
  || { tail -20 "$work/rnnkit.err" >&2; exit 1; }
cat "$work/rnnkit.json"
OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=$threads /usr/bin/python3 "$work/charlm_torch.py" --threads $threads "${common[@]}" \
  > "$work/torch.json" 2> "$work/torch.err" || { tail -20 "$work/torch.err" >&2; exit 1; }
cat "$work/torch.json"
load_after=$(cut -d' ' -f1 /proc/loadavg)

python3 - "$work" "$budget" "$hidden" "$layers" "$load_before" "$load_after" "$(git -C "$root" rev-parse --short HEAD)" "$(nproc --all)" >> "$root/docs/BENCHMARKS.md" <<'PY'
import datetime, json, sys
work, budget, hidden, layers, before, after, commit, cores = sys.argv[1:]
r = json.loads(open(work + "/rnnkit.json").read().strip().splitlines()[-1])
t = json.loads(open(work + "/torch.json").read().strip().splitlines()[-1])
cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
print()
print(f"## Generate (char LM): {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC, {budget} s each")
print()
print(f"Command: `bench/generate.sh {budget} {hidden} {layers}`. rnnkit {commit}. Machine: {cores} cores, {cpu};"
      f" 2 threads each, back to back (rnnkit first); 1-minute load {before} before, {after} after"
      + (" (busy: shared with other jobs, so both throughputs are lower than on a quiet machine)" if float(before) > 0.5 else "") + ".")
print(f"Model: embedding 64 -> {layers} x {hidden} LSTM -> softmax over {r.get('vocab', 'the')} characters, TBPTT 100 with the"
      " state carried batch to batch (32 stream lanes, reset at each review's start), Adam 2e-3, clipping at norm 1."
      " Data: IMDB train.tsv.gz review text, 5% of the reviews held out (seeded), the first 100 of them scored"
      f" ({r['dev_tokens']} characters, each review's end included).")
print()
print("| impl | trained for | batches | characters trained | chars/s | dev bits/char |")
print("|---|---|---|---|---|---|")
for x in (r, t):
    print(f"| {x['impl']} | {x['seconds']} s | {x['batches']} | {x['chars_trained']} | {x['chars_per_s']:.0f} | {x['dev_bits_per_char']:.3f} |")
PY
tail -12 "$root/docs/BENCHMARKS.md"

#!/usr/bin/env bash
# POS-tagging benchmark on UD English-EWT: trains the postag recipe with its defaults on the train
# file, selects on the dev file (never trained on), and appends dev UPOS accuracy, the
# most-frequent-tag baseline, OOV accuracy, epochs and wall time to docs/BENCHMARKS.md.
#
#   bench/postag.sh [DATASETS_DIR] [--vectors | --vectors-file FILE] [--frozen] [-- TRAIN_OPTIONS...]
#
# --vectors first trains 100-dimensional word vectors (rnnkit embeddings train: skip-gram, window 5,
# min count 5, 5 epochs, seed 1) on unlabelled English from the data sets' TRAINING parts
# (bench/unlabelled_english.py: IMDB train, SST-2 train, fra-eng train, EWT train word forms; about 8.6M
# tokens) and initialises the tagger's word embeddings from them (postag train --embeddings).
# --vectors-file FILE uses vectors trained before instead. --frozen keeps the vectors in a frozen table
# beside a trainable embedding (postag train --frozen-embeddings). Options after -- go to postag train
# as they are (e.g. -- --patience 6 --epochs 40).
#
# DATASETS_DIR defaults to ../shared/datasets (ud-ewt/en_ewt-ud-{train,dev}.conllu; or fetch them with
# datasets/fetch.sh ud-ewt). Uses a private copy of the built jars; refuses to start on a busy
# machine (1-minute load > 0.5) unless BENCH_IGNORE_LOAD=1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="$root/../shared/datasets"
vectors=0
vectors_file=""
frozen=0
passthrough=()
args_text="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --vectors) vectors=1 ;;
    --vectors-file) vectors_file="$2"; shift ;;
    --frozen) frozen=1 ;;
    --) shift; passthrough=("$@"); break ;;
    *) data="$1" ;;
  esac
  shift
done
if [ "$frozen" = 1 ] && [ "$vectors" = 0 ] && [ -z "$vectors_file" ]; then
  echo "--frozen needs --vectors or --vectors-file" >&2
  exit 2
fi

. "$root/bench/common.sh"
bench_prepare
extra=()
model="word emb 100 + char CNN 64, BiLSTM 128x2"
vector_secs=0
if [ "$vectors" = 1 ]; then
  vstart=$(date +%s)
  python3 "$root/bench/unlabelled_english.py" "$data" "$work/corpus.txt"
  java -Xmx8g -Dorg.bytedeco.javacpp.maxbytes=4G -cp "$work/rnnkit-recipes.jar:$work/lib/*" org.rnnkit.cli.RnnkitCli \
    embeddings train --data "$work/corpus.txt" --out "$work/vectors.txt" --dim 100 --window 5 --min-count 5 \
    --epochs 5 --negative 5 --seed 1 --workers 2 > "$work/vectors.out" 2> "$work/vectors.err"
  vector_secs=$(( $(date +%s) - vstart ))
  extra=(--embeddings "$work/vectors.txt")
  model="$model; word emb initialised from word2vec (skip-gram 100d, 8.6M tokens of train-only text)"
elif [ -n "$vectors_file" ]; then
  extra=(--embeddings "$vectors_file")
  model="$model; word emb initialised from $(basename "$vectors_file")"
fi
if [ "$frozen" = 1 ]; then
  extra+=(--frozen-embeddings)
  model="${model/word emb initialised from/+ frozen table of}"
  model="${model/word emb 100/trainable word emb 100}"
fi
if [ ${#passthrough[@]} -gt 0 ]; then
  extra+=("${passthrough[@]}")
  model="$model; ${passthrough[*]}"
fi
start=$(date +%s)
java -Xmx6g -Dorg.bytedeco.javacpp.maxbytes=10G -Djava.awt.headless=true \
  -cp "$work/rnnkit-recipes.jar:$work/lib/*" org.rnnkit.cli.RnnkitCli postag train \
  --data "$data/ud-ewt/en_ewt-ud-train.conllu" --dev "$data/ud-ewt/en_ewt-ud-dev.conllu" \
  --out "$work/ewt.zip" --no-progress ${extra[@]+"${extra[@]}"} > "$work/train.out" 2> "$work/train.err"
end=$(date +%s)
machine="$(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB, OMP_NUM_THREADS=$OMP_NUM_THREADS"
python3 - "$work" $((end - start)) "$machine" "$(git -C "$root" rev-parse --short HEAD)" "$model" "$vector_secs" "$args_text" >> "$root/docs/BENCHMARKS.md" <<'PY'
import datetime, json, sys, zipfile
work, secs, machine, rev, model, vector_secs, args = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]), sys.argv[7]
m = json.loads(zipfile.ZipFile(work + "/ewt.zip").read("metrics.json"))
print(f"\n## POS tagging: {datetime.date.today()} (UD English-EWT)\n")
print(f"Command: `bench/postag.sh {args}`. Machine: {machine}. rnnkit {rev}.\n")
print("| data | dev | model | dev UPOS accuracy | most frequent tag | OOV accuracy (tokens) | best epoch / epochs | wall time |")
print("|---|---|---|---|---|---|---|---|")
print(f"| en_ewt-ud-train (12,544 sentences) | en_ewt-ud-dev (2,001) | {model} | **{100*m['accuracy']:.2f}%** | "
      f"{100*m['baseline_accuracy']:.2f}% | {100*m['oov_accuracy']:.2f}% ({int(m['oov_tokens'])}) | "
      f"{int(m['best_epoch'])} / {int(m['epochs_trained'])} | {secs/60:.1f} min"
      + (f" (+ {vector_secs/60:.1f} min for the vectors)" if vector_secs else "") + " |")
PY
tail -3 "$root/docs/BENCHMARKS.md"
echo "logs in $work" >&2

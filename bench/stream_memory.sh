#!/usr/bin/env bash
# Streaming memory benchmark (issue 29, large files): sentiment training on 25k and on 1M IMDB rows
# with the SAME fixed heap, side by side in one run. The big file is the 25,000 shared IMDB reviews
# repeated and shuffled (seeded); both files are written as plain TSV to a temporary directory
# (never into the repository) and deleted at the end unless KEEP=1.
#
#   bench/stream_memory.sh [ROWS] [DATASETS_DIR]
#
# ROWS (default 1000000) is the size of the big file; DATASETS_DIR defaults to ../shared/datasets.
# Each run: `sentiment train` with a tiny model (hidden 8, embedding 8, max length 64, batches of
# 512, 1 epoch, default 20% dev split) under -Xmx$HEAP (default 1g) and a JavaCPP off-heap cap.
# Measured per run: the recipe's own "read N rows in X s (R rows/s ...)" log line (both passes over
# the file: labels, then tokenize + encode into the token id file), the epoch's time and training
# sequences/s (metrics.jsonl), dev accuracy, the peak heap used (bench/HeapSampler.java samples
# MemoryMXBean every 10 ms; it depends on how lazily G1 collects), the peak live heap (the heap used
# right after a full GC that HeapSampler forces every 10 s; what the run really keeps), peak RSS
# (/usr/bin/time) and wall time; -Xlog:gc goes to each run's gc.log. With OLD_ROOT=DIR (a checkout of an older rnnkit with its jars built, e.g. a git
# worktree of the commit before streaming), the same two runs are repeated with that code, to show
# what it does at the same heap. Appends a dated section to docs/BENCHMARKS.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows_big="${1:-1000000}"
data="${2:-$root/../shared/datasets}"
heap="${HEAP:-1g}"
[ -f "$data/imdb/train.tsv.gz" ] || { echo "no $data/imdb/train.tsv.gz; skipping" >&2; exit 0; }

load_at_start=$(cut -d' ' -f1 /proc/loadavg)
. "$root/bench/common.sh"
bench_prepare
mkdir -p "$work/sampler"
javac -d "$work/sampler" "$root/bench/HeapSampler.java"
if [ -n "${OLD_ROOT:-}" ]; then
  mkdir -p "$work/old"
  cp "$OLD_ROOT/toolkit-recipes/target/rnnkit-recipes.jar" "$work/old/"
  cp -r "$OLD_ROOT/toolkit-recipes/target/lib" "$work/old/lib"
fi
cleanup() { [ "${KEEP:-0}" = 1 ] || rm -f "$work"/imdb-*.tsv; }
trap cleanup EXIT

# The two files: the 25k reviews shuffled, and ROWS rows of them repeated and shuffled.
python3 - "$data/imdb/train.tsv.gz" "$work" "$rows_big" <<'PY'
import gzip, random, sys
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with gzip.open(src, "rt", encoding="utf-8", newline="\n") as f:
    header = f.readline()
    rows = [r if r.endswith("\n") else r + "\n" for r in f]
def write(name, count, seed):
    order = [i % len(rows) for i in range(count)]
    random.Random(seed).shuffle(order)
    with open(f"{out}/{name}", "w", encoding="utf-8", newline="\n") as g:
        g.write(header)
        g.writelines(rows[i] for i in order)
write("imdb-25k.tsv", len(rows), 1)
write("imdb-big.tsv", n, 2)
PY
small_rows=$(($(wc -l < "$work/imdb-25k.tsv") - 1))
big_rows=$(($(wc -l < "$work/imdb-big.tsv") - 1))

jvm=(-Xmx"$heap" -Dorg.bytedeco.javacpp.maxbytes=1G -Dorg.bytedeco.javacpp.maxphysicalbytes=4G -Djava.awt.headless=true)
train=(sentiment train --hidden 8 --embedding-size 8 --max-length 64 --batch-size 512 --epochs 1 --no-progress)

report="$work/report.md"
machine="$(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB, OMP_NUM_THREADS=$OMP_NUM_THREADS"
{
  echo
  echo "## Streaming data: sentiment on 25k vs ${big_rows} rows at -Xmx$heap: $(date -u +%Y-%m-%d) (commit $(git -C "$root" rev-parse --short HEAD))"
  echo
  echo "Command: \`bench/stream_memory.sh $rows_big\`$( [ -n "${OLD_ROOT:-}" ] && echo " with OLD_ROOT at commit $(git -C "$OLD_ROOT" rev-parse --short HEAD)"). Machine: $machine; 1-minute load at start $load_at_start."
  echo "Data: IMDB train (25,000 reviews) shuffled, and repeated + shuffled to ${big_rows} rows ($(du -m "$work/imdb-big.tsv" | cut -f1) MB TSV)."
  echo "Train: \`${train[*]}\` (default 20% dev split), JVM \`${jvm[*]}\`."
  echo
  echo "| code | rows | result | read + encode | token ids on disk | epoch (train seq/s) | dev acc. | peak heap used | peak live heap | peak RSS | wall |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
} > "$report"

bench_one() {
  local code="$1" file="$2" rows="$3" jars="$4"
  local dir="$work/run-$code-$rows"
  mkdir -p "$dir"
  local start end rc=0
  start=$(date +%s)
  /usr/bin/time -v -o "$dir/time.txt" java "${jvm[@]}" -Xlog:gc:file="$dir/gc.log" -Dheap.sampler.gcSeconds=10 \
    -cp "$work/sampler:$jars/rnnkit-recipes.jar:$jars/lib/*" HeapSampler org.rnnkit.cli.RnnkitCli \
    "${train[@]}" --data "$file" --out "$dir/model.zip" > "$dir/train.out" 2> "$dir/train.err" || rc=$?
  end=$(date +%s)
  python3 - "$dir" "$code" "$rows" "$rc" $((end - start)) >> "$report" <<'PY'
import json, os, re, sys, zipfile
d, code, rows, rc, secs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
err = open(d + "/train.err", encoding="utf-8", errors="replace").read()
mb = lambda b: f"{b / 2**20:.0f} MiB"
m = re.search(r"read (\d+) rows in ([\d.]+) s \((\d+) rows/s; labels pass ([\d.]+) s, tokenize and encode pass ([\d.]+) s\); (\d+) token ids in \S+ \(([\d.]+) MB\)", err)
read = f"{m.group(3)} rows/s ({m.group(2)} s: {m.group(4)} + {m.group(5)})" if m else "-"
ids = f"{int(m.group(6)) / 1e6:.1f} M ids, {float(m.group(7)):.0f} MB" if m else "-"
s = re.search(r"peak_heap_used_bytes=(\d+)", err)
peak = mb(int(s.group(1))) if s else "-"
s = re.search(r"peak_live_bytes=(\d+) live_samples=(\d+)", err)
live = f"{mb(int(s.group(1)))} ({s.group(2)} GCs)" if s and int(s.group(2)) > 0 else "-"
rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(d + "/time.txt").read())
rss = f"{int(rss.group(1)) / 1024:.0f} MiB" if rss else "-"
epoch, acc = "-", "-"
if rc == 0:
    result = "trained"
    epochs = [json.loads(l) for l in open(d + "/model-run/metrics.jsonl")]
    epoch = f'{epochs[0]["seconds"]:.0f} s ({epochs[0]["sequences_per_second"]:.0f})'
    acc = f'{json.loads(zipfile.ZipFile(d + "/model.zip").read("metrics.json"))["accuracy"] * 100:.2f}%'
elif "OutOfMemoryError" in err:
    result = f"**OutOfMemoryError** (exit {rc})"
else:
    last = [l for l in err.splitlines() if l.strip()][-1:] or ["?"]
    result = f"failed (exit {rc}): {last[0][:80]}"
print(f"| {code} | {rows:,} | {result} | {read} | {ids} | {epoch} | {acc} | {peak} | {live} | {rss} | {secs / 60:.1f} min |")
PY
  tail -n 1 "$report"
}

bench_one streaming "$work/imdb-25k.tsv" "$small_rows" "$work"
bench_one streaming "$work/imdb-big.tsv" "$big_rows" "$work"
if [ -n "${OLD_ROOT:-}" ]; then
  bench_one old "$work/imdb-25k.tsv" "$small_rows" "$work/old"
  bench_one old "$work/imdb-big.tsv" "$big_rows" "$work/old"
fi
cat "$report" >> "$root/docs/BENCHMARKS.md"
echo "appended to docs/BENCHMARKS.md; logs in $work"

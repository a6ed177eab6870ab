#!/usr/bin/env bash
# Recurrent-layer speed: rnnkit's fused layers against PyTorch (and DL4J's stock LSTM), the same model
# and shapes back to back in one run, reported as throughput ratios. Appends a dated section to
# docs/BENCHMARKS.md.
#
#   bench/recurrent.sh [--quick]
#
# Model (bench/RecurrentBench.java, bench/recurrent_torch.py): Embedding(10000 -> 128) -> LSTM/GRU(H)
# -> last real step -> Dense(2) softmax, cross-entropy, Adam; lengths uniform in [T/2, T] with masks.
# Shapes: B=64 T=200 H=128, B=64 T=200 H=256, B=32 T=50 H=256; 1 and 2 threads (rnnkit:
# -Drnnkit.threads=N with OMP_NUM_THREADS=1, the launcher's setting; PyTorch: torch.set_num_threads(N)).
# PyTorch is Debian's python3-torch with libopenblas0-openmp (installed here with apt-get when
# missing; without OpenBLAS Debian's torch falls back to the reference BLAS). Refuses to run on a
# busy machine (1-minute load > 0.5) unless BENCH_IGNORE_LOAD=1. --quick: one shape, fewer steps.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
quick=0
[ "${1:-}" = "--quick" ] && quick=1

python=/usr/bin/python3
if ! "$python" -c "import torch" 2>/dev/null || ! dpkg -s libopenblas0-openmp >/dev/null 2>&1; then
  echo "installing python3-torch and libopenblas0-openmp with apt-get" >&2
  sudo_cmd=""
  [ "$(id -u)" != 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq python3-torch libopenblas0-openmp >/dev/null
fi

load=$(cut -d' ' -f1 /proc/loadavg)
if [ "${BENCH_IGNORE_LOAD:-0}" != 1 ] && "$python" -c "import sys; sys.exit(0 if float('$load') > 0.5 else 1)"; then
  echo "machine is busy (load $load); refusing to benchmark. Set BENCH_IGNORE_LOAD=1 to override." >&2
  exit 1
fi

(cd "$root" && mvn -q -B -DskipTests package)
work="$(mktemp -d /tmp/rnnkit-bench.XXXXXX)"
cp -r "$root/toolkit-recipes/target/lib" "$work/lib"
cp "$root/bench/RecurrentBench.java" "$work/"
results="$work/results.jsonl"

if [ "$quick" = 1 ]; then
  shapes=("64 200 128"); cells=(lstm); threads=(2); warmup=3; reps=5
else
  shapes=("64 200 128" "64 200 256" "32 50 256"); cells=(lstm gru); threads=(1 2); warmup=10; reps=20
fi

rnnkit() {
  OMP_NUM_THREADS=1 java -Xmx4g -Dorg.bytedeco.javacpp.maxbytes=8G -Drnnkit.threads="$1" \
    -cp "$work/lib/*" "$work/RecurrentBench.java" --impl "$2" --cell "$3" --batch "$4" --steps "$5" \
    --hidden "$6" --warmup "$warmup" --reps "$reps" 2>/dev/null | grep '^{'
}
torch() {
  "$python" "$root/bench/recurrent_torch.py" --threads "$1" --cell "$2" --batch "$3" --steps "$4" \
    --hidden "$5" --warmup "$warmup" --reps "$reps"
}

for shape in "${shapes[@]}"; do
  read -r b t h <<< "$shape"
  for cell in "${cells[@]}"; do
    for n in "${threads[@]}"; do
      echo "B=$b T=$t H=$h $cell threads=$n" >&2
      rnnkit "$n" rnnkit "$cell" "$b" "$t" "$h" >> "$results"
      torch "$n" "$cell" "$b" "$t" "$h" >> "$results"
    done
  done
  if [ "$quick" = 0 ] && [ "$t" = 200 ]; then
    echo "B=$b T=$t H=$h DL4J stock LSTM threads=1" >&2
    rnnkit 1 dl4j lstm "$b" "$t" "$h" >> "$results"
  fi
done

mhz=$(grep -m1 'cpu MHz' /proc/cpuinfo | cut -d: -f2 | xargs)
machine="$(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB"
"$python" - "$results" "$mhz" "$machine" "$(git -C "$root" rev-parse --short HEAD)" "$quick" > "$work/report.md" <<'PY'
import datetime, json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
mhz, machine, rev, quick = float(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5] == "1"
def flops(r, train):
    g = 4 if r["cell"] == "lstm" else 3
    fwd = 2 * g * r["hidden"] * (128 + r["hidden"]) * r["steps"] * r["batch"]
    return 3 * fwd if train else fwd
def peak(threads):  # AVX2: 2 FMA units x 8 floats x 2 FLOP per cycle and core
    return threads * 32 * mhz * 1e6
key = lambda r: (r["batch"], r["steps"], r["hidden"], r["cell"], int(r["threads"]) if r["threads"] not in (None, "null") else 1)
torch = {key(r): r for r in rows if r["impl"] == "pytorch"}
stock = {(r["batch"], r["steps"], r["hidden"]): r for r in rows if r["impl"] == "dl4j"}
print(f"\n## Recurrent layers vs PyTorch: {datetime.date.today()}{' (quick)' if quick else ''}\n")
print(f"Command: `bench/recurrent.sh{' --quick' if quick else ''}`. Machine: {machine}, {mhz:.0f} MHz "
      f"(peak {peak(1)/1e9:.0f} GFLOP/s per core, AVX2 FMA). rnnkit {rev}, OMP_NUM_THREADS=1, "
      "-Drnnkit.threads=N; PyTorch 1.13 (Debian, OpenBLAS), torch.set_num_threads(N). "
      "Training = forward + backward + Adam step; seq/s = batch / mean step time.\n")
print("| B | T | H | cell | threads | rnnkit train seq/s | PyTorch train seq/s | **train ratio** | rnnkit infer seq/s | PyTorch infer seq/s | **infer ratio** | rnnkit train % of peak |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    if r["impl"] != "rnnkit":
        continue
    p = torch[key(r)]
    th = key(r)[4]
    gfs = flops(r, True) * r["train_seq_s"] / r["batch"]
    print(f"| {r['batch']} | {r['steps']} | {r['hidden']} | {r['cell']} | {th} | {r['train_seq_s']:.0f} | "
          f"{p['train_seq_s']:.0f} | **{r['train_seq_s']/p['train_seq_s']:.2f}** | {r['infer_seq_s']:.0f} | "
          f"{p['infer_seq_s']:.0f} | **{r['infer_seq_s']/p['infer_seq_s']:.2f}** | {100*gfs/peak(th):.0f}% |")
if stock:
    print("\nDL4J's stock `LSTM` (same model, 1 thread) for reference:\n")
    print("| B | T | H | DL4J train seq/s | rnnkit LSTM train seq/s (1 thread) | speed-up | DL4J infer seq/s | rnnkit infer seq/s | speed-up |")
    print("|---|---|---|---|---|---|---|---|---|")
    ours = {(r["batch"], r["steps"], r["hidden"]): r for r in rows if r["impl"] == "rnnkit" and r["cell"] == "lstm" and key(r)[4] == 1}
    for k, s in stock.items():
        o = ours[k]
        print(f"| {k[0]} | {k[1]} | {k[2]} | {s['train_seq_s']:.0f} | {o['train_seq_s']:.0f} | {o['train_seq_s']/s['train_seq_s']:.1f}x | "
              f"{s['infer_seq_s']:.0f} | {o['infer_seq_s']:.0f} | {o['infer_seq_s']/s['infer_seq_s']:.1f}x |")
PY
cat "$work/report.md"
if [ "$quick" = 0 ]; then
  cat "$work/report.md" >> "$root/docs/BENCHMARKS.md"
  echo "appended to docs/BENCHMARKS.md (raw results: $results)" >&2
fi

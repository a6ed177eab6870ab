#!/usr/bin/env bash
# Forecasting benchmarks: trains the forecast recipe on the real series and appends test scores,
# side by side with the naive baselines computed on the same windows, to docs/BENCHMARKS.md.
#
#   bench/forecast.sh [DATASETS_DIR] [ett|airline|others|all]
#
# - ett: ETTh1, univariate target OT, split 8640/2880/2880 rows (12/4/4 months), lookback 336,
#   horizons 24/48/168/336/720, one window per test step; MSE/MAE on data standardized with the
#   train part's mean/std (the ETT literature's protocol).
# - airline: AirPassengers, first 96 months (84 train + 12 dev) / last 48 months test, one-step-ahead
#   rolling forecasts; then 12-step-ahead forecasts from the split point (origins every 12 months).
# - others: monthly sunspots and Melbourne daily minimum temperatures, 70/10/20 split.
#
# DATASETS_DIR defaults to ../shared/datasets (or fetch with datasets/fetch.sh ett|timeseries).
# Uses a private copy of the built jars; refuses to start on a busy machine (1-minute load > 0.5)
# unless BENCH_IGNORE_LOAD=1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-$root/../shared/datasets}"
which="${2:-all}"

. "$root/bench/common.sh"
bench_prepare
rnnkit() {
  java -Xmx6g -Dorg.bytedeco.javacpp.maxbytes=10G -Djava.awt.headless=true \
    -cp "$work/rnnkit-recipes.jar:$work/lib/*" org.rnnkit.cli.RnnkitCli "$@"
}
machine="$(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB, OMP_NUM_THREADS=$OMP_NUM_THREADS"
rev="$(git -C "$root" rev-parse --short HEAD)"

# train NAME ARGS...: trains, records the wall time next to the bundle
train() {
  local name="$1"; shift
  local start end
  start=$(date +%s)
  rnnkit forecast train --no-progress --out "$work/$name.zip" "$@" > "$work/$name.out" 2> "$work/$name.err"
  end=$(date +%s)
  echo $((end - start)) > "$work/$name.secs"
  grep -A8 "^test part" "$work/$name.out" | head -9
}

if [ "$which" = ett ] || [ "$which" = all ]; then
  for h in 24 48 168 336 720; do
    echo "ETTh1 horizon $h" >&2
    train "ett-h$h" --data "$data/ett/ETTh1.csv" --target OT --split-rows 8640,2880,2880 \
      --lookback 336 --horizon "$h" --epochs 10
  done
  python3 - "$work" "$machine" "$rev" >> "$root/docs/BENCHMARKS.md" <<'PY'
import datetime, json, sys, zipfile
work, machine, rev = sys.argv[1:4]
print(f"\n## Forecasting: {datetime.date.today()} (ETTh1, univariate OT)\n")
print(f"Command: `bench/forecast.sh DATASETS ett` (`rnnkit forecast train --data ETTh1.csv --target OT"
      f" --split-rows 8640,2880,2880 --lookback 336 --horizon H --epochs 10`). Machine: {machine}. rnnkit {rev}.\n")
print("Test part (rows 11520-14399), one window per test step, MSE / MAE on values standardized with the"
      " train part's mean and std. Model: LSTM 64 (direct, inputs relative to the window start) + linear"
      " autoregressive part over the 336-step window; selected on the dev part.\n")
print("| horizon | windows | RNN MSE | RNN MAE | naive MSE | naive MAE | seasonal naive MSE | seasonal naive MAE | best epoch | wall time |")
print("|---|---|---|---|---|---|---|---|---|---|")
for h in (24, 48, 168, 336, 720):
    m = json.loads(zipfile.ZipFile(f"{work}/ett-h{h}.zip").read("metrics.json"))
    secs = int(open(f"{work}/ett-h{h}.secs").read())
    print(f"| {h} | {int(m['test_windows'])} | **{m['test_mse_standardized']:.4f}** | {m['test_mae_standardized']:.4f} | "
          f"{m['test_naive_mse_standardized']:.4f} | {m['test_naive_mae_standardized']:.4f} | "
          f"{m['test_seasonal_naive_mse_standardized']:.4f} | {m['test_seasonal_naive_mae_standardized']:.4f} | "
          f"{int(m['best_epoch'])} | {secs/60:.1f} min |")
PY
fi

if [ "$which" = airline ] || [ "$which" = all ]; then
  air="$data/timeseries/airline-passengers.csv"
  common=(--data "$air" --split-rows 84,12,48 --log --reference seasonal-growth --lookback 13
          --batch-size 8 --lr 0.003 --lr-decay 0.99 --epochs 300 --patience 60)
  for seed in 1 2 3; do
    echo "airline one-step, seed $seed" >&2
    train "air-1-s$seed" "${common[@]}" --horizon 1 --seed "$seed"
  done
  echo "airline 12-step from the split point" >&2
  train "air-12" "${common[@]}" --horizon 12 --backtest-stride 12 --seed 1
  python3 - "$work" "$machine" "$rev" >> "$root/docs/BENCHMARKS.md" <<'PY'
import datetime, json, sys, zipfile
work, machine, rev = sys.argv[1:4]
def m(name): return json.loads(zipfile.ZipFile(f"{work}/{name}.zip").read("metrics.json"))
print(f"\n## Forecasting: {datetime.date.today()} (AirPassengers)\n")
print(f"Command: `bench/forecast.sh DATASETS airline` (`rnnkit forecast train --data airline-passengers.csv"
      f" --split-rows 84,12,48 --log --reference seasonal-growth --lookback 13 --batch-size 8 --lr 0.003"
      f" --lr-decay 0.99 --epochs 300 --patience 60 --horizon 1`). Machine: {machine}. rnnkit {rev}.\n")
print("Train on the first 84 months, select on the next 12 (together the first 96 months, 67%),"
      " test on the last 48 with rolling origins. The network learns a correction to seasonal naive x"
      " year-on-year growth on log values (LSTM 64 + linear autoregressive part).\n")
print("| forecast | seed | test RMSE | MAE | MASE | naive RMSE | seasonal naive RMSE | seasonal naive x growth RMSE |")
print("|---|---|---|---|---|---|---|---|")
for s in (1, 2, 3):
    r = m(f"air-1-s{s}")
    print(f"| one step ahead, 48 origins | {s} | **{r['test_rmse']:.2f}** | {r['test_mae']:.2f} | {r['test_mase']:.3f} | "
          f"{r['test_naive_rmse']:.2f} | {r['test_seasonal_naive_rmse']:.2f} | {r['test_seasonal_growth_rmse']:.2f} |")
r = m("air-12")
print(f"| 12 steps ahead, origins every 12 months ({int(r['test_windows'])}) | 1 | **{r['test_rmse']:.2f}** | {r['test_mae']:.2f} | "
      f"{r['test_mase']:.3f} | {r['test_naive_rmse']:.2f} | {r['test_seasonal_naive_rmse']:.2f} | {r['test_seasonal_growth_rmse']:.2f} |")
PY
fi

if [ "$which" = others ] || [ "$which" = all ]; then
  echo "sunspots" >&2
  train sunspots --data "$data/timeseries/monthly-sunspots.csv" --lookback 132 --horizon 12 --epochs 30
  echo "melbourne temperatures" >&2
  train temperatures --data "$data/timeseries/daily-min-temperatures.csv" --season 365 --lookback 60 \
    --horizon 7 --epochs 30
  python3 - "$work" "$machine" "$rev" >> "$root/docs/BENCHMARKS.md" <<'PY'
import datetime, json, sys, zipfile
work, machine, rev = sys.argv[1:4]
def m(name): return json.loads(zipfile.ZipFile(f"{work}/{name}.zip").read("metrics.json"))
print(f"\n## Forecasting: {datetime.date.today()} (sunspots, Melbourne temperatures)\n")
print(f"Command: `bench/forecast.sh DATASETS others`. Machine: {machine}. rnnkit {rev}. Split 70/10/20 in time order,"
      " one window per test step, defaults otherwise (LSTM 64 + linear autoregressive part).\n")
print("| series | lookback / horizon | season | RNN RMSE | RNN MASE | naive RMSE | seasonal naive RMSE | seasonal naive MASE |")
print("|---|---|---|---|---|---|---|---|")
for name, label, lh, season in (("sunspots", "monthly sunspots (2,820 months)", "132 / 12", "12 (monthly)"),
                                 ("temperatures", "Melbourne daily minimum (3,650 days)", "60 / 7", "365")):
    r = m(name)
    print(f"| {label} | {lh} | {season} | **{r['test_rmse']:.3f}** | {r['test_mase']:.3f} | {r['test_naive_rmse']:.3f} | "
          f"{r['test_seasonal_naive_rmse']:.3f} | {r['test_seasonal_naive_mase']:.3f} |")
PY
fi
tail -12 "$root/docs/BENCHMARKS.md"
echo "logs in $work" >&2

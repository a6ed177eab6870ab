# Shared start of the benchmark scripts (source it after setting `root`): refuse a busy machine
# (1-minute load > 0.5) unless BENCH_IGNORE_LOAD=1, build, and copy the jars to a private
# directory `$work`, so that rebuilding the project meanwhile does not disturb a run.
bench_check_load() {
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  if [ "${BENCH_IGNORE_LOAD:-0}" != 1 ] && python3 -c "import sys; sys.exit(0 if float('$load') > 0.5 else 1)"; then
    echo "machine is busy (load $load); refusing to benchmark. Set BENCH_IGNORE_LOAD=1 to override." >&2
    exit 1
  fi
}

bench_prepare() {
  bench_check_load
  (cd "$root" && mvn -q -B -DskipTests package)
  work="$(mktemp -d /tmp/rnnkit-bench.XXXXXX)"
  cp "$root/toolkit-recipes/target/rnnkit-recipes.jar" "$work/"
  cp -r "$root/toolkit-recipes/target/lib" "$work/lib"
  export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
}

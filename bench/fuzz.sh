#!/usr/bin/env bash
# Fuzzes every reader and the bundle loader with Jazzer (issue 25), one target after another, and
# prints one Markdown row per target: executions, coverage (libFuzzer's edge count), corpus size,
# findings. Each target runs until 1,000,000 executions or 10 minutes (the @FuzzTest limits), or
# FUZZ_SECONDS when set (a shorter budget, e.g. on a busy machine). A finding is saved by Jazzer under
# toolkit-*/src/test/resources/org/rnnkit/.../<Class>Inputs/<target>/ and then replayed by every
# default test run: fix the bug and keep the file as its regression seed.
#   bash bench/fuzz.sh                 # all targets
#   bash bench/fuzz.sh BundleFuzzTest#load
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for t in labeledTextTsv labeledTextCsvStreamed labeledTextGzip conllu parallelText timeSeriesCsv \
      captionCorpus delimitedRows utf8Lines; do
    targets+=("toolkit-core:ReaderFuzzTest#$t")
  done
  targets+=("toolkit-core:BundleFuzzTest#load" "toolkit-recipes:TextCorpusFuzzTest#corpus")
fi
logs="$(mktemp -d /tmp/rnnkit-fuzz.XXXXXX)"
echo "| target | executions | seconds | coverage (edges) | corpus | findings |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for spec in "${targets[@]}"; do
  module="${spec%%:*}"; test="${spec#*:}"
  [ "$module" = "$spec" ] && module=toolkit-core
  log="$logs/${test//[#]/-}.log"
  start=$(date +%s)
  set +e
  # Reactor mode: toolkit-core is built from source beside the target's module (nothing installed).
  run=(mvn -o -B -pl "toolkit-core,$module" test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false
    -Djacoco.skip=true -Dspotless.check.skip=true)
  if [ -n "${FUZZ_SECONDS:-}" ]; then
    # The status lines libFuzzer prints while it runs give the counts when the budget cuts it.
    JAZZER_FUZZ=1 timeout --signal=INT "$FUZZ_SECONDS" "${run[@]}" >"$log" 2>&1
  else
    JAZZER_FUZZ=1 "${run[@]}" >"$log" 2>&1
  fi
  set -e
  seconds=$(( $(date +%s) - start ))
  last="$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)"
  execs="$(sed -E 's/^#([0-9]+).*/\1/' <<<"$last")"
  cov="$(grep -oE 'cov: [0-9]+' <<<"$last" | cut -d' ' -f2 || true)"
  corp="$(grep -oE 'corp: [0-9]+' <<<"$last" | cut -d' ' -f2 || true)"
  # A Java finding (an exception the target does not allow) or a crash of the JVM itself.
  findings="$(grep -c '» FuzzTestFinding\|libFuzzer: deadly signal' "$log" || true)"
  echo "| $test | ${execs:-?} | $seconds | ${cov:-?} | ${corp:-?} | $findings |"
done
echo "logs: $logs" >&2

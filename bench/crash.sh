#!/usr/bin/env bash
# Crash-safety harness at full size (issue 25): CrashSafetyTest trains the sentiment recipe in a
# child JVM and kills it with SIGKILL KILLS times (default 50), every other time the moment a
# checkpoint or bundle write begins and otherwise at a random moment, checking after each
# kill that the previous bundle loads and the checkpoint is whole, and at the end of each campaign
# that the resumed run's metrics and weights equal an uninterrupted run's. The default test run does
# the same with 5 kills. Prints the test's summary line.
#   bash bench/crash.sh [KILLS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
kills="${1:-50}"
mvn -o -B -q -pl toolkit-core,toolkit-recipes test -Dtest=CrashSafetyTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true -Dspotless.check.skip=true \
  -Drnnkit.crash.kills="$kills"
grep -h "crash safety:" toolkit-recipes/target/surefire-reports/*CrashSafetyTest*-output.txt \
  toolkit-recipes/target/surefire-reports/TEST-org.rnnkit.recipes.CrashSafetyTest.xml 2>/dev/null | head -n 1 || true

#!/usr/bin/env bash
# Consumer check: builds .ci/consumer/ (a project that uses rnnkit as a library the way README.md's
# "Use as a library" says: the BOM imported, toolkit-recipes and the CPU backend) in a temporary
# directory, offline, against the rnnkit artifacts installed in the local repository. Fails when
#  - rnnkit's -sources or -javadoc jars were not installed (the BOM must be: the project imports it),
#  - JUnit, commons-logging or image/video natives (OpenCV, FFmpeg, Leptonica/Tesseract, HDF5,
#    DataVec's image support) reach the compile class path of the project, or of one that depends on
#    toolkit-core alone,
#  - the runtime class path mixes DL4J versions or rnnkit versions,
#  - the sample program (SentimentQuickstart.java, 12 lines of code on org.rnnkit.api.TextClassifier)
#    does not train, save, load and predict.
# Prints the runtime class path's size (jars, MB). Run after `mvn install`: bash .ci/consumer.sh
# CONSUMER_MAVEN_ARGS adds Maven arguments (e.g. -Dmaven.repo.local=DIR for another local repository).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$root/pom.xml" | head -n 1)"
dl4j="$(sed -n 's:.*<dl4j.version>\(.*\)</dl4j.version>.*:\1:p' "$root/pom.xml" | head -n 1)"
platform="$(sed -n 's/.*-Djavacpp\.platform=\([^ ]*\).*/\1/p' "$root/.mvn/maven.config" | head -n 1)"
[ -n "$version" ] && [ -n "$dl4j" ] && [ -n "$platform" ] || {
  echo "consumer: cannot read the version, dl4j.version or javacpp.platform" >&2
  exit 1
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$root/.ci/consumer" "$work/app"

# Offline: everything must come from the local repository the rnnkit build filled.
# Maven's output is shown only when it fails.
mvn_() {
  # shellcheck disable=SC2086  # CONSUMER_MAVEN_ARGS holds separate arguments
  mvn -B -o -Drnnkit.version="$version" -Djavacpp.platform="$platform" \
    ${CONSUMER_MAVEN_ARGS:-} "$@" >"$work/mvn.log" 2>&1 || {
    grep -E 'ERROR|BUILD' "$work/mvn.log" >&2
    echo "consumer: mvn $* failed (offline)" >&2
    return 1
  }
}
# Writes OUT.compile and OUT.runtime, one jar path a line, from `mvn dependency:list` (whose lines
# read "group:artifact:type[:classifier]:version:scope:/path -- module ..."). The scopes are Maven's
# resolved ones (build-classpath's includeScope=compile is not used: it also lists runtime jars).
classpath() { # POM OUT
  mvn_ -f "$1" dependency:list -DoutputFile="$2.list" -DoutputAbsoluteArtifactFilename=true
  awk '$1 ~ /:/ { n = split($1, f, ":"); scope = f[n - 1]; path = f[n]
         if (scope ~ /^(compile|provided|system)$/) print path > (out ".compile")
         if (scope ~ /^(compile|runtime)$/) print path > (out ".runtime") }' out="$2" "$2.list"
  [ -s "$2.compile" ] && [ -s "$2.runtime" ] || {
    echo "consumer: no dependencies listed for $1" >&2
    exit 1
  }
}
failures=0
fail() {
  echo "consumer: FAIL: $*" >&2
  failures=$((failures + 1))
}

# 1. Compile class paths: the sample project, and a project on toolkit-core plus the backend.
sed -e 's:<artifactId>toolkit-recipes</artifactId>:<artifactId>toolkit-core</artifactId>:' \
  -e 's:<artifactId>rnnkit-consumer</artifactId>:<artifactId>rnnkit-core-consumer</artifactId>:' \
  "$work/app/pom.xml" >"$work/app/core-only.xml"
grep -q '<artifactId>toolkit-core</artifactId>' "$work/app/core-only.xml" || {
  echo "consumer: .ci/consumer/pom.xml no longer depends on toolkit-recipes" >&2
  exit 1
}
natives='opencv|ffmpeg|leptonica|tesseract|hdf5|javacv|datavec-data-image|flycapture|libdc1394'
natives="$natives|libfreenect|librealsense|videoinput|artoolkitplus|flandmark"
forbidden="junit|opentest4j|apiguardian|hamcrest|commons-logging|$natives"
for pom in pom.xml core-only.xml; do
  classpath "$work/app/$pom" "$work/$pom"
  bad="$(xargs -r -n 1 basename <"$work/$pom.compile" | grep -E "$forbidden" || true)"
  [ -z "$bad" ] || fail "$pom: compile class path has $(echo "$bad" | tr '\n' ' ')"
  echo "consumer: $pom compile class path: $(wc -l <"$work/$pom.compile") jars," \
    "none of JUnit, commons-logging, image natives"
done

# 2. Runtime class paths: one DL4J version, one rnnkit version; their size.
for pom in core-only.xml pom.xml; do
  # A jar in a Maven repository sits at .../<group path>/<artifact>/<version>/<file>.
  mixed="$(awk -F/ -v dl4j="$dl4j" -v rnnkit="$version" '
    /\/org\/(nd4j|deeplearning4j|datavec)\// && $(NF-1) != dl4j { print $(NF-2) ":" $(NF-1) }
    /\/org\/rnnkit\// && $(NF-1) != rnnkit { print $(NF-2) ":" $(NF-1) }' "$work/$pom.runtime")"
  [ -z "$mixed" ] || fail "$pom: runtime class path mixes versions: $(echo "$mixed" | tr '\n' ' ')"
  bad="$(xargs -r -n 1 basename <"$work/$pom.runtime" | grep -E "junit|commons-logging|$natives" || true)"
  [ -z "$bad" ] || fail "$pom: runtime class path has $(echo "$bad" | tr '\n' ' ')"
  what="$([ "$pom" = pom.xml ] && echo toolkit-recipes || echo toolkit-core)"
  xargs -r stat -c %s <"$work/$pom.runtime" | awk -v what="$what" '{ n++; b += $1 } END {
    printf "consumer: runtime class path of %s + nd4j-native-platform: %d jars, %.0f MB\n", what, n, b / 1e6 }'
done

# 3. The installed rnnkit jars come with -sources and -javadoc jars (for IDEs) beside them.
before=$failures
for module in toolkit-core toolkit-recipes; do
  jar="$(grep "/org/rnnkit/$module/$version/$module-$version.jar$" "$work/pom.xml.runtime" || true)"
  [ -n "$jar" ] || { fail "$module $version is not on the runtime class path"; continue; }
  for kind in sources javadoc; do
    [ -s "${jar%.jar}-$kind.jar" ] || fail "not installed: ${jar%.jar}-$kind.jar"
  done
done
[ "$failures" -gt "$before" ] ||
  echo "consumer: toolkit-core and toolkit-recipes $version installed with -sources and -javadoc jars"

# 4. The sample program compiles against the installed jars and trains, saves, loads, predicts.
(cd "$work/app" && mvn_ compile)
run_cp="$work/app/target/classes:$(paste -sd: "$work/pom.xml.runtime")"
output="$(cd "$work" && OMP_NUM_THREADS=1 java -Xmx2g -Djava.awt.headless=true -cp "$run_cp" \
  SentimentQuickstart "$work/sentiment.zip" 2>"$work/stderr")" || {
  tail -n 30 "$work/stderr" >&2
  fail "SentimentQuickstart exited with an error"
}
echo "$output" | sed 's/^/consumer: SentimentQuickstart: /'
[ -s "$work/sentiment.zip" ] || fail "SentimentQuickstart wrote no bundle"
[ "$(echo "$output" | grep -cE '^(pos|neg)	(0\.[0-9]+|1\.0)')" -eq 2 ] ||
  fail "SentimentQuickstart did not print two predictions (label TAB probability)"

if [ "$failures" -gt 0 ]; then
  echo "consumer: $failures check(s) failed" >&2
  exit 1
fi
echo "consumer: passed"

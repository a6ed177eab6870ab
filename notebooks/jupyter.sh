#!/usr/bin/env bash
# Opens the course notebooks in Jupyter with a Java kernel (rapaio-jupyter-kernel, from Maven Central)
# whose classpath is this project's build.
#
#   notebooks/jupyter.sh              build, set up the kernel, open Jupyter on notebooks/
#   notebooks/jupyter.sh --execute [NOTEBOOK...]
#                                     run the notebooks (default: all) headless, write executed copies
#                                     (with their outputs and plots) to notebooks/executed/
#   notebooks/jupyter.sh --install    also install Jupyter with apt-get when it is missing (Debian/Ubuntu)
#
# The project is built only when toolkit-recipes/target/rnnkit-recipes.jar is missing or older than a
# source or POM (as ./rnnkit does). The kernel runs through notebooks/kernel.sh, which keeps the kernel's
# start-up log (the connection file with its HMAC key) and its INFO records off the console.
#
# Needs Java 17+, Maven and Jupyter (Debian: apt-get install jupyter-notebook jupyter-nbconvert;
# elsewhere: pip install notebook nbconvert). The kernel goes to notebooks/.kernel/ (not committed);
# nothing is installed into your own Jupyter configuration.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
kernel_home="$here/.kernel"
mode=open
install=0
selected=()
for arg in "$@"; do
  case "$arg" in
    --execute) mode=execute ;;
    --install) install=1 ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *.ipynb) selected+=("$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")") ;;
    *) echo "unknown option: $arg (see --help)" >&2; exit 2 ;;
  esac
done

if ! command -v jupyter >/dev/null; then
  if [ "$install" = 1 ] && command -v apt-get >/dev/null; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends jupyter-notebook jupyter-nbconvert jupyter-client
  else
    echo "Jupyter is not installed: apt-get install jupyter-notebook jupyter-nbconvert (or pip install notebook nbconvert)," >&2
    echo "or run this script with --install on Debian/Ubuntu." >&2
    exit 1
  fi
fi

# Build only when the jar is missing or a source or POM is newer than it (as ./rnnkit does).
rnnkit_jar="$root/toolkit-recipes/target/rnnkit-recipes.jar"
needs_build() {
  [ -f "$rnnkit_jar" ] && [ -d "$root/toolkit-recipes/target/lib" ] || return 0
  [ -n "$(find "$root/toolkit-core/src/main" "$root/toolkit-recipes/src/main" "$root/pom.xml" \
      "$root/toolkit-core/pom.xml" "$root/toolkit-recipes/pom.xml" -newer "$rnnkit_jar" -type f -print -quit)" ]
}
if needs_build; then
  echo "building rnnkit (mvn -DskipTests package): no jar yet, or sources newer than it" >&2
  (cd "$root" && mvn -q -B -DskipTests package)
else
  echo "using the built $rnnkit_jar (sources are not newer)" >&2
fi

mkdir -p "$kernel_home/kernels/java"
jar="$kernel_home/rapaio-jupyter-kernel.jar"
if [ ! -f "$jar" ]; then
  echo "downloading the Java kernel (io.github.padreati:rapaio-jupyter-kernel:3.0.1)" >&2
  (cd "$root" && mvn -q -B dependency:copy -Dartifact=io.github.padreati:rapaio-jupyter-kernel:3.0.1 \
    -DoutputDirectory="$kernel_home" -Dmdep.stripVersion=true)
fi

# The kernel's extra classpath: rnnkit and its dependencies, separated by ';' (rapaio's convention).
classpath="$root/toolkit-recipes/target/rnnkit-recipes.jar"
for lib in "$root"/toolkit-recipes/target/lib/*.jar; do
  classpath="$classpath;$lib"
done
python3 - "$kernel_home/kernels/java/kernel.json" "$jar" "$classpath" "$here/kernel.sh" <<'PY'
import json, sys
path, jar, classpath, kernel_sh = sys.argv[1:]
json.dump({
    "argv": ["bash", kernel_sh, "java", "-Xmx4g", "-Dorg.bytedeco.javacpp.maxbytes=6G",
             "-Dorg.bytedeco.javacpp.maxphysicalbytes=10G", "-Djava.awt.headless=true",
             "-jar", jar, "{connection_file}"],
    "display_name": "Java (rnnkit)",
    "language": "java",
    "interrupt_mode": "message",
    "env": {"RJK_CLASSPATH": classpath, "OMP_NUM_THREADS": "1"},
}, open(path, "w"), indent=1)
PY
export JUPYTER_PATH="$kernel_home${JUPYTER_PATH:+:$JUPYTER_PATH}"

if [ "$mode" = execute ]; then
  mkdir -p "$here/executed"
  status=0
  [ ${#selected[@]} -gt 0 ] || selected=("$here"/*.ipynb)
  for nb in "${selected[@]}"; do
    echo "executing $(basename "$nb")" >&2
    # rapaio 3.0.1 occasionally never answers at start-up: one retry.
    for attempt in 1 2; do
      if jupyter nbconvert --log-level=WARN --to notebook --execute --ExecutePreprocessor.kernel_name=java \
          --ExecutePreprocessor.startup_timeout=90 --ExecutePreprocessor.timeout=600 \
          --output-dir "$here/executed" "$nb"; then
        break
      elif [ "$attempt" = 2 ]; then
        status=1
      fi
    done
  done
  exit $status
fi
cd "$here"
exec jupyter notebook

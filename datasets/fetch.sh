#!/usr/bin/env bash
# Downloads a real corpus, verifies its checksum and unpacks it outside the source tree.
#
#   datasets/fetch.sh imdb [DEST]     aclImdb v1 (Maas et al. 2011), 84 MB
#   datasets/fetch.sh sst2 [DEST]     GLUE SST-2 (Socher et al. 2013), 7 MB
#   datasets/fetch.sh ud-ewt [DEST]   UD English-EWT v2.15 train + dev (CoNLL-U, CC BY-SA 4.0), 18 MB
#
# DEST defaults to ${RNNKIT_DATA:-$HOME/.cache/rnnkit/datasets}. A download whose checksum does not
# match is deleted and the script exits with status 1; nothing half-downloaded is left behind.
set -euo pipefail

name="${1:-}"
dest="${2:-${RNNKIT_DATA:-$HOME/.cache/rnnkit/datasets}}"

task=sentiment
case "$name" in
  ud-ewt)
    # plain CoNLL-U files from the r2.15 release tag; SHA-256 of each file
    task=postag
    base="https://raw.githubusercontent.com/UniversalDependencies/UD_English-EWT/r2.15"
    mkdir -p "$dest/ud-ewt"
    for part in "train 3fb78e2b55482c8ee00caa653af436c88c9e5bc9a73ce26e4ae3ddc79d2b7e7b" \
                "dev 531a54ff90d6ab12201c5a50c3e78e6ddac4de69abc4bce5d275d3cd29efe2b6"; do
      read -r split sum <<< "$part"
      target="$dest/ud-ewt/en_ewt-ud-$split.conllu"
      if [ -f "$target" ]; then
        echo "$name: already in $target"
        continue
      fi
      tmp="$target.part"
      trap 'rm -f "$tmp"' EXIT
      echo "$name: downloading $base/en_ewt-ud-$split.conllu"
      curl -fL --retry 3 -o "$tmp" "$base/en_ewt-ud-$split.conllu"
      actual=$(sha256sum "$tmp" | cut -d' ' -f1)
      if [ "$actual" != "$sum" ]; then
        echo "$name: checksum mismatch (sha256 expected $sum, got $actual); download removed" >&2
        exit 1
      fi
      mv "$tmp" "$target"
      trap - EXIT
    done
    echo "use: ./rnnkit postag train --data $dest/ud-ewt/en_ewt-ud-train.conllu --dev $dest/ud-ewt/en_ewt-ud-dev.conllu"
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
    echo "usage: $0 imdb|sst2|ud-ewt [DEST]" >&2
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
echo "use: ./rnnkit $task train $use"

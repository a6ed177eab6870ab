#!/usr/bin/env python3
"""Writes an unlabelled English corpus for training word vectors, from the shared data sets' TRAINING
parts only (never a dev or test file): IMDB train reviews (split into sentences), SST-2 train sentences,
the English side of fra-eng train pairs, and the word forms of UD English-EWT train.

Lower-cased and tokenized roughly like UD English ("it's" -> "it 's", "don't" -> "do n't", punctuation
split off), one sentence per line.

    bench/unlabelled_english.py DATASETS_DIR OUT.txt
"""
import csv
import gzip
import re
import sys

csv.field_size_limit(10**9)
TOKEN = re.compile(r"[a-z]+(?=n't\b)|n't\b|'(?:s|re|ll|ve|m|d)\b|[a-z0-9]+(?:[.-][a-z0-9]+)*|[^\sa-z0-9]")


def main(data, out_path):
    lines = tokens = 0
    with open(out_path, "w", encoding="utf-8") as out:
        def emit(words):
            nonlocal lines, tokens
            if words:
                out.write(" ".join(words) + "\n")
                lines += 1
                tokens += len(words)

        def text(s):
            emit(TOKEN.findall(s.replace("<br />", " ").lower()))

        with gzip.open(f"{data}/imdb/train.tsv.gz", "rt", encoding="utf-8") as f:
            rows = csv.reader(f, delimiter="\t")
            next(rows)
            for row in rows:
                for sentence in re.split(r"(?<=[.!?])\s+", row[3]):
                    text(sentence)
        with open(f"{data}/sst2/train.tsv", encoding="utf-8") as f:
            next(f)
            for line in f:
                text(line.rstrip("\n").split("\t")[1])
        with open(f"{data}/fra-eng/fra-train.txt", encoding="utf-8") as f:
            for line in f:
                text(line.split("\t")[0])
        with open(f"{data}/ud-ewt/en_ewt-ud-train.conllu", encoding="utf-8") as f:
            words = []
            for line in f:
                line = line.rstrip("\n")
                if not line:
                    emit(words)
                    words = []
                elif not line.startswith("#"):
                    cols = line.split("\t")
                    if "-" not in cols[0] and "." not in cols[0]:
                        words.append(cols[1].replace(" ", "_").lower())
            emit(words)
    print(f"{out_path}: {lines} lines, {tokens} tokens", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])

#!/usr/bin/python3
"""PyTorch peer of bench/CharLmBench.java (bench/generate.sh): the same character language model
(embedding -> stacked LSTM -> softmax), the same stream layout (documents in a seeded order, cut into
`batch` parallel lanes of consecutive `tbptt`-step chunks, the state carried from batch to batch per
lane and zeroed where a document starts), Adam with gradient clipping at norm 1, trained until a
wall-clock budget, then scored on the first dev documents with the state carried over chunks.

    /usr/bin/python3 bench/charlm_torch.py --train train.txt --dev dev.txt --budget 240 [--threads 2]
        [--hidden 512] [--layers 2] [--embedding 64] [--tbptt 100] [--batch 32] [--lr 2e-3]
        [--seed 1] [--dev-docs 100]

Files: one document per line. Prints one JSON line (the keys of CharLmBench.java).
Differences that remain: DL4J's loss is summed over steps and divided by the batch, torch's is the
mean over real steps (Adam is nearly invariant to the scale); rnnkit clips each layer's gradient to
norm 1, torch the global norm; the layout's document order comes from Python's random, not Java's.
"""
import argparse
import heapq
import json
import math
import random
import time

import torch
import torch.nn as nn

PAD, UNK, BOS, EOS = 0, 1, 2, 3


def encode(doc, index):
    return [BOS] + [index.get(c, UNK) for c in doc] + [EOS]


def layout(docs, lanes, chunk, seed):
    """Rows of (ids, fresh) batch by batch, as rnnkit's TextStreams.layout."""
    order = list(docs)
    random.Random(seed).shuffle(order)
    total = sum(len(d) - 1 for d in order)
    per_lane = -(-total // lanes)
    segment = -(-per_lane // chunk) * chunk
    streams = [[] for _ in range(lanes)]
    heap = [(0, lane) for lane in range(lanes)]
    for doc in order:
        for start in range(0, len(doc) - 1, segment):
            end = min(len(doc), start + segment + 1)
            _, lane = heapq.heappop(heap)
            for f in range(start, end - 1, chunk):
                to = min(end, f + chunk + 1)
                streams[lane].append((doc[f:to], f == start))
            heapq.heappush(heap, (len(streams[lane]), lane))
    batches = max(len(s) for s in streams)
    for k in range(batches):
        yield [s[k] if k < len(s) else ([], True) for s in streams]


class CharLm(nn.Module):
    def __init__(self, vocab, embedding, hidden, layers):
        super().__init__()
        self.embedding = nn.Embedding(vocab, embedding)
        self.lstm = nn.LSTM(embedding, hidden, layers, batch_first=True)
        self.out = nn.Linear(hidden, vocab)

    def forward(self, ids, state):
        y, state = self.lstm(self.embedding(ids), state)
        return self.out(y), state


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--train", required=True)
    p.add_argument("--dev", required=True)
    p.add_argument("--budget", type=float, default=240)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--hidden", type=int, default=512)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--embedding", type=int, default=64)
    p.add_argument("--tbptt", type=int, default=100)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--dev-docs", type=int, default=100)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    with open(a.train, encoding="utf-8") as f:
        train = [line.rstrip("\n") for line in f]
    with open(a.dev, encoding="utf-8") as f:
        dev = [line.rstrip("\n") for line in f][: a.dev_docs]
    counts = {}
    for d in train:
        for c in d:
            counts[c] = counts.get(c, 0) + 1
    # rnnkit's Vocabulary: reserved ids first, then by count, ties lexically
    chars = sorted(counts, key=lambda c: (-counts[c], c))
    index = {c: i + 4 for i, c in enumerate(chars)}
    vocab = len(index) + 4
    docs = [encode(d, index) for d in train]
    model = CharLm(vocab, a.embedding, a.hidden, a.layers)
    optimizer = torch.optim.Adam(model.parameters(), lr=a.lr)
    loss_fn = nn.CrossEntropyLoss(ignore_index=-1)
    h = torch.zeros(a.layers, a.batch, a.hidden)
    c = torch.zeros(a.layers, a.batch, a.hidden)
    start = time.perf_counter()
    chars_trained = 0
    batches = 0
    model.train()
    for rows in layout(docs, a.batch, a.tbptt, a.seed):
        if time.perf_counter() - start >= a.budget:
            break
        steps = max(1, max(len(ids) - 1 for ids, _ in rows))
        x = torch.zeros(a.batch, steps, dtype=torch.long)
        y = torch.full((a.batch, steps), -1, dtype=torch.long)
        fresh = torch.tensor([f for _, f in rows], dtype=torch.bool)
        for b, (ids, _) in enumerate(rows):
            n = len(ids) - 1
            if n > 0:
                x[b, :n] = torch.tensor(ids[:-1])
                y[b, :n] = torch.tensor(ids[1:])
                chars_trained += n
        keep = (~fresh).float().view(1, -1, 1)
        h, c = h.detach() * keep, c.detach() * keep
        logits, (h, c) = model(x, (h, c))
        loss = loss_fn(logits.reshape(-1, vocab), y.reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        batches += 1
    seconds = time.perf_counter() - start
    model.eval()
    eval_start = time.perf_counter()
    bits, count = 0.0, 0
    dev_docs = sorted((encode(d, index) for d in dev), key=len)
    with torch.no_grad():
        for f in range(0, len(dev_docs), a.batch):
            group = dev_docs[f : f + a.batch]
            steps = len(group[-1]) - 1
            x = torch.zeros(len(group), steps, dtype=torch.long)
            y = torch.full((len(group), steps), -1, dtype=torch.long)
            for b, d in enumerate(group):
                x[b, : len(d) - 1] = torch.tensor(d[:-1])
                y[b, : len(d) - 1] = torch.tensor(d[1:])
            # padding comes after every real step of its row, so one pass equals carried chunks
            logits, _ = model(x, None)
            logp = torch.log_softmax(logits, dim=-1)
            mask = y >= 0
            picked = logp.gather(2, y.clamp(min=0).unsqueeze(2)).squeeze(2)
            bits -= (picked[mask]).sum().item() / math.log(2)
            count += int(mask.sum().item())
    print(
        json.dumps(
            {
                "impl": "torch " + torch.__version__,
                "threads": a.threads,
                "hidden": a.hidden,
                "layers": a.layers,
                "seconds": round(seconds, 1),
                "batches": batches,
                "chars_trained": chars_trained,
                "chars_per_s": round(chars_trained / seconds, 1),
                "dev_docs": len(dev_docs),
                "dev_tokens": count,
                "dev_bits_per_char": round(bits / count, 4),
                "eval_seconds": round(time.perf_counter() - eval_start, 1),
            }
        )
    )


if __name__ == "__main__":
    main()

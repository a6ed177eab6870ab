"""PyTorch side of bench/recurrent.sh: the same model and shapes as RecurrentBench.java.

Embedding(V -> E) -> LSTM/GRU(H) -> last valid step (gather) -> Linear(2), cross-entropy, Adam.
Padded input, lengths uniform in [T/2, T]; the last valid step is taken with gather, PyTorch's
fast CPU form (pack_padded_sequence is much slower for training on CPU).

Prints one JSON object per line: {"impl": "pytorch", "cell", "threads", "batch", "steps", "hidden",
"train_seq_s", "infer_seq_s"}.
"""
import argparse
import json
import time

import torch
from torch import nn


class Model(nn.Module):
    def __init__(self, cell, vocab, emb, hidden):
        super().__init__()
        self.emb = nn.Embedding(vocab, emb)
        self.rnn = (nn.LSTM if cell == "lstm" else nn.GRU)(emb, hidden, batch_first=True)
        self.out = nn.Linear(hidden, 2)

    def forward(self, x, lengths):
        y, _ = self.rnn(self.emb(x))
        idx = (lengths - 1).view(-1, 1, 1).expand(-1, 1, y.size(2))
        return self.out(y.gather(1, idx).squeeze(1))


def timed(fn, warmup, reps):
    """Mean seconds per call, with the same rules as RecurrentBench.java: at least `warmup` calls
    and 3 s of warm-up, then at least `reps` calls and 2 s."""
    until = time.perf_counter() + 3.0
    i = 0
    while i < warmup or time.perf_counter() < until:
        fn()
        i += 1
    start = time.perf_counter()
    n = 0
    while n < reps or time.perf_counter() - start < 2.0:
        fn()
        n += 1
    return (time.perf_counter() - start) / n


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cell", default="lstm")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--steps", type=int, default=200)
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--emb", type=int, default=128)
    p.add_argument("--vocab", type=int, default=10000)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--reps", type=int, default=20)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    g = torch.Generator().manual_seed(7)
    x = torch.randint(4, a.vocab, (a.batch, a.steps), generator=g)
    lengths = torch.randint(a.steps // 2, a.steps + 1, (a.batch,), generator=g)
    for i, n in enumerate(lengths.tolist()):
        x[i, n:] = 0
    y = torch.randint(0, 2, (a.batch,), generator=g)
    model = Model(a.cell, a.vocab, a.emb, a.hidden)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    def train_step():
        opt.zero_grad()
        loss_fn(model(x, lengths), y).backward()
        opt.step()

    def infer_step():
        with torch.no_grad():
            model(x, lengths)

    train = timed(train_step, a.warmup, a.reps)
    infer = timed(infer_step, a.warmup, a.reps)
    print(json.dumps({"impl": "pytorch", "cell": a.cell, "threads": a.threads, "batch": a.batch,
                      "steps": a.steps, "hidden": a.hidden, "train_seq_s": a.batch / train,
                      "infer_seq_s": a.batch / infer}))


if __name__ == "__main__":
    main()

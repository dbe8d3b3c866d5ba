"""Quality and speed of the grouping suggestions (facilitator.suggest), against labels.

Quality, on two labelled sets (each question is one table's notes):
  - the shared set (../shared/data/sample-notes.json; each note's `cluster` is the label),
  - bench/data/labelled-notes.json (160 notes, 4 questions, written for this bench;
    `cluster: null` = belongs nowhere, notes with the same `dup` say the same thing).
Pairwise precision / recall / F1 of "in the same cluster" over all pairs of notes within a
question, and the adjusted Rand index (mean over questions); duplicate precision (pairs
proposed whose notes share a `dup` label). Against the naive baseline: stemmed TF-IDF over
character 3-5-grams, average linkage, the best threshold found by looking at the labels.

Speed: suggestions for one table of 300 notes; the live duplicate marker per arriving
note on a wall of 2,000.

    uv run python bench/bench_suggest.py            # quality + speed
    uv run python bench/bench_suggest.py --stemmers # also Snowball / simplemma, if installed
        (uv run --with snowballstemmer --with simplemma python bench/bench_suggest.py --stemmers)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from facilitator.suggest import (  # noqa: E402 (after the path is set)
    Analyzer,
    DuplicateIndex,
    SourceNote,
    light_stem,
    suggest,
)
from facilitator.suggest.grouping import agglomerate, similarities  # noqa: E402
from facilitator.suggest.lexicon import load, words  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "sample-notes.json"
if not SHARED.exists():
    SHARED = Path("/work/shared/data/sample-notes.json")
OWN = ROOT / "bench" / "data" / "labelled-notes.json"

Labelled = list[tuple[str, list[dict[str, str | None]]]]  # (question, notes)


def load_set(path: Path) -> Labelled:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [(q["id"], q["notes"]) for q in data["questions"]]


# -- metrics ---------------------------------------------------------------------------


def pair_counts(
    truth: Sequence[Hashable | None], pred: Sequence[Hashable | None]
) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) over note pairs; None is a
    cluster of one."""
    tp = fp = fn = 0
    for i in range(len(truth)):
        for j in range(i + 1, len(truth)):
            same_t = truth[i] is not None and truth[i] == truth[j]
            same_p = pred[i] is not None and pred[i] == pred[j]
            tp += same_t and same_p
            fp += same_p and not same_t
            fn += same_t and not same_p
    return tp, fp, fn


def ari(truth: Sequence[Hashable | None], pred: Sequence[Hashable | None]) -> float:
    def labels(xs: Sequence[Hashable | None]) -> list[Hashable]:
        return [x if x is not None else ("alone", i) for i, x in enumerate(xs)]

    t, p = labels(truth), labels(pred)
    n = len(t)
    comb = lambda k: k * (k - 1) / 2  # noqa: E731 (a one-line helper)
    index = sum(comb(c) for c in Counter(zip(t, p, strict=True)).values())
    a = sum(comb(c) for c in Counter(t).values())
    b = sum(comb(c) for c in Counter(p).values())
    expected = a * b / comb(n) if n > 1 else 0.0
    top = (a + b) / 2
    return 0.0 if top == expected else (index - expected) / (top - expected)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


Predictor = Callable[[list[str]], tuple[list[Hashable | None], list[tuple[int, int]]]]


def evaluate(data: Labelled, predict: Predictor) -> dict[str, float]:
    tp = fp = fn = 0
    aris = []
    dup_ok = dup_all = dup_true = 0
    for _q, notes in data:
        texts = [str(n["text"]) for n in notes]
        truth = [n.get("cluster") for n in notes]
        pred, dups = predict(texts)
        a, b, c = pair_counts(truth, pred)
        tp, fp, fn = tp + a, fp + b, fn + c
        aris.append(ari(truth, pred))
        dkeys = [n.get("dup") for n in notes]
        dup_true += sum(
            1
            for i in range(len(notes))
            for j in range(i + 1, len(notes))
            if dkeys[i] is not None and dkeys[i] == dkeys[j]
        )
        for i, j in dups:
            dup_all += 1
            dup_ok += dkeys[i] is not None and dkeys[i] == dkeys[j]
    p, r, f = prf(tp, fp, fn)
    return {
        "P": p,
        "R": r,
        "F1": f,
        "ARI": statistics.mean(aris),
        "dups": dup_all,
        "dups_ok": dup_ok,
        "dups_true": dup_true,
        "dup_precision": dup_ok / dup_all if dup_all else float("nan"),
    }


def ours(analyzer: Analyzer) -> Predictor:
    def predict(texts: list[str]) -> tuple[list[Hashable | None], list[tuple[int, int]]]:
        notes = [SourceNote(i, t) for i, t in enumerate(texts)]
        result = suggest(notes, analyzer=analyzer)
        pred: list[Hashable | None] = [None] * len(texts)
        for k, g in enumerate(result.groupings):
            for i in g.note_ids:
                pred[int(str(i))] = k
        dups = [(int(str(d.note_ids[0])), int(str(d.note_ids[1]))) for d in result.duplicates]
        return pred, dups

    return predict


def baseline(threshold: float, stem: Callable[[str], str]) -> Predictor:
    """Stemmed TF-IDF over character 3-5-grams, average linkage; no duplicates."""

    def predict(texts: list[str]) -> tuple[list[Hashable | None], list[tuple[int, int]]]:
        grams: list[Counter[str]] = []
        for t in texts:
            c: Counter[str] = Counter()
            for w in words(t):
                s = f" {stem(w)} "
                for n in (3, 4, 5):
                    c.update(s[i : i + n] for i in range(len(s) - n + 1))
            grams.append(c)
        df: Counter[str] = Counter()
        for c in grams:
            df.update(c.keys())
        vecs = []
        for c in grams:
            v = {k: tf * (math.log((len(texts) + 1) / (df[k] + 1)) + 1) for k, tf in c.items()}
            norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
            vecs.append({k: x / norm for k, x in v.items()})
        sims = similarities(vecs)
        pred: list[Hashable | None] = [None] * len(texts)
        for k, group in enumerate(agglomerate(list(range(len(texts))), sims, threshold)):
            if len(group) > 1:
                for i in group:
                    pred[i] = k
        return pred, []

    return predict


def best_baseline(data: Labelled, stem: Callable[[str], str]) -> tuple[float, dict[str, float]]:
    best = (0.0, {"F1": -1.0})
    for step in range(1, 40):
        th = step * 0.025
        res = evaluate(data, baseline(th, stem))
        if res["F1"] > best[1]["F1"]:
            best = (th, res)
    return best


def row(name: str, res: dict[str, float]) -> str:
    dp = res["dup_precision"]
    dup = f"{res['dups_ok']:.0f}/{res['dups']:.0f} = {dp:.2f}" if res["dups"] else "0 proposed"
    return (
        f"| {name} | {res['P']:.2f} | {res['R']:.2f} | {res['F1']:.2f} | {res['ARI']:.2f}"
        f" | {dup} (of {res['dups_true']:.0f} true) |"
    )


# -- speed -------------------------------------------------------------------------------


def corpus(n: int) -> list[str]:
    """n realistic notes: both labelled sets, then the same again with a word changed,
    as a big table writes them."""
    base = [str(n["text"]) for path in (SHARED, OWN) for _q, ns in load_set(path) for n in ns]
    extra = [
        "vooral",
        "graag",
        "ook lokaal",
        "in de regio",
        "landelijk",
        "met de gemeente",
        "voor iedereen",
        "snel",
        "samen",
        "in 2027",
    ]
    out = []
    k = 0
    while len(out) < n:
        text = base[k % len(base)]
        round_ = k // len(base)
        out.append(text if round_ == 0 else f"{text} {extra[(k + round_) % len(extra)]}")
        k += 1
    return out


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall ms, CPU ms of this process): on a shared machine the CPU time shows the
    work, the wall time what the facilitator would wait."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def speed() -> list[str]:
    lines = []
    texts = corpus(300)
    notes = [SourceNote(i, t) for i, t in enumerate(texts)]
    cold = [_timed(lambda: suggest(notes, analyzer=Analyzer())) for _ in range(5)]
    warm_analyzer = Analyzer()
    suggest(notes, analyzer=warm_analyzer)
    warm = [_timed(lambda: suggest(notes, analyzer=warm_analyzer)) for _ in range(20)]
    lines.append(
        "suggest(), one table of 300 notes: median "
        f"{statistics.median(w for w, _c in warm):.1f} ms wall / "
        f"{statistics.median(c for _w, c in warm):.1f} ms CPU (max wall "
        f"{max(w for w, _c in warm):.1f}) with the process's analyzer warm; "
        f"{statistics.median(w for w, _c in cold):.1f} ms wall / "
        f"{statistics.median(c for _w, c in cold):.1f} ms CPU with a new analyzer"
    )
    wall = corpus(2100)
    analyzer = Analyzer()
    index = DuplicateIndex()
    build = _timed(lambda: [index.add(i, analyzer.analyse(t)) for i, t in enumerate(wall[:2000])])
    lines.append(
        "first showing of a 2,000-note wall, indexing every note for the marker "
        "(the window does it in slices of 100): "
        f"{build[0]:.0f} ms wall / {build[1]:.0f} ms CPU (once per wall and session)"
    )
    costs = []
    cpu = []
    for i, t in enumerate(wall[2000:], start=2000):
        text = t + f" nummer{i}"  # a new word: no cache hit
        w, c = _timed(lambda i=i, text=text: index.add(i, analyzer.analyse(text)))
        costs.append(w)
        cpu.append(c)
    costs.sort()
    lines.append(
        "live duplicate marker, note 2,001-2,100 on a wall of 2,000: "
        f"median {statistics.median(costs):.2f} ms wall / {statistics.median(cpu):.2f} ms CPU, "
        f"p99 {costs[98]:.2f} ms wall, max {costs[-1]:.2f} ms per arriving note "
        "(analyse + lookup)"
    )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines.append(f"load average while measured: {load:.1f} on {os.cpu_count()} cores")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--stemmers",
        action="store_true",
        help="compare Snowball's and simplemma's Dutch, when installed",
    )
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args()
    sets = {"shared (45 notes)": load_set(SHARED), "own (160 notes)": load_set(OWN)}
    variants: dict[str, Analyzer] = {"ours (light stemmer)": Analyzer()}
    lex = load()
    variants["ours without thesaurus"] = Analyzer(replace(lex, themes=()))
    variants["ours without compound parts"] = Analyzer(replace(lex, parts=frozenset()))
    variants["ours without stemming"] = Analyzer(stemmer=lambda w: w)
    stemmers: dict[str, Callable[[str], str]] = {"light": light_stem}
    if args.stemmers:
        import simplemma
        import snowballstemmer

        snow = snowballstemmer.stemmer("dutch")
        stemmers["snowball"] = snow.stemWord
        stemmers["simplemma"] = lambda w: str(simplemma.lemmatize(w, lang="nl"))
        variants["ours (Snowball dutch)"] = Analyzer(stemmer=snow.stemWord)
        variants["ours (simplemma nl)"] = Analyzer(stemmer=stemmers["simplemma"])
    for set_name, data in sets.items():
        print(f"\n### {set_name}\n")
        print("| method | pair P | pair R | pair F1 | ARI | duplicate precision |")
        print("|---|---|---|---|---|---|")
        for stem_name, stem in stemmers.items():
            th, res = best_baseline(data, stem)
            print(row(f"baseline, {stem_name} stems, best threshold {th:.3f}", res))
        for name, analyzer in variants.items():
            print(row(name, evaluate(data, ours(analyzer))))
    if not args.no_speed:
        print()
        for line in speed():
            print("-", line)


if __name__ == "__main__":
    main()

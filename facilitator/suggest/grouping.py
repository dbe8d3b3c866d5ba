"""Which notes belong together: average-linkage clustering over TF-IDF of NoteText
features, with the facilitator's own clusters kept as given.

Why this shape: a table writes 10-300 short notes, so IDF over the table itself is
enough to tell a rare shared word from "netwerk"; average linkage keeps a cluster from
chaining through one broad note; and a note that stays alone is left unclustered instead
of being forced somewhere (a wrong suggestion costs the facilitator more than none).
Existing clusters come first: a loose note is proposed for the facilitator's cluster it
is closest to, when clearly closer to it than to any other; the rest may form new ones.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from facilitator.suggest.lexicon import Lexicon, fold
from facilitator.suggest.text import NoteText

CLUSTER_THRESHOLD = 0.08  # average similarity at which two groups still merge
ATTACH_THRESHOLD = 0.16  # average similarity to join an existing cluster
ATTACH_MARGIN = 0.04  # ... and this much more than to the next cluster


@dataclass(frozen=True, slots=True)
class Grouping:
    """One cluster proposal: `existing` is the facilitator's cluster it extends (its
    key as given), or None for a new cluster. `note_ids` are only the notes to add."""

    name: str
    note_ids: tuple[Hashable, ...]
    existing: Hashable | None
    score: float  # average similarity inside the proposed group


def vectors(texts: Sequence[NoteText]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors, IDF taken over these notes."""
    df: Counter[str] = Counter()
    for t in texts:
        df.update(t.features)
    n = len(texts)
    out = []
    for t in texts:
        vec = {k: w * (math.log((n + 1) / (df[k] + 1)) + 1.0) for k, w in t.features.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append({k: v / norm for k, v in vec.items()})
    return out


def similarities(vecs: Sequence[dict[str, float]]) -> list[dict[int, float]]:
    """Sparse cosine similarity: sims[i][j] for the pairs that share a feature."""
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, vec in enumerate(vecs):
        for k, v in vec.items():
            postings[k].append((i, v))
    sims: list[dict[int, float]] = [defaultdict(float) for _ in vecs]
    for plist in postings.values():
        for a in range(len(plist)):
            i, vi = plist[a]
            row = sims[i]
            for b in range(a + 1, len(plist)):
                j, vj = plist[b]
                row[j] += vi * vj
    full: list[dict[int, float]] = [dict() for _ in vecs]
    for i, row in enumerate(sims):
        for j, s in row.items():
            full[i][j] = full[j][i] = s
    return full


def agglomerate(
    members: Sequence[int], sims: Sequence[dict[int, float]], threshold: float
) -> list[list[int]]:
    """Average-linkage clusters of `members` whose linkage stays >= threshold.
    Deterministic: ties broken by the smallest member index."""
    clusters: dict[int, list[int]] = {m: [m] for m in members}
    inside = set(members)
    link: dict[int, dict[int, float]] = {m: {} for m in members}  # summed similarity
    heap: list[tuple[float, int, int]] = []
    for i in members:
        for j, s in sims[i].items():
            if j in inside and i < j:
                link[i][j] = link[j][i] = s
                if s >= threshold:
                    heap.append((-s, i, j))
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in clusters or b not in clusters:
            continue
        current = link[a].get(b, 0.0) / (len(clusters[a]) * len(clusters[b]))
        if abs(current + neg) > 1e-12:
            continue  # stale entry
        clusters[a] = sorted(clusters[a] + clusters.pop(b))
        for other, s in link.pop(b).items():
            link[other].pop(b, None)
            if other == a:
                continue
            total = link[a].get(other, 0.0) + s
            link[a][other] = link[other][a] = total
        for other, total in link[a].items():
            avg = total / (len(clusters[a]) * len(clusters[other]))
            if avg >= threshold:
                heapq.heappush(heap, (-avg, min(a, other), max(a, other)))
    return sorted((c for c in clusters.values()), key=lambda c: c[0])


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def name_for(
    members: Sequence[int],
    texts: Sequence[NoteText],
    lexicon: Lexicon,
    language: str,
    taken: set[str],
) -> str:
    """The theme most members share (from the thesaurus), else the word they share most,
    as first written. Never a name already on the wall."""
    themes = {t.key: t for t in lexicon.themes}
    theme_count: Counter[str] = Counter()
    word_count: Counter[str] = Counter()
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    for m in members:
        for key in texts[m].features:
            if key.startswith("t:"):
                theme_count[key[2:]] += 1
        for key, word in texts[m].surface.items():
            word_count[key] += 1
            surface[key][word] += 1
    candidates: list[str] = []
    for key, count in sorted(theme_count.items(), key=lambda kv: (-kv[1], kv[0])):
        if count * 2 >= len(members):
            theme = themes[key]
            candidates.append(theme.name_en if language == "en" else theme.name_nl)
    for key, count in sorted(word_count.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0])):
        if count < 2:
            break
        word = sorted(surface[key].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        candidates.append(
            lexicon.spelling.get(word, word.upper()) if key.startswith("a:") else word.capitalize()
        )
    for name in candidates:
        if fold(name) not in taken:
            return name
    return candidates[0] if candidates else ("Group" if language == "en" else "Groep")


def suggest_groups(
    texts: Sequence[NoteText],
    existing: Sequence[Hashable | None],
    existing_names: dict[Hashable, str],
    lexicon: Lexicon,
    language: str,
    note_ids: Sequence[Hashable],
    threshold: float = CLUSTER_THRESHOLD,
) -> list[Grouping]:
    """Proposals for the loose notes (existing[i] is None); see the module docstring."""
    n = len(texts)
    named = list(texts)
    # A cluster's own name tells what it is about: count it as a note of the cluster.
    keys = sorted({k for k in existing if k is not None}, key=lambda k: str(k))
    name_index: dict[Hashable, int] = {}
    if keys:
        from facilitator.suggest.text import Analyzer

        analyzer = Analyzer(lexicon)
        for key in keys:
            name_index[key] = len(named)
            named.append(analyzer.analyse(existing_names.get(key, "")))
    sims = similarities(vectors(named))
    members: dict[Hashable, list[int]] = defaultdict(list)
    for i, key in enumerate(existing):
        if key is not None:
            members[key].append(i)
    out: list[Grouping] = []
    loose = [i for i in range(n) if existing[i] is None]
    attached: dict[Hashable, list[int]] = defaultdict(list)
    rest: list[int] = []
    for i in loose:
        scores = sorted(
            (
                (_mean([sims[i].get(m, 0.0) for m in [*members[k], name_index[k]]]), str(k), k)
                for k in keys
            ),
            key=lambda s: (-s[0], s[1]),
        )
        best = scores[0] if scores else None
        runner = scores[1][0] if len(scores) > 1 else 0.0
        if best is not None and best[0] >= ATTACH_THRESHOLD and best[0] - runner >= ATTACH_MARGIN:
            attached[best[2]].append(i)
        else:
            rest.append(i)
    for key in keys:
        if attached[key]:
            ids = tuple(note_ids[i] for i in attached[key])
            score = _mean(
                [_mean([sims[i].get(m, 0.0) for m in members[key]]) for i in attached[key]]
            )
            out.append(Grouping(existing_names.get(key, str(key)), ids, key, round(score, 3)))
    taken = {fold(name) for name in existing_names.values()}
    for group in agglomerate(rest, sims, threshold):
        if len(group) < 2:
            continue  # alone: uncertain, left unclustered
        pairs = [sims[a].get(b, 0.0) for x, a in enumerate(group) for b in group[x + 1 :]]
        name = name_for(group, texts, lexicon, language, taken)
        taken.add(fold(name))
        out.append(Grouping(name, tuple(note_ids[i] for i in group), None, round(_mean(pairs), 3)))
    return out

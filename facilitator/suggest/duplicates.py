"""Which notes say the same thing: pairs with a score, in one go or one note at a time.

A duplicate is a claim about wording, not about theme, so it is scored on the notes'
own content words (stems, abbreviations, written-out abbreviations as the abbreviation,
synonyms as one word; themes do not count) and on character trigrams, which forgive
typos ("leesbevordring"). Words are weighted by how rare they are at the table: two
notes in the digital round that share "digitaal" and "vaardigheden" are not duplicates,
two that share "taalhuis" and "gemeente" and nothing else are. The word overlap divides
by the larger note, so a short note is not the duplicate of every long note containing
it. Measured choice of weights and threshold: docs/DECISIONS.md.

The live index (one note at a time, on the wall) weighs by the notes seen so far; the
batch (CLI, suggestions panel) by all notes of the table. Both are deterministic.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

from facilitator.suggest.text import NoteText

DUPLICATE_THRESHOLD = 0.6
WORD_SHARE = 0.7  # the rest is the trigram overlap


def pair_score(a: NoteText, b: NoteText, idf: Callable[[str], float]) -> float:
    """Weighted word overlap (by the larger note) and trigram Dice: 1.0 for the same
    words."""
    if not a.stems or not b.stems:
        return 0.0
    weight_a = math.fsum(idf(s) for s in a.stems)  # fsum: the same in any set order
    weight_b = math.fsum(idf(s) for s in b.stems)
    words = math.fsum(idf(s) for s in a.stems & b.stems) / max(weight_a, weight_b)
    grams = 2 * len(a.trigrams & b.trigrams) / ((len(a.trigrams) + len(b.trigrams)) or 1)
    return round(WORD_SHARE * words + (1 - WORD_SHARE) * grams, 3)


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    note_ids: tuple[Hashable, Hashable]  # in input order
    score: float


class DuplicateIndex:
    """Notes seen so far, indexed by content stem; `add` answers the likely duplicates of
    the new note among them. Cost grows with the notes that share a word with the new
    one, not with the wall."""

    def __init__(
        self,
        threshold: float = DUPLICATE_THRESHOLD,
        *,
        max_postings: int | None = None,
        max_scored: int | None = None,
    ) -> None:
        """`max_postings` and `max_scored` bound what one `add` costs (the live marker on
        the GUI thread): a word on more notes than max_postings is not looked up, and
        at most max_scored candidates, those sharing the most weight, are scored. A
        flood of one text then costs the same per note at 500 and at 5,000 notes."""
        self.threshold = threshold
        self._max_postings = max_postings
        self._max_scored = max_scored
        self._df: Counter[str] = Counter()
        self._counted = 0
        self._notes: dict[Hashable, NoteText] = {}
        self._order: dict[Hashable, int] = {}
        self._by_stem: dict[str, list[Hashable]] = defaultdict(list)

    def __len__(self) -> int:
        return len(self._notes)

    def count(self, text: NoteText) -> None:
        """Count the note's words for the weights (add() does it unless told)."""
        self._df.update(text.stems)
        self._counted += 1

    def idf(self, stem: str) -> float:
        return math.log((self._counted + 1) / (self._df[stem] + 1)) + 1.0

    def add(
        self, note_id: Hashable, text: NoteText, *, counted: bool = False
    ) -> list[tuple[Hashable, float]]:
        """Index the note; return (earlier note id, score) of its likely duplicates,
        best first. `counted`: its words were counted already (a batch)."""
        if not counted and note_id not in self._notes:
            self.count(text)
        # Only notes whose shared words could reach the threshold are scored; words
        # that a tenth of the wall shares are skipped in the lookup (they weigh little).
        weights = {s: self.idf(s) for s in sorted(text.stems)}
        common = max(8, self._counted // 10)
        if self._max_postings is not None:
            common = min(common, self._max_postings)
        shared: dict[Hashable, float] = defaultdict(float)
        for stem, weight in weights.items():
            postings = self._by_stem.get(stem, ())
            if len(postings) <= common:
                for other in postings:
                    shared[other] += weight
        shared.pop(note_id, None)
        need = (self.threshold - (1 - WORD_SHARE)) / WORD_SHARE * math.fsum(weights.values())
        candidates = [other for other, weight in shared.items() if weight >= need]
        if self._max_scored is not None and len(candidates) > self._max_scored:
            candidates.sort(key=lambda other: (-shared[other], self._order[other]))
            del candidates[self._max_scored :]
        found: list[tuple[Hashable, float]] = []
        for other in candidates:
            score = pair_score(text, self._notes[other], self.idf)
            if score >= self.threshold:
                found.append((other, score))
        if note_id not in self._notes:
            self._order[note_id] = len(self._order)
            for stem in text.stems:
                self._by_stem[stem].append(note_id)
        self._notes[note_id] = text
        found.sort(key=lambda item: (-item[1], self._order[item[0]]))
        return found


def duplicate_pairs(
    notes: Iterable[tuple[Hashable, NoteText]], threshold: float = DUPLICATE_THRESHOLD
) -> list[DuplicatePair]:
    """Every likely duplicate pair, best first, each pair once (earlier note first)."""
    index = DuplicateIndex(threshold)
    notes = list(notes)
    for _note_id, text in notes:
        index.count(text)
    pairs: list[tuple[float, int, int, DuplicatePair]] = []
    order: dict[Hashable, int] = {}
    for note_id, text in notes:
        order.setdefault(note_id, len(order))
        for other, score in index.add(note_id, text, counted=True):
            pairs.append(
                (-score, order[other], order[note_id], DuplicatePair((other, note_id), score))
            )
    pairs.sort(key=lambda p: p[:3])
    return [p[3] for p in pairs]

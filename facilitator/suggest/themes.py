"""What the room is writing about, for the projector: the round's strongest words and
suggested themes across all tables. Qt-free; the projector's ThemeView draws it.

A word's weight is the number of distinct people who used it, not how often it was
written: one director who writes "subsidie" in five notes is one voice, and a word cloud
that counts repetitions rewards the loudest table. Compounds stay whole
("leesbevordering" is the word people wrote), stop words go, abbreviations keep their
own spelling (KB, dBos).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from facilitator.suggest import Analyzer, SourceNote, default_analyzer, suggest
from facilitator.suggest.lexicon import fold

_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_MIN_LETTERS = 3


@dataclass(frozen=True, slots=True)
class ThemeWord:
    word: str  # as most people wrote it (lower case, abbreviations as spelled)
    people: int  # distinct authors who used it


@dataclass(frozen=True, slots=True)
class RoomTheme:
    name: str
    notes: int
    tables: int


@dataclass(frozen=True, slots=True)
class RoomNote:
    """A note as the room view needs it: who wrote it (any key; a note typed in on the
    laptop counts as its own author), at which table, and its text."""

    id: int
    author: Hashable
    table: int
    text: str


def strongest_words(
    notes: Iterable[RoomNote], limit: int = 30, analyzer: Analyzer | None = None
) -> list[ThemeWord]:
    """The words most people used, most first; ties alphabetically."""
    analyzer = analyzer or default_analyzer()
    lex = analyzer.lexicon
    people: dict[str, set[Hashable]] = defaultdict(set)
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for note in notes:
        text = unicodedata.normalize("NFC", note.text)
        for raw in _TOKEN.findall(text):
            token = raw.replace("\u2019", "'")
            if token.lower().endswith("'s"):
                token = token[:-2]
            folded = fold(token)
            canonical = lex.synonyms.get(folded, folded)
            if canonical in lex.stopwords or folded in lex.stopwords:
                continue
            abbreviation = canonical in lex.abbreviations
            if len(folded) < _MIN_LETTERS and not abbreviation:
                continue
            key = canonical if abbreviation else analyzer.stem(canonical)
            people[key].add(note.author)
            forms[key][lex.spelling.get(canonical, token) if abbreviation else token.lower()] += 1
    ranked = sorted(people.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:limit]
    return [ThemeWord(_form(forms[key]), len(who)) for key, who in ranked]


def _form(counts: Counter[str]) -> str:
    """The spelling most used; among equals the shortest (the singular, usually)."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]


def room_themes(
    notes: Sequence[RoomNote],
    language: str = "nl",
    limit: int = 6,
    analyzer: Analyzer | None = None,
) -> list[RoomTheme]:
    """Suggested themes over every table's notes: most tables first, then most notes."""
    result = suggest(
        [SourceNote(n.id, n.text) for n in notes], language=language, analyzer=analyzer
    )
    table_of = {n.id: n.table for n in notes}
    themes = [
        RoomTheme(g.name, len(g.note_ids), len({table_of[int(str(i))] for i in g.note_ids}))
        for g in result.groupings
    ]
    themes.sort(key=lambda t: (-t.tables, -t.notes, t.name))
    return themes[:limit]

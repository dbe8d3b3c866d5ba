"""The word lists behind the suggestions, read once from resources/suggest/.

They are data, not code, so someone who knows the field can extend the thesaurus or the
compound parts without reading Python; and they ship inside the package, so nothing is
fetched at run time. Everything is folded (see `fold`) when read, so the lists may be
written with capitals and accents.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from facilitator import resources

_WORD = re.compile(r"[0-9a-z]+(?:-[0-9a-z]+)*")


def fold(text: str) -> str:
    """Case and accents folded: 'Financiële' and 'financiele' are one word."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The folded words of `text`; a hyphenated word stays one (e-book, ict-voorziening);
    a possessive or plural 's on an abbreviation goes (POI's -> poi)."""
    folded = fold(text).replace("\u2019", "'").replace("'s", "")
    return _WORD.findall(folded)


@dataclass(frozen=True, slots=True)
class Theme:
    """One line of the thesaurus: a theme's names and the folded terms that signal it."""

    key: str
    name_nl: str
    name_en: str
    terms: tuple[tuple[str, ...], ...]  # each term as its folded words


@dataclass(frozen=True, slots=True)
class Lexicon:
    stopwords: frozenset[str]
    abbreviations: frozenset[str]
    parts: frozenset[str]
    themes: tuple[Theme, ...]
    spelling: dict[str, str]  # folded abbreviation -> as the field spells it (dBos)
    synonyms: dict[str, str]  # word -> the word that stands for it
    expansions: tuple[tuple[tuple[str, ...], str], ...]  # written-out words -> abbreviation

    def canonical(self, tokens: list[str]) -> list[str]:
        """Synonyms replaced, and written-out abbreviations by the abbreviation
        ("Informatiepunt Digitale Overheid" -> "ido"), longest first."""
        tokens = [self.synonyms.get(t, t) for t in tokens]
        out: list[str] = []
        i = 0
        while i < len(tokens):
            for phrase, abbreviation in self.expansions:
                if phrase[0] == tokens[i] and tuple(tokens[i : i + len(phrase)]) == phrase:
                    out.append(abbreviation)
                    i += len(phrase)
                    break
            else:
                out.append(tokens[i])
                i += 1
        return out


def _lines(name: str) -> list[str]:
    text = resources.read_text("suggest", name)
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def _wordset(name: str) -> frozenset[str]:
    return frozenset(w for line in _lines(name) if "=" not in line for w in words(line))


def _synonyms() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in _lines("synonyms.txt"):
        first, *others = line.split()
        for word in others:
            out[fold(word)] = fold(first)
    return out


def _expansions(synonyms: dict[str, str]) -> tuple[tuple[tuple[str, ...], str], ...]:
    found = []
    for line in _lines("abbreviations.txt"):
        if "=" in line:
            short, _, long = line.partition("=")
            phrase = tuple(synonyms.get(w, w) for w in words(long))
            found.append((phrase, fold(short.strip())))
    return tuple(sorted(found, key=lambda e: (-len(e[0]), e)))


def _theme(line: str) -> Theme:
    names, _, terms = line.partition(":")
    name_nl, _, name_en = (n.strip() for n in names.partition("|"))
    parsed = tuple(tuple(words(t)) for t in terms.split(";") if words(t))
    return Theme(fold(name_nl), name_nl, name_en or name_nl, parsed)


@cache
def load() -> Lexicon:
    """The lexicon, read once per process (the files are small: a few kB)."""
    synonyms = _synonyms()
    spelled = [w for line in _lines("abbreviations.txt") if "=" not in line for w in line.split()]
    return Lexicon(
        spelling={fold(w): w for w in spelled},
        synonyms=synonyms,
        expansions=_expansions(synonyms),
        stopwords=_wordset("stopwords-nl.txt") | _wordset("stopwords-en.txt"),
        abbreviations=_wordset("abbreviations.txt"),
        parts=_wordset("compound-parts.txt"),
        themes=tuple(_theme(line) for line in _lines("thesaurus.txt")),
    )

"""Dutch (and English) note text turned into weighted features for comparing notes.

Why each step: directors write "Taalhuizen", "taalhuis" and "TAALHUIS" for one thing
(folding and stemming); they write compounds ("leesbevordering") where another writes the
parts ("lezen bevorderen"), so a compound also counts as its parts; they write the field's
abbreviations (KB, POI, dBos), which a stemmer would maul, so those stay whole; and two
notes about laaggeletterdheid and a Taalhuis are about one theme though they share no
word, so the thesaurus adds the theme as a feature of its own. Stop words say nothing
about which notes belong together and go.

Feature keys: "w:" a stemmed word or compound part, "a:" an abbreviation, "t:" a theme.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from facilitator.suggest.lexicon import Lexicon, load, words

WORD_WEIGHT = 1.0
PART_WEIGHT = 0.6
ABBREVIATION_WEIGHT = 1.5
THEME_WEIGHT = 1.2
_MIN_PART = 3  # shortest compound part ("lid", "taal" ...)
_MIN_SPLIT = 7  # shorter words are not split


_VOWEL_PAIRS = ("aa", "ee", "oo", "uu")


def light_stem(word: str) -> str:
    """A small Dutch stemmer, measured against Snowball's (see docs/DECISIONS.md).

    It strips plural and diminutive endings and then writes open and closed syllables
    alike (bibliotheek/bibliotheken, school/scholen, huis/huizen), which is what Dutch
    spelling changes between singular and plural.
    """
    w = word
    if len(w) <= 3 or not w.isalpha():
        return w
    for suffix, repl in (
        ("heden", "heid"),
        ("ingen", "ing"),
        ("tjes", ""),
        ("tje", ""),
        ("jes", ""),
        ("eren", "er"),
        ("ens", ""),
        ("en", ""),
        ("es", ""),
        ("s", ""),
        ("e", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) + len(repl) >= 3:
            if suffix == "s" and w[-2] in "aeiouy":
                continue
            w = w[: len(w) - len(suffix)] + repl
            break
    if len(w) > 2 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]  # stopp(en) -> stop
    if w.endswith("z"):
        w = w[:-1] + "s"
    elif w.endswith("v"):
        w = w[:-1] + "f"
    for pair in _VOWEL_PAIRS:
        w = w.replace(pair, pair[0])
    return w


Stemmer = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class NoteText:
    """What the suggestions need of one note's text."""

    features: dict[str, float]  # feature key -> weight (before IDF)
    stems: frozenset[str]  # content stems and abbreviations, for duplicates
    trigrams: frozenset[str]  # character trigrams of the content words, for typos
    surface: dict[str, str]  # "w:"/"a:" feature -> the word as first written


class Analyzer:
    """Turns note text into NoteText with one lexicon and one stemmer; caches per word."""

    def __init__(self, lexicon: Lexicon | None = None, stemmer: Stemmer = light_stem) -> None:
        self.lexicon = lexicon or load()
        self._stem = lru_cache(maxsize=65536)(stemmer)
        self._split = lru_cache(maxsize=65536)(self._split_uncached)
        self._seen: dict[str, NoteText] = {}
        self._part_stems = frozenset(self._stem(p) for p in self.lexicon.parts)
        self._terms: dict[tuple[str, ...], list[str]] = {}
        self._max_term = 1
        for theme in self.lexicon.themes:
            for term in theme.terms:
                key = tuple(self.stem(w) for w in self.lexicon.canonical(list(term)))
                self._terms.setdefault(key, []).append(theme.key)
                self._max_term = max(self._max_term, len(key))

    def stem(self, word: str) -> str:
        if word in self.lexicon.abbreviations:
            return word
        return self._stem(word.replace("-", ""))

    def parts(self, word: str) -> tuple[str, ...]:
        """The known parts a compound is made of, or () (hyphens split first)."""
        if "-" in word:
            pieces = [p for p in word.split("-") if p]
            out: list[str] = []
            for piece in pieces:
                out.extend(self._split(piece) or (piece,))
            return tuple(out) if len(out) > 1 else ()
        return self._split(word)

    def _split_uncached(self, word: str) -> tuple[str, ...]:
        if len(word) < _MIN_SPLIT:
            return ()
        best = self._segment(word, 0)
        return best if best is not None and len(best) > 1 else ()

    def _segment(self, word: str, start: int) -> tuple[str, ...] | None:
        """Longest first part that leaves a splittable rest; a linking s, e or en may
        sit between parts. A stemmed rest counts too (bevordering -> bevorder...)."""
        parts = self.lexicon.parts
        rest = word[start:]
        if rest in parts or (len(rest) >= 4 and self.stem(rest) in self._part_stems):
            return (rest,)
        for end in range(len(word) - _MIN_PART, start + _MIN_PART - 1, -1):
            head = word[start:end]
            if head not in parts:
                continue
            for link in ("", "s", "en", "e"):
                if word.startswith(link, end) and len(word) - end - len(link) >= _MIN_PART:
                    tail = self._segment(word, end + len(link))
                    if tail is not None:
                        return (head, *tail)
        return None

    def analyse(self, text: str) -> NoteText:
        """The note's features; the same text twice costs one analysis (the wall asks
        again for every note each time the facilitator asks for suggestions)."""
        found = self._seen.get(text)
        if found is None:
            if len(self._seen) >= 20000:
                self._seen.clear()
            found = self._seen[text] = self._analyse(text)
        return found

    def _analyse(self, text: str) -> NoteText:
        lex = self.lexicon
        tokens = lex.canonical(words(text))
        stems = [self.stem(t) for t in tokens]
        features: dict[str, float] = {}
        surface: dict[str, str] = {}
        content: set[str] = set()
        grams: set[str] = set()
        themes: set[str] = set()
        phrase_stems: list[str] = []
        for token, stem in zip(tokens, stems, strict=True):
            phrase_stems.append(stem)
            if token in lex.stopwords or len(token) < 2:
                continue
            abbreviation = token in lex.abbreviations
            if abbreviation:
                key, weight = "a:" + token, ABBREVIATION_WEIGHT
            else:
                key, weight = "w:" + stem, WORD_WEIGHT
            features[key] = max(features.get(key, 0.0), weight)
            surface.setdefault(key, token)
            content.add(stem)
            padded = f" {token.replace('-', '')} "
            grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
            for part in () if abbreviation else self.parts(token):
                part_stem = self.stem(part)
                if part in lex.stopwords or part_stem == stem:
                    continue
                pkey = "w:" + part_stem
                features[pkey] = max(features.get(pkey, 0.0), PART_WEIGHT)
                surface.setdefault(pkey, part)
                themes.update(self._terms.get((part_stem,), ()))
        for size in range(1, self._max_term + 1):
            for i in range(len(phrase_stems) - size + 1):
                if size == 1 and (tokens[i] in lex.stopwords or len(tokens[i]) < 2):
                    continue  # "met" (with) is no "meten" (to measure)
                themes.update(self._terms.get(tuple(phrase_stems[i : i + size]), ()))
        for theme in sorted(themes):
            features["t:" + theme] = THEME_WEIGHT
        return NoteText(features, frozenset(content), frozenset(grams), surface)

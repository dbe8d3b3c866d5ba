"""Cleaning of everything a person types, before it is stored.

Control characters break .docx (XML 1.0 forbids most of them) and confuse terminals, so
they go; the text stays plain text: markup is never interpreted anywhere.
"""

from __future__ import annotations

import re
import unicodedata

NOTE_MAX_CHARS = 280
NAME_MAX_CHARS = 80

# C0 and C1 controls except tab and newline; plus lone surrogates, BOM and the
# Unicode noncharacters that XML rejects; plus the bidi embeddings, overrides and
# isolates, which would let a note run backwards or spill its direction into the next
# line of the wall or the report (Dutch and English never need them).
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufeff\ufffe\uffff]"
)
_SPACES = re.compile(r"[ \t]+")
_NEWLINES = re.compile(r"\n{3,}")


# What joins the character before it into one grapheme cluster (UAX #29, the parts a
# Dutch or English note meets): combining marks, variation selectors, emoji skin tones,
# tag characters (subdivision flags), and zero-width (non-)joiners; after a ZWJ the next
# character joins too (family and profession emoji); two regional indicators are a flag.
_EXTEND_CATEGORIES = frozenset({"Mn", "Me", "Mc"})
_EXTEND_RANGES = ((0x200C, 0x200D), (0xFE00, 0xFE0F), (0x1F3FB, 0x1F3FF), (0xE0020, 0xE007F))
_ZWJ = "\u200d"


def _extends(cp: int, ch: str) -> bool:
    if cp < 0x300:  # Latin letters, digits, punctuation: never part of the one before
        return False
    return (unicodedata.category(ch) in _EXTEND_CATEGORIES
            or any(lo <= cp <= hi for lo, hi in _EXTEND_RANGES))


def graphemes(text: str) -> int:
    """How many characters a person sees: one family emoji is one, as on the phone.

    The phone counts with Intl.Segmenter (full UAX #29); this compact count agrees with
    it on what notes contain (letters with accents, emoji with skin tones and ZWJ,
    flags, keycaps), without a dependency (docs/DECISIONS.md has the measurement).
    """
    if text.isascii():
        return len(text)
    count, prev, flag = 0, "", False
    for ch in text:
        cp = ord(ch)
        # After a ZWJ an emoji joins (👩‍💻); a letter after one starts its own cluster.
        joins = count > 0 and ((prev == _ZWJ and cp >= 0x2600) or _extends(cp, ch))
        regional = 0x1F1E6 <= cp <= 0x1F1FF
        pair = regional and flag
        flag = regional and not pair and not joins
        if not joins and not pair:
            count += 1
        prev = ch
    return count


class InvalidText(ValueError):
    """The text cannot be stored; the message says why, for the person who typed it."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def clean_text(raw: str, *, max_chars: int = NOTE_MAX_CHARS, multiline: bool = True) -> str:
    """Return `raw` as it will be stored, or raise InvalidText.

    Normalises to NFC (so 'é' typed two ways compares equal), turns CR/LF variants into
    one newline, drops control characters, collapses runs of blanks, trims.
    """
    if not isinstance(raw, str):
        raise InvalidText("not_text", "text must be a string")
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        text = text.replace("\n", " ")
    text = _CONTROL.sub("", text)
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    text = _NEWLINES.sub("\n\n", text).strip()
    if not text:
        raise InvalidText("empty", "text is empty")
    if len(text) > max_chars and graphemes(text) > max_chars:
        raise InvalidText("too_long", f"text is longer than {max_chars} characters")
    return text


def clean_optional(raw: str | None, *, max_chars: int = NAME_MAX_CHARS) -> str:
    """Clean a one-line optional field (a name, an organisation); empty is fine."""
    if raw is None:
        return ""
    try:
        return clean_text(raw, max_chars=max_chars, multiline=False)
    except InvalidText as exc:
        if exc.code == "empty":
            return ""
        raise

"""Input cleaning, ids and the phase and dot rules: the domain without any I/O."""

from __future__ import annotations

import pytest

from facilitator.domain import ids
from facilitator.domain.model import Method, Phase, Round, Visibility
from facilitator.domain.rules import RuleViolation, check_dots, require_phase
from facilitator.domain.text import NOTE_MAX_CHARS, InvalidText, clean_optional, clean_text


def test_clean_text_strips_controls_and_keeps_markup_literal() -> None:
    assert clean_text("  <b>test</b>\x00\x07 ") == "<b>test</b>"
    assert clean_text("a\r\nb\rc") == "a\nb\nc"
    assert clean_text("veel     ruimte\there") == "veel ruimte here"
    assert clean_text("a\n\n\n\n\nb") == "a\n\nb"
    assert clean_text("emoji 📚 blijft") == "emoji 📚 blijft"


def test_clean_text_drops_bidi_overrides() -> None:
    # U+202E would show "gnitset" as "testing" backwards on the wall and in the report.
    assert clean_text("\u202egnitset\u202c en \u2066isolaat\u2069") == "gnitset en isolaat"
    assert clean_text("zero\u200bwidth") == "zero\u200bwidth"  # joins words, harmless


def test_clean_text_normalises_unicode() -> None:
    assert clean_text("e\u0301en") == "\u00e9en"  # 'één' typed with a combining accent


@pytest.mark.parametrize(
    ("raw", "code"),
    [("", "empty"), ("  \n\t ", "empty"), ("\x00\x01", "empty"),
     ("x" * (NOTE_MAX_CHARS + 1), "too_long"), (12, "not_text")],
)
def test_clean_text_refuses(raw: object, code: str) -> None:
    with pytest.raises(InvalidText) as info:
        clean_text(raw)  # type: ignore[arg-type]
    assert info.value.code == code


def test_clean_text_accepts_the_limit() -> None:
    assert len(clean_text("x" * NOTE_MAX_CHARS)) == NOTE_MAX_CHARS


def test_clean_optional_allows_empty_and_joins_lines() -> None:
    assert clean_optional(None) == ""
    assert clean_optional("   ") == ""
    assert clean_optional("Bibliotheek\nUtrecht") == "Bibliotheek Utrecht"


def test_join_codes_avoid_ambiguous_characters() -> None:
    codes = {ids.new_join_code() for _ in range(200)}
    assert all(len(c) == ids.JOIN_CODE_LENGTH for c in codes)
    assert not set("".join(codes)) & set("01OIL")
    taken = set(codes)
    assert ids.new_join_code(taken) not in taken


def test_normalise_join_code_accepts_what_people_type() -> None:
    assert ids.normalise_join_code(" ab c23 ") == "ABC23"
    assert ids.normalise_join_code("ab-c23") == "ABC23"
    assert ids.normalise_join_code("AB") is None
    assert ids.normalise_join_code("A0C12") is None
    assert ids.normalise_join_code(None) is None  # type: ignore[arg-type]


def test_tokens_are_long_and_unique() -> None:
    tokens = {ids.new_token() for _ in range(100)}
    assert len(tokens) == 100
    assert all(len(t) >= 32 for t in tokens)  # 24 random bytes, base64url


def test_client_note_id_shape() -> None:
    assert ids.is_client_note_id("a1B2c3D4-x_")
    assert not ids.is_client_note_id("short")
    assert not ids.is_client_note_id("has space in it")
    assert not ids.is_client_note_id(12345678)
    assert not ids.is_client_note_id("abcdefgh\n")  # `$` alone would let this through


def test_require_phase() -> None:
    require_phase(Phase.COLLECT, Phase.COLLECT)
    with pytest.raises(RuleViolation) as info:
        require_phase(Phase.VOTE, Phase.COLLECT)
    assert info.value.code == "wrong_phase"


def _round(budget: int = 3, multi: bool = False) -> Round:
    return Round(1, 0, "?", Method.BRAINSTORM, 600, Visibility.VISIBLE, budget, multi)


def test_dots_within_budget() -> None:
    check_dots(_round(), {"n1": 1, "n2": 1, "c3": 1})
    check_dots(_round(multi=True), {"n1": 2, "n2": 1})


@pytest.mark.parametrize(
    ("allocation", "multi", "code"),
    [({"n1": 1, "n2": 1, "n3": 1, "n4": 1}, False, "over_budget"),
     ({"n1": 2}, False, "one_dot_per_item"),
     ({"n1": 4}, True, "over_budget"),
     ({"n1": -1}, False, "bad_dots"),
     ({"n1": True}, False, "bad_dots")],
)
def test_dots_refused(allocation: dict[str, int], multi: bool, code: str) -> None:
    with pytest.raises(RuleViolation) as info:
        check_dots(_round(multi=multi), allocation)
    assert info.value.code == code

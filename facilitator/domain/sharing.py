"""Who sees whose notes: the rules of what a phone is shown, in one place so the first
load (/api/state), the live stream and any later view cannot drift apart.

- A moderated (hidden) note is shown on no phone, its author's included.
- A participant always sees their own notes.
- Other people's notes: at once in a visible round, only after the reveal (from the
  grouping phase on) in a hidden one, and a merged duplicate only as the note it was
  folded into.
"""

from __future__ import annotations

from collections.abc import Iterable

from facilitator.domain.model import Note, Phase, Round, Visibility

REVEALED = frozenset({Phase.GROUP, Phase.VOTE, Phase.CLOSED})


def others_shown(round_: Round, phase: Phase) -> bool:
    """Visible rounds show every note at once; hidden ones after the reveal (grouping)."""
    return round_.visibility is Visibility.VISIBLE or phase in REVEALED


def on_phones(notes: Iterable[Note]) -> list[Note]:
    """The notes any phone may know of (and count): not moderated away."""
    return [n for n in notes if not n.hidden]


def mine(notes: Iterable[Note], participant_id: int) -> list[Note]:
    return [n for n in on_phones(notes) if n.participant_id == participant_id]


def others(notes: Iterable[Note], participant_id: int, round_: Round, phase: Phase) -> list[Note]:
    """Other people's notes this participant may see now (none before a reveal)."""
    if not others_shown(round_, phase):
        return []
    return [
        n for n in on_phones(notes) if n.participant_id != participant_id and n.merged_into is None
    ]

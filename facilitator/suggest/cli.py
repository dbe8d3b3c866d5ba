"""The JSON contract of `facilitator suggest NOTES.json`, apart from argument parsing,
so tests and organisers' scripts can call it without a subprocess.

In: {"notes": [{"id": ..., "text": "...", "cluster": "optional name"}], "language": "nl"}.
A note's optional "cluster" is a cluster the facilitator already made, kept as given.
Out: {"clusters": [{"name", "note_ids"}], "duplicates": [{"note_ids": [a, b], "score"}]}.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from facilitator.suggest import SourceNote, suggest, to_json


def run(data: Any) -> dict[str, object]:
    """Raise TypeError (with what is wrong) on input that does not follow the contract."""
    if not isinstance(data, dict) or not isinstance(data.get("notes"), list):
        raise TypeError('expected an object with a "notes" list')
    language = data.get("language", "nl")
    if language not in ("nl", "en"):
        raise TypeError('"language" is "nl" or "en"')
    notes: list[SourceNote] = []
    seen: set[Hashable] = set()
    for i, raw in enumerate(data["notes"]):
        if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
            raise TypeError(f'note {i}: expected {{"id": ..., "text": "..."}}')
        note_id = raw.get("id", i)
        if not isinstance(note_id, str | int) or isinstance(note_id, bool):
            raise TypeError(f"note {i}: the id is a string or a number")
        if note_id in seen:
            raise TypeError(f"note {i}: id {note_id!r} is used twice")
        seen.add(note_id)
        cluster = raw.get("cluster")
        notes.append(
            SourceNote(
                note_id, raw["text"], cluster if isinstance(cluster, str) and cluster else None
            )
        )
    names = {n.cluster: str(n.cluster) for n in notes if n.cluster is not None}
    result = suggest(notes, names, language=language)
    return to_json(result, notes, names)

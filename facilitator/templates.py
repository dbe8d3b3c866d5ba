"""Ready-made workshops (resources/templates/*.json) and the built-in demo workshop."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from facilitator import resources
from facilitator.domain.model import Method, Snapshot, Visibility, Workshop
from facilitator.store import GroupSpec, RoundSpec, Store, WorkshopSpec

DEFAULT_TEMPLATE = "organisatienetwerk"


def available() -> list[str]:
    return sorted(
        p.name.removesuffix(".json")
        for p in resources.path("templates").iterdir()
        if p.name.endswith(".json") and p.name != "demo-notes.json"
    )


def load(name: str) -> WorkshopSpec:
    """A built-in template by name, or a template file saved by `save` (a .json path)."""
    if name.endswith(".json") and Path(name).is_file():
        return spec_from_dict(json.loads(Path(name).read_text(encoding="utf-8")))
    if name not in available():
        raise KeyError(f"no template '{name}'; there are: {', '.join(available())}")
    return spec_from_dict(json.loads(resources.read_text("templates", f"{name}.json")))


def to_dict(snapshot: Snapshot) -> dict[str, Any]:
    """A workshop's set-up (no notes, no people) in the template format."""
    w = snapshot.workshop
    return {
        "name": w.title,
        "workshop": {"title": w.title, "date": w.date, "place": w.place,
                     "organisers": w.organisers, "language": w.language,
                     "address": w.address},
        "groups": [{"name": g.name, "colour": g.colour, "host": g.host}
                   for g in snapshot.groups],
        "rounds": [
            {"question": r.question, "method": r.method.value,
             "duration_min": max(1, round(r.duration_s / 60)),
             "visibility": r.visibility.value, "dot_budget": r.dot_budget,
             "multi_dots": r.multi_dots, "title": r.title,
             "vote_min": max(1, round(r.vote_duration_s / 60))}
            for r in snapshot.rounds
        ],
    }


def save(snapshot: Snapshot, path: str | Path) -> None:
    """Save a workshop's set-up as a template file to start the next workshop from."""
    text = json.dumps(to_dict(snapshot), ensure_ascii=False, indent=2)
    Path(path).write_text(text + "\n", encoding="utf-8")


def spec_from_dict(data: dict[str, Any]) -> WorkshopSpec:
    w = data["workshop"]
    return WorkshopSpec(
        workshop=Workshop(
            title=w["title"], date=w.get("date", ""), place=w.get("place", ""),
            organisers=w.get("organisers", ""), language=w.get("language", "nl"),
            address="u" if w.get("address") == "u" else "je",
        ),
        groups=tuple(
            GroupSpec(g["name"], colour=g.get("colour", "#f6d365"), host=g.get("host", ""))
            for g in data["groups"]
        ),
        rounds=tuple(
            RoundSpec(
                question=r["question"],
                method=Method(r["method"]),
                duration_s=int(r["duration_min"]) * 60,
                visibility=Visibility(r["visibility"]),
                dot_budget=int(r["dot_budget"]),
                multi_dots=bool(r.get("multi_dots", False)),
                title=str(r.get("title", "")),
                vote_duration_s=int(r.get("vote_min", 5)) * 60,  # voting's own time
            )
            for r in data["rounds"]
        ),
    )


def create(path: str | Path, name: str = DEFAULT_TEMPLATE) -> None:
    Store.create(path, load(name)).close()


def demo_notes() -> list[dict[str, Any]]:
    """Realistic sample notes (Dutch), one list per template round, for the demo."""
    data = json.loads(resources.read_text("templates", "demo-notes.json"))
    return list(data["questions"])


def create_demo(path: str | Path) -> None:
    """The workshop `uv run facilitator` opens on first start: the organisatienetwerk
    template with realistic notes on the first tables, round one collecting."""
    from facilitator.domain.model import Phase
    from facilitator.domain.text import clean_text

    store = Store.create(path, load(DEFAULT_TEMPLATE))
    try:
        groups = store.groups()
        rounds = store.rounds()
        now = time.time()
        with store.transaction():
            for round_, question in zip(rounds, demo_notes(), strict=False):
                for i, note in enumerate(question["notes"]):
                    group = groups[i % 3]  # tables 1-3 have been busy
                    store.add_note(
                        group_id=group.id, round_id=round_.id, text=clean_text(note["text"]),
                        participant_id=None, client_note_id=None, now=now, is_paper=False,
                    )
            for group in groups:
                store.set_phase(rounds[0].id, group.id, Phase.COLLECT)
    finally:
        store.close()

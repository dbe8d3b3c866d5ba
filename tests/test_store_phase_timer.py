"""The schema step that gives each phase its own time (issue 11): a file from the
schema before it opens with voting at the default five minutes, a running timer kept
running and tied to no phase yet, and the round's own fields intact.

The step is found by what it adds, not by its number: it is renumbered when another
migration lands before it (the workshop's port)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from facilitator.domain.model import Phase
from facilitator.store import Store
from facilitator.store.schema import MIGRATIONS, SCHEMA_VERSION


def _step() -> int:
    """The index of the migration that adds the vote's own time."""
    return next(i for i, script in enumerate(MIGRATIONS) if "vote_duration_s" in script)


def test_migrates_from_the_previous_schema_keeping_the_running_timer(tmp_path: Path) -> None:
    before = _step()
    path = tmp_path / f"v{before}.workshop"
    db = sqlite3.connect(path)
    for script in MIGRATIONS[:before]:
        db.executescript(script)
    db.execute(f"PRAGMA user_version = {before}")
    db.execute("INSERT INTO workshop (id, title) VALUES (1, 'oud')")
    db.execute("INSERT INTO groups (id, name, code, position) VALUES (1, 'T', 'AAAAA', 0)")
    db.execute(
        "INSERT INTO rounds (id, position, question, method, duration_s, visibility,"
        " dot_budget, timer_ends_at) VALUES (1, 0, 'v', 'brainstorm', 720, 'visible', 3, 99.5)"
    )
    db.execute("INSERT INTO phases (round_id, group_id, phase) VALUES (1, 1, 'collect')")
    db.commit()
    db.close()
    store = Store.open(path)
    try:
        assert store.schema_version() == SCHEMA_VERSION
        round_ = store.round(1)
        assert round_ is not None
        assert (round_.duration_s, round_.vote_duration_s) == (720, 300)
        assert (round_.timer_ends_at, round_.timer_phase) == (99.5, None)
        with store.transaction():
            store.set_timer_phase(1, Phase.VOTE)
        assert store.round(1).timer_phase is Phase.VOTE  # type: ignore[union-attr]
    finally:
        store.close()

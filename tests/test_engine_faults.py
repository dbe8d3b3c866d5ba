"""The engine's own faults: a cancelled caller, a failed COMMIT, a disk that refuses
writes. Each must leave the writer running and the next command working."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from facilitator.domain.model import Participant, Phase
from facilitator.engine import AddNote, DeleteNote, Engine, Event, Join, NoteAdded, SetPhase, core
from facilitator.engine import apply as apply_module
from facilitator.engine import undo as undo_module
from facilitator.engine.errors import StorageUnavailable
from facilitator.engine.health import StorageHealth
from facilitator.store import Store
from tests.storage_faults import DiskLimit, disk, wait_for

__all__ = ["disk"]  # the fixture, imported for pytest


def _collecting(engine: Engine) -> Participant:
    engine.execute(SetPhase(1, Phase.COLLECT))
    participant: Participant = engine.execute(Join(1, name="Anne"))
    return participant


def _count_notes(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM notes").fetchone()[0])
    finally:
        conn.close()


def test_a_cancelled_future_does_not_stop_the_writer(engine: Engine) -> None:
    p = _collecting(engine)
    heard: list[Sequence[Event]] = []
    engine.subscribe(heard.append)
    gate = threading.Event()
    original = apply_module.apply

    def slow_apply(store: Store, command: Any, now: float) -> Any:
        gate.wait(5)
        return original(store, command, now)

    undo_module.apply = slow_apply  # type: ignore[assignment]
    try:
        future = engine.submit(
            AddNote(1, "afgebroken", participant_id=p.id, client_note_id="cancel-0001")
        )
        assert future.cancel()  # the phone hung up before the writer got to it
        gate.set()
        later = engine.execute(
            AddNote(1, "daarna", participant_id=p.id, client_note_id="cancel-0002"), timeout=5
        )
    finally:
        undo_module.apply = original
    assert later.created
    # The cancelled command was still applied (a retry finds it) and its event was sent.
    assert {e.note.text for batch in heard for e in batch if isinstance(e, NoteAdded)} == {
        "afgebroken",
        "daarna",
    }


def test_a_failed_commit_rolls_back_and_the_next_batch_works(engine: Engine) -> None:
    p = _collecting(engine)
    original = apply_module.apply
    calls = 0

    def commit_will_fail(store: Store, command: Any, now: float) -> Any:
        nonlocal calls
        calls += 1
        if calls == 1:
            # A deferred foreign key is checked at COMMIT: COMMIT fails and SQLite
            # leaves the transaction open.
            store._db.execute("PRAGMA defer_foreign_keys = ON")
            store._db.execute(
                "INSERT INTO notes (group_id, round_id, text, created_at,"
                " updated_at) VALUES (999, 1, 'x', 0, 0)"
            )
        return original(store, command, now)

    undo_module.apply = commit_will_fail  # type: ignore[assignment]
    try:
        with pytest.raises(sqlite3.IntegrityError):
            engine.execute(
                AddNote(1, "mislukt", participant_id=p.id, client_note_id="commit-0001"), timeout=5
            )
        result = engine.execute(
            AddNote(1, "gelukt", participant_id=p.id, client_note_id="commit-0002"), timeout=5
        )
    finally:
        undo_module.apply = original
    assert result.created
    assert _count_notes(engine.path) == 1


def test_a_full_disk_is_storage_unavailable_and_recovers(
    workshop_path: Path, disk: DiskLimit, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(core, "PROBE_EVERY_S", 0.05)
    healths: list[StorageHealth] = []
    with Engine(workshop_path) as engine:
        assert engine.watch_health(healths.append).ok
        p = _collecting(engine)
        disk.set_full(True)
        with pytest.raises(StorageUnavailable) as info:
            for i in range(200):  # until the notes no longer fit in the last page
                engine.execute(
                    AddNote(1, "x" * 250, participant_id=p.id, client_note_id=f"full-{i:05d}"),
                    timeout=5,
                )
        assert info.value.reason == "full"
        wait_for(lambda: bool(healths) and healths[-1].reason == "full")
        stored = _count_notes(workshop_path)
        # The writer is still there; the disk gets space; the banner goes by itself.
        disk.set_full(False)
        wait_for(lambda: healths[-1].ok)
        again = engine.execute(
            AddNote(1, "weer ruimte", participant_id=p.id, client_note_id="full-again"), timeout=5
        )
        assert again.created
    assert _count_notes(workshop_path) == stored + 1


def test_a_failed_backup_shows_in_the_health(
    workshop_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    healths: list[StorageHealth] = []

    def refuse(*_args: Any, **_kwargs: Any) -> Path:
        raise OSError(28, "No space left on device")

    with Engine(workshop_path, backup_every_s=0.05) as engine:
        engine.watch_health(healths.append)
        monkeypatch.setattr(Store, "backup", refuse)
        wait_for(lambda: bool(healths) and "No space" in healths[-1].backup_error)
        monkeypatch.undo()
        wait_for(lambda: healths[-1].backup_error == "")
        assert engine.last_backup is not None


def test_a_late_retry_of_a_deleted_note_says_deleted(engine: Engine) -> None:
    p = _collecting(engine)
    note = engine.execute(AddNote(1, "weg", participant_id=p.id, client_note_id="gone-0001"))
    engine.execute(DeleteNote(note.note.id, p.id))
    again = engine.execute(AddNote(1, "weg", participant_id=p.id, client_note_id="gone-0001"))
    assert (again.created, again.deleted) == (False, True)
    kept = engine.execute(AddNote(1, "blijft", participant_id=p.id, client_note_id="kept-001"))
    assert not engine.execute(
        AddNote(1, "blijft", participant_id=p.id, client_note_id="kept-001")
    ).deleted
    assert kept.created


def test_a_read_only_remount_recovers_without_a_restart(
    workshop_path: Path, disk: DiskLimit, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(core, "PROBE_EVERY_S", 0.05)
    healths: list[StorageHealth] = []
    with Engine(workshop_path) as engine:
        engine.watch_health(healths.append)
        p = _collecting(engine)
        disk.set_read_only(True)
        with pytest.raises(StorageUnavailable) as info:
            engine.execute(
                AddNote(1, "alleen-lezen", participant_id=p.id, client_note_id="ro-000001"),
                timeout=5,
            )
        assert info.value.reason == "read_only"
        disk.set_read_only(False)  # remounted read-write; the old connection stays stuck
        wait_for(lambda: healths[-1].ok)
        again = engine.execute(
            AddNote(1, "alleen-lezen", participant_id=p.id, client_note_id="ro-000001"), timeout=5
        )
        assert again.created
    assert _count_notes(workshop_path) == 1


def test_the_main_file_alone_is_current_once_the_writer_is_idle(
    engine: Engine, tmp_path: Path
) -> None:
    """A checkpoint when idle: a copy of the main file alone (no WAL) has every note."""
    for i in range(40):
        engine.execute(AddNote(1, f"n{i}", is_paper=True))

    def main_file_alone() -> int:
        copy = tmp_path / "alone.workshop"
        copy.write_bytes(engine.path.read_bytes())
        return _count_notes(copy)

    wait_for(lambda: main_file_alone() == 40, timeout=10)
    wal = engine.path.with_name(engine.path.name + "-wal")
    assert wal.stat().st_size < 4 * 1024 * 1024

"""Backups ordered by what they hold, private files, safe copies, and copies that lack
their WAL: each a way acknowledged notes went missing before."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from facilitator import templates
from facilitator.engine import AddNote, Engine
from facilitator.store import Store
from facilitator.store.backup import (
    backup_dir,
    backups,
    content_of,
    newer_backup,
    newest_good_backup,
    save_copy,
    write_backup,
)
from tests.test_recovery import checkpoint


def _add(engine: Engine, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        engine.execute(AddNote(1, f"notitie {i}", is_paper=True))


def _notes(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM notes").fetchone()[0])
    finally:
        conn.close()


def test_backups_are_ordered_by_content_not_by_the_clock(workshop_path: Path) -> None:
    """The clock set back a day: the complete backup has the oldest name."""
    day = 86_400
    with Engine(workshop_path) as engine:
        _add(engine, 20)
        store = Store.open(workshop_path)
        partial = write_backup(store._db, workshop_path, now=1_800_000_000)
        _add(engine, 15, start=20)
        complete = write_backup(store._db, workshop_path, now=1_800_000_000 - day)
        store.close()
    assert complete.name < partial.name  # by name, the wrong one would win
    assert backups(workshop_path)[-1] == complete
    assert newest_good_backup(workshop_path) == complete
    assert _notes(complete) == 35


def test_pruning_keeps_the_most_complete_backups_whatever_their_names(workshop_path: Path) -> None:
    with Engine(workshop_path) as engine:
        store = Store.open(workshop_path)
        for i in range(6):
            _add(engine, 1, start=i)
            # Each later backup carries an earlier time stamp (the clock runs backwards).
            write_backup(store._db, workshop_path, keep=3, hourly=0, now=1_800_000_000 - 60 * i)
        store.close()
    kept = backups(workshop_path)
    assert [_notes(b) for b in kept] == [4, 5, 6]


def test_files_and_backups_are_private(tmp_path: Path) -> None:
    path = tmp_path / "geheim.workshop"
    templates.create(path)
    with Engine(path) as engine:
        _add(engine, 1)
        store = Store.open(path)
        backup = write_backup(store._db, path)
        store.close()
        wal = path.with_name(path.name + "-wal")
        assert stat.S_IMODE(wal.stat().st_mode) & 0o077 == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup_dir(path).stat().st_mode) == 0o700


def test_an_existing_world_readable_file_is_made_private_when_opened(workshop_path: Path) -> None:
    workshop_path.chmod(0o644)
    Store.open(workshop_path).close()
    assert stat.S_IMODE(workshop_path.stat().st_mode) == 0o600


def test_save_a_copy_holds_every_acknowledged_note(workshop_path: Path, tmp_path: Path) -> None:
    """A copy taken while the engine writes, through the backup API: the notes still in
    the WAL are in it; a plain file copy of the main file lacks them."""
    stick = tmp_path / "usb"
    stick.mkdir()
    with Engine(workshop_path) as engine:
        engine._checkpoint = lambda: None  # type: ignore[method-assign]  # all in the WAL
        _add(engine, 50)
        shutil.copyfile(workshop_path, stick / "plain.workshop")
        reader = Store.open(workshop_path, readonly=True)
        content = save_copy(reader._db, stick / "copy.workshop")
        reader.close()
    assert content.notes == 50
    assert _notes(stick / "copy.workshop") == 50
    assert not (stick / "copy.workshop-wal").exists()
    assert _notes(stick / "plain.workshop") < 50  # why copying the open file is no backup
    assert stat.S_IMODE((stick / "copy.workshop").stat().st_mode) == 0o600
    opened = Store.open(stick / "copy.workshop")
    assert not opened.opened_without_wal
    opened.close()


def test_a_copy_without_its_wal_says_so(workshop_path: Path, tmp_path: Path) -> None:
    with Engine(workshop_path) as engine:
        _add(engine, 5)
        checkpoint(workshop_path)  # the main file is current up to here
        copy = tmp_path / "kopie.workshop"
        shutil.copyfile(workshop_path, copy)  # while open, without its WAL
    store = Store.open(copy)
    assert store.opened_without_wal
    store.close()
    # The original, closed cleanly, is complete on its own and says nothing.
    store = Store.open(workshop_path)
    assert not store.opened_without_wal
    store.close()


def test_a_file_older_than_its_newest_backup_is_noticed(workshop_path: Path) -> None:
    """Only the `.workshop` survived a crash (its WAL lost): the backup taken after the
    file's last checkpoint holds more, and is offered."""
    with Engine(workshop_path) as engine:
        _add(engine, 10)
        checkpoint(workshop_path)
        old_main = workshop_path.read_bytes()
        _add(engine, 10, start=10)
        store = Store.open(workshop_path)
        backup = write_backup(store._db, workshop_path)
        store.close()
    assert newer_backup(workshop_path) is None  # the file itself is complete
    workshop_path.write_bytes(old_main)  # the WAL's twenty commits lost
    assert newer_backup(workshop_path) == backup
    here, there = content_of(workshop_path), content_of(backup)
    assert here is not None and there is not None and there.commits > here.commits


def test_the_data_folder_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from facilitator import app

    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(tmp_path / "data"))
    demo = app.default_workshop()
    assert stat.S_IMODE(demo.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(demo.stat().st_mode) == 0o600

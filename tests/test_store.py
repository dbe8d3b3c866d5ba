"""The workshop file on disk: pragmas, migrations, integrity check, template contents."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from facilitator import templates
from facilitator.domain.model import Method, Phase
from facilitator.store import SCHEMA_VERSION, DamagedFile, Reader, Store
from facilitator.store.db import NewerFile
from facilitator.store.schema import MIGRATIONS


def test_new_file_uses_wal_full_sync_and_current_schema(workshop_path: Path) -> None:
    store = Store.open(workshop_path)
    db = store._db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.schema_version() == SCHEMA_VERSION
    assert store.integrity_ok()


def test_template_has_eight_tables_and_four_dutch_rounds(workshop_path: Path) -> None:
    store = Store.open(workshop_path, readonly=True)
    groups, rounds = store.groups(), store.rounds()
    assert [g.name for g in groups] == [f"Tafel {i}" for i in range(1, 9)]
    assert len({g.code for g in groups}) == 8
    assert len(rounds) == 4
    assert {r.method for r in rounds} <= set(Method)
    assert all(r.duration_s >= 300 and 3 <= r.dot_budget <= 5 for r in rounds)
    text = " ".join(r.question for r in rounds).lower()
    for theme in ("netwerk", "poi", "kb", "jongeren", "partners", "uniek"):
        assert theme in text, theme
    assert store.workshop().active_round_id == rounds[0].id
    assert store.workshop().organisers == "KB, SPN en VOB"


def test_every_template_loads() -> None:
    for name in templates.available():
        spec = templates.load(name)
        assert spec.groups and spec.rounds


def test_create_refuses_to_overwrite(workshop_path: Path) -> None:
    with pytest.raises(FileExistsError):
        templates.create(workshop_path)


def test_migration_from_every_earlier_version(tmp_path: Path) -> None:
    """A file of each older schema opens and is brought to the current version."""
    for start in range(SCHEMA_VERSION):
        path = tmp_path / f"v{start}.workshop"
        db = sqlite3.connect(path)
        for script in MIGRATIONS[:start]:
            db.executescript(script)
        db.execute(f"PRAGMA user_version = {start}")
        if start >= 1:
            db.execute("INSERT INTO workshop (id, title) VALUES (1, 'oud')")
        db.commit()
        db.close()
        if start == 0:  # an empty file gains the schema but has no workshop row
            with pytest.raises(DamagedFile):
                Store.open(path)
            continue
        store = Store.open(path)
        assert store.schema_version() == SCHEMA_VERSION
        assert store.workshop().title == "oud"


def test_newer_schema_is_refused(workshop_path: Path) -> None:
    db = sqlite3.connect(workshop_path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(NewerFile):
        Store.open(workshop_path)


def test_damaged_file_is_refused(workshop_path: Path, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.workshop"
    garbage.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DamagedFile):
        Store.open(garbage)

    # Overwrite the middle of a real file's pages: the integrity check must notice.
    store = Store.create(tmp_path / "big.workshop", templates.load("organisatienetwerk"))
    with store.transaction():
        for i in range(2000):
            store.add_note(group_id=1, round_id=1, text=f"notitie {i} " + "x" * 100,
                           participant_id=None, client_note_id=None, now=float(i))
    store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray((tmp_path / "big.workshop").read_bytes())
    page = 4096
    for offset in range(page * 3, len(data) - page, page * 7):
        data[offset + 100: offset + 400] = b"\xff" * 300
    (tmp_path / "big.workshop").write_bytes(bytes(data))
    with pytest.raises(DamagedFile):
        Store.open(tmp_path / "big.workshop")


def test_a_reader_cannot_write_by_construction(workshop_path: Path) -> None:
    """One writer by construction: the Reader type has no writes, and even SQL sent
    past it, with query_only switched off, is refused by SQLite (opened mode=ro)."""
    reader = Reader.open(workshop_path)
    assert type(reader) is Reader and not isinstance(reader, Store)
    assert type(Store.open(workshop_path, readonly=True)) is Reader  # the old spelling too
    for write in ("set_active_round", "add_note", "transaction", "savepoint", "backup",
                  "restore_note", "delete_cluster"):
        assert not hasattr(reader, write), write
    raw = reader._db
    raw.execute("PRAGMA query_only = OFF")
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        raw.execute("UPDATE workshop SET title = 'x'")
    assert reader.workshop().title != "x"
    reader.close()
    writer = Store.open(workshop_path)
    with writer.transaction():
        writer.update_workshop("Nieuw", "", "", "", "nl")
    assert Reader.open(workshop_path).workshop().title == "Nieuw"  # readers see commits


def test_a_reader_refuses_a_file_that_needs_an_upgrade(workshop_path: Path) -> None:
    conn = sqlite3.connect(workshop_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.close()
    with pytest.raises(DamagedFile, match="upgrade"):
        Reader.open(workshop_path)


def test_snapshot_reads_everything(workshop_path: Path) -> None:
    store = Store.open(workshop_path)
    with store.transaction():
        store.set_phase(1, 1, Phase.COLLECT)
        store.add_note(group_id=1, round_id=1, text="hallo", participant_id=None,
                       client_note_id=None, now=1.0, is_paper=True)
    snap = store.snapshot()
    assert snap.phase_of(1, 1) is Phase.COLLECT
    assert snap.phase_of(1, 2) is Phase.PREPARE
    assert [n.text for n in snap.notes_of(1, 1)] == ["hallo"]
    assert snap.notes[0].is_paper


def test_demo_has_notes_and_round_one_collecting(tmp_path: Path) -> None:
    path = tmp_path / "demo.workshop"
    templates.create_demo(path)
    snap = Store.open(path, readonly=True).snapshot()
    assert len(snap.notes) >= 40
    first = snap.rounds[0].id
    assert all(snap.phase_of(first, g.id) is Phase.COLLECT for g in snap.groups)


def test_count_notes_leaves_out_hidden_merged_and_deleted(workshop_path: Path) -> None:
    store = Store.open(workshop_path)
    with store.transaction():
        ids = [store.add_note(group_id=1, round_id=1, text=f"n{i}", participant_id=None,
                              client_note_id=None, now=1.0).id for i in range(5)]
        store.add_note(group_id=2, round_id=1, text="elders", participant_id=None,
                       client_note_id=None, now=1.0)
        store.set_note_hidden(ids[0], True)
        store.merge_note(ids[1], ids[2])
        store.delete_note(ids[3], 2.0)
    assert store.count_notes(1, 1) == 2
    assert store.count_notes(1, 1, visible_only=False) == 4


def test_a_strangers_database_is_never_written(tmp_path: Path) -> None:
    photos = tmp_path / "photos.db"
    conn = sqlite3.connect(photos)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO photos (name) VALUES ('strand.jpg')")
    conn.commit()
    conn.close()
    before = photos.read_bytes()
    for readonly in (False, True):
        with pytest.raises(DamagedFile, match="not a workshop"):
            Store.open(photos, readonly=readonly)
    assert photos.read_bytes() == before  # no WAL switch, no schema, nothing
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photos.db"]


def _open_fds_to(path: Path) -> int:
    fds = Path("/proc/self/fd")
    count = 0
    for fd in fds.iterdir():
        try:
            if Path(os.readlink(fd)).resolve() == path.resolve():
                count += 1
        except OSError:
            continue
    return count


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_no_connection_is_left_open_when_open_fails(workshop_path: Path,
                                                   tmp_path: Path) -> None:
    damaged = tmp_path / "kapot.workshop"
    store = Store.create(damaged, templates.load("organisatienetwerk"))
    store.close()
    data = bytearray(damaged.read_bytes())
    for page in range(4096, len(data), 4096):  # every page but the first
        data[page + 8: page + 400] = b"\xff" * 392
    damaged.write_bytes(bytes(data))
    newer = tmp_path / "nieuwer.workshop"
    newer.write_bytes(workshop_path.read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    for path, error in ((damaged, DamagedFile), (newer, NewerFile)):
        for readonly in (False, True):
            with pytest.raises(error) as info:
                Store.open(path, readonly=readonly)
            # The traceback (still held) would keep a leaked connection alive.
            assert info.value.__traceback__ is not None
            assert _open_fds_to(path) == 0, (path.name, readonly)


def test_an_old_file_opens_read_only_without_being_changed(tmp_path: Path) -> None:
    path = tmp_path / "vorig-jaar.workshop"
    db = sqlite3.connect(path)
    for script in MIGRATIONS[:1]:
        db.executescript(script)
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO workshop (id, title) VALUES (1, 'vorig jaar')")
    db.commit()
    db.close()
    before = path.read_bytes()
    store = Store.open(path, readonly=True)  # was: DamagedFile "needs an upgrade"
    try:
        assert store.workshop().title == "vorig jaar"
        assert store.notes() == []
    finally:
        store.close()
    assert path.read_bytes() == before

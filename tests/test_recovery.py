"""Recovery of a damaged file keeps what the file still holds and merges the newest good
backup: the case that lost 400 acknowledged notes (backup at 300, file at 700)."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from facilitator.domain.model import Participant, Phase
from facilitator.engine import AddNote, Engine, Join, SetPhase
from facilitator.store import DamagedFile, Store
from facilitator.store.backup import write_backup
from facilitator.store.recovery import recover


def _notes_of(path: Path) -> set[tuple[int, str]]:
    conn = sqlite3.connect(path)
    try:
        return {
            (int(p), str(c))
            for p, c in conn.execute("SELECT participant_id, client_note_id FROM notes")
        }
    finally:
        conn.close()


def _workshop_with_backup_at_300(path: Path, total: int = 700) -> set[tuple[int, str]]:
    """Ten phones post `total` notes; a backup is taken after 300. The file is closed with
    everything checkpointed into it. Returns the acknowledged notes."""
    acknowledged: set[tuple[int, str]] = set()
    with Engine(path) as engine:
        engine.execute(SetPhase(1, Phase.COLLECT))
        phones: list[Participant] = [engine.execute(Join(1, name=f"p{i}")) for i in range(10)]
        for start, end in ((0, min(300, total)), (300, total)):
            if start == 300 and total > 300:
                store = Store.open(path)
                write_backup(store._db, path)
                store.close()
            # Submitted together, as phones do: the engine commits them in batches.
            futures = [
                engine.submit(
                    AddNote(
                        1,
                        f"idee {i} " + "x" * 60,
                        participant_id=phones[i % 10].id,
                        client_note_id=f"note-{i:06d}",
                    )
                )
                for i in range(start, end)
            ]
            for future in futures:
                note = future.result(30).note
                acknowledged.add((note.participant_id, note.client_note_id))
    return acknowledged


def checkpoint(path: Path) -> None:
    """What the engine does when idle, from a connection of the test's own."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    finally:
        conn.close()


def _index_root(path: Path, name: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(
            conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
        )
    finally:
        conn.close()


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "header_zeroed":
        data[:100] = bytes(100)
    elif how == "eight_bytes_flipped":
        page = 4096
        root = _index_root(path, "notes_client_id")  # an index page: the rows still read
        start = (root - 1) * page + 12  # its first cell pointers
        for i in range(8):
            data[start + i] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["header_zeroed", "eight_bytes_flipped"])
def test_recovery_keeps_all_700_notes_the_damaged_file_holds(tmp_path: Path, how: str) -> None:
    from facilitator import templates

    path = tmp_path / "dag.workshop"
    templates.create(path)
    acknowledged = _workshop_with_backup_at_300(path)
    _damage(path, how)
    with pytest.raises(DamagedFile):
        Store.open(path)
    result = recover(path, tmp_path / "hersteld.workshop")
    assert (result.notes, result.lost) == (700, 0)
    assert result.backup is not None
    assert _notes_of(result.target) == acknowledged
    store = Store.open(result.target)  # a healthy workshop file again
    assert store.integrity_ok() and len(store.notes()) == 700
    store.close()


def test_recovery_without_a_backup_reads_what_still_reads(tmp_path: Path) -> None:
    from facilitator import templates

    path = tmp_path / "dag.workshop"
    templates.create(path)
    acknowledged = _workshop_with_backup_at_300(path, total=120)
    assert not path.with_name(path.name + ".backups").exists()  # 120 < 300: none taken
    _damage(path, "header_zeroed")
    result = recover(path, tmp_path / "hersteld.workshop")
    assert result.backup is None
    assert (result.notes, result.lost) == (120, 0)
    assert _notes_of(result.target) == acknowledged


def test_recovery_counts_what_is_lost(tmp_path: Path) -> None:
    """Pages of notes written over: what the backup has comes back, the rest is counted."""
    from facilitator import templates

    path = tmp_path / "dag.workshop"
    templates.create(path)
    _workshop_with_backup_at_300(path)
    data = bytearray(path.read_bytes())
    rng = random.Random(7)
    page = 4096
    pages = len(data) // page
    for p in rng.sample(range(pages // 2, pages), 6):  # the later notes' pages
        data[p * page : (p + 1) * page] = bytes(rng.randrange(256) for _ in range(page))
    path.write_bytes(bytes(data))
    result = recover(path, tmp_path / "hersteld.workshop")
    assert result.notes + result.lost == 700
    assert result.notes >= 300  # never fewer than the backup holds


def test_the_app_offers_the_recovery_with_its_numbers(qapp: object, tmp_path: Path) -> None:
    from facilitator import templates
    from facilitator.app import offer_backup

    path = tmp_path / "dag.workshop"
    templates.create(path)
    acknowledged = _workshop_with_backup_at_300(path)
    _damage(path, "header_zeroed")
    asked: list[str] = []
    assert offer_backup(path, ask=lambda q: asked.append(q) or True)
    assert "700 notities hersteld; 0 verloren" in asked[0]
    assert _notes_of(path) == acknowledged  # in place of the damaged file
    assert list(tmp_path.glob("dag.workshop.damaged-*"))  # kept beside it


def test_a_file_that_lost_its_wal_is_merged_with_the_newer_backup(
    qapp: object, tmp_path: Path
) -> None:
    from facilitator import templates
    from facilitator.app import offer_newer_backup

    path = tmp_path / "dag.workshop"
    templates.create(path)
    with Engine(path) as engine:
        engine.execute(SetPhase(1, Phase.COLLECT))
        phone = engine.execute(Join(1))
        for i in range(143):
            engine.execute(
                AddNote(1, f"n{i}", participant_id=phone.id, client_note_id=f"wal-{i:06d}")
            )
        checkpoint(path)
        main_only = path.read_bytes()  # what a copy of the main file alone holds
        for i in range(143, 224):
            engine.execute(
                AddNote(1, f"n{i}", participant_id=phone.id, client_note_id=f"wal-{i:06d}")
            )
        store = Store.open(path)
        write_backup(store._db, path)
        store.close()
    path.write_bytes(main_only)
    assert len(_notes_of(path)) == 143
    asked: list[str] = []
    assert offer_newer_backup(path, ask=lambda q: asked.append(q) or True)
    assert "224 notities hersteld; 0 verloren" in asked[0]
    assert len(_notes_of(path)) == 224


def test_a_bit_flipped_in_a_wal_frame_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite stops reading a WAL at the first frame whose checksum fails; the frames
    after it still hold whole pages of later commits, which the page reader finds."""
    import shutil

    from facilitator import templates
    from facilitator.engine import core

    monkeypatch.setattr(core, "CHECKPOINT_IDLE_S", 1e9)  # everything stays in the WAL
    monkeypatch.setattr(core, "CHECKPOINT_EVERY_S", 1e9)
    path = tmp_path / "dag.workshop"
    templates.create(path)
    snap = tmp_path / "snap"
    snap.mkdir()
    with Engine(path) as engine:
        engine.execute(SetPhase(1, Phase.COLLECT))
        phone = engine.execute(Join(1))
        # Fewer pages than SQLite's own checkpoint at 1,000: each note's commit writes
        # ~7 (the note's page, one per index of notes, the commit counter).
        for i in range(120):
            engine.execute(
                AddNote(1, f"n{i}", participant_id=phone.id, client_note_id=f"wal-{i:06d}")
            )
        for name in ("dag.workshop", "dag.workshop-wal"):  # the folder as a crash leaves it
            shutil.copyfile(tmp_path / name, snap / name)
    wal = bytearray((snap / "dag.workshop-wal").read_bytes())
    frame = 24 + 4096
    frames = (len(wal) - 32) // frame
    wal[32 + (frames // 3) * frame + 24 + 2000] ^= 0x10  # one bit, a third of the way in
    (snap / "dag.workshop-wal").write_bytes(bytes(wal))
    (snap / "dag.workshop-shm").unlink(missing_ok=True)
    # Opened as before, SQLite showed the commits before the damage and, on closing,
    # checkpointed and deleted the WAL: the rest gone for good. Now it is noticed first.
    with pytest.raises(DamagedFile, match="WAL"):
        Store.open(snap / "dag.workshop")
    plain = sqlite3.connect(f"file:{snap / 'dag.workshop'}?mode=ro", uri=True)
    assert plain.execute("SELECT count(*) FROM notes").fetchone()[0] < 120
    plain.close()
    result = recover(snap / "dag.workshop", tmp_path / "hersteld.workshop")
    assert (result.notes, result.lost) == (120, 0)

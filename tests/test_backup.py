"""Rolling backups with SQLite's backup API, and recovery of a damaged file from them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from facilitator.engine import AddNote, Engine
from facilitator.store import DamagedFile, Store
from facilitator.store.backup import backups, newest_good_backup, restore, write_backup


def test_engine_backs_up_periodically(workshop_path: Path) -> None:
    with Engine(workshop_path, backup_every_s=0.05) as engine:
        engine.execute(AddNote(1, "bewaard", is_paper=True))
        deadline = time.monotonic() + 5
        while engine.last_backup is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert engine.last_backup is not None
        copy = Store.open(engine.last_backup, readonly=True)
        assert [n.text for n in copy.notes()] == ["bewaard"]


def test_rolling_set_keeps_the_newest(workshop_path: Path) -> None:
    store = Store.open(workshop_path)
    for i in range(5):
        write_backup(store._db, workshop_path, keep=3, hourly=0, now=1_000_000 + i)
    kept = backups(workshop_path)
    assert len(kept) == 3
    assert kept[-1].name.endswith("19700112-134644.workshop")  # 1_000_004 s after epoch


def test_a_day_of_backups_keeps_the_last_hour_and_one_per_hour_before(
        workshop_path: Path) -> None:
    store = Store.open(workshop_path)
    start = 1_800_000_000 - 1_800_000_000 % 3600  # on the hour
    for i in range(10 * 12):  # ten hours, every five minutes
        write_backup(store._db, workshop_path, now=start + 300 * i)
    names = [b.stem[-15:] for b in backups(workshop_path)]
    every_5_min = [time.strftime("%Y%m%d-%H%M%S", time.gmtime(start + 300 * i))
                   for i in range(120)]
    last_of_each_hour = every_5_min[11:108:12]  # the first nine hours, each at hh:55
    assert names == last_of_each_hour + every_5_min[-12:]


def test_damaged_file_is_recovered_from_the_newest_good_backup(workshop_path: Path) -> None:
    with Engine(workshop_path) as engine:
        engine.execute(AddNote(1, "voor de backup", is_paper=True))
    store = Store.open(workshop_path)
    write_backup(store._db, workshop_path, now=1_000_000)
    good = write_backup(store._db, workshop_path, now=1_000_100)
    store.close()
    # The newest backup is itself damaged: the one before it must be chosen.
    broken = write_backup(Store.open(workshop_path)._db, workshop_path, now=1_000_200)
    broken.write_bytes(b"\x00" * 8192)
    workshop_path.write_bytes(workshop_path.read_bytes()[:1024] + b"\xff" * 4096)
    with pytest.raises(DamagedFile):
        Store.open(workshop_path)
    chosen = newest_good_backup(workshop_path)
    assert chosen == good
    damaged = restore(workshop_path, chosen)
    assert damaged.exists()
    recovered = Store.open(workshop_path)
    assert [n.text for n in recovered.notes()] == ["voor de backup"]


def test_app_offers_the_newest_good_backup_for_a_damaged_file(qapp: object,
                                                              workshop_path: Path) -> None:
    from facilitator.app import offer_backup

    with Engine(workshop_path) as engine:
        engine.execute(AddNote(1, "gered", is_paper=True))
    store = Store.open(workshop_path)
    write_backup(store._db, workshop_path, now=1_000_000)
    store.close()
    workshop_path.write_bytes(b"\x00" * 8192)
    asked: list[str] = []
    assert not offer_backup(workshop_path, ask=lambda q: asked.append(q) or False)
    assert "beschadigd" in asked[0]
    with pytest.raises(DamagedFile):  # declined: nothing changed
        Store.open(workshop_path)
    assert offer_backup(workshop_path, ask=lambda q: True)
    assert [n.text for n in Store.open(workshop_path).notes()] == ["gered"]

"""Phones when the laptop's disk refuses writes: a documented 503 with Retry-After, and
201 again once the disk has room, without restarting anything. Real HTTP on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.engine import Engine, core
from facilitator.store import Store
from tests.storage_faults import DiskLimit, disk, wait_for
from tests.test_server_support import collect, groups, join, post, request, running

__all__ = ["disk"]  # the fixture, imported for pytest


def test_full_disk_gives_503_storage_unavailable_then_recovers(
    workshop_path: Path, disk: DiskLimit, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(core, "PROBE_EVERY_S", 0.05)
    with Engine(workshop_path) as engine:
        collect(engine, workshop_path)
        with running(engine, workshop_path) as server:
            token = join(server.port, groups(workshop_path)[0].code)
            disk.set_full(True)
            statuses = []
            for i in range(200):
                reply = post(server.port, token, f"disk-{i:05d}", "y" * 250)
                statuses.append(reply.status)
                if reply.status != 201:
                    break
            assert reply.status == 503, reply.raw
            assert reply.json["error"]["code"] == "storage_unavailable"
            assert reply.headers["Retry-After"] == "10"
            assert 500 not in statuses
            failed_id = f"disk-{len(statuses) - 1:05d}"
            disk.set_full(False)
            wait_for(lambda: engine.health.ok)
            # The phone's outbox resends the same note: stored now, exactly once.
            again = post(server.port, token, failed_id, "y" * 250)
            assert again.status == 201
            assert post(server.port, token, failed_id, "y" * 250).status == 200
    store = Store.open(workshop_path, readonly=True)
    try:
        assert len(store.notes()) == len(statuses)
    finally:
        store.close()


def test_late_retry_of_a_deleted_note_answers_deleted_true(
    engine: Engine, workshop_path: Path
) -> None:
    collect(engine, workshop_path)
    with running(engine, workshop_path) as server:
        token = join(server.port, groups(workshop_path)[0].code)
        first = post(server.port, token, "late-0001", "weg ermee")
        assert first.status == 201 and "deleted" not in first.json
        gone = request(server.port, "DELETE", f"/api/notes/{first.json['note']['id']}", token=token)
        assert gone.status == 200
        late = post(server.port, token, "late-0001", "weg ermee")
        assert late.status == 200
        assert late.json["deleted"] is True and late.json["created"] is False

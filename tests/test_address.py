"""A stable address for the day, without a window: the workshop keeps its port in the
file (schema 7), a new file gets a free one, the engine changes it and records the
address printed on the table cards, and one lock keeps a window and `facilitator serve`
(or two of either) off one file. Real files, real sockets, real processes."""

from __future__ import annotations

import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator import templates
from facilitator.cli import main
from facilitator.domain.rules import RuleViolation
from facilitator.engine import Engine, WorkshopChanged
from facilitator.engine.commands import RecordCards, SetPort
from facilitator.store import SCHEMA_VERSION, Store
from facilitator.store import lock as workshop_lock
from facilitator.store.ports import LEGACY_PORT, PORT_RANGE, choose_port, is_free
from facilitator.store.schema import MIGRATIONS


def _workshop(path: Path):
    store = Store.open(path, readonly=True)
    try:
        return store.workshop()
    finally:
        store.close()


def _set_port(path: Path, port: int) -> None:
    with Engine(path) as engine:
        engine.execute(SetPort(port))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("0.0.0.0", 0))  # free on every interface, as the server binds
        return int(probe.getsockname()[1])


# -- the port in the file ---------------------------------------------------------------


def test_migrates_from_the_previous_schema_keeping_the_port_it_always_had(
    tmp_path: Path,
) -> None:
    """A file of schema 6 opens at the current schema with port 8321, the port every workshop had
    before (its printed cards show it), no cards recorded, and its notes kept."""
    path = tmp_path / "v6.workshop"
    db = sqlite3.connect(path)
    for script in MIGRATIONS[:6]:
        db.executescript(script)
    db.execute("PRAGMA user_version = 6")
    db.execute("INSERT INTO workshop (id, title, address) VALUES (1, 'oud', 'u')")
    db.execute("INSERT INTO groups (id, name, code, position) VALUES (1, 'T', 'AAAAA', 0)")
    db.execute(
        "INSERT INTO rounds (id, position, question, method, duration_s, visibility,"
        " dot_budget) VALUES (1, 0, 'v', 'brainstorm', 60, 'visible', 3)"
    )
    db.execute(
        "INSERT INTO notes (group_id, round_id, text, created_at, updated_at)"
        " VALUES (1, 1, 'oud briefje', 0, 0)"
    )
    db.commit()
    db.close()
    store = Store.open(path)
    try:
        assert store.schema_version() == SCHEMA_VERSION
        workshop = store.workshop()
        assert (workshop.title, workshop.address) == ("oud", "u")
        assert workshop.port == LEGACY_PORT == 8321
        assert (workshop.cards_url, workshop.cards_printed_at) == ("", None)
        assert [n.text for n in store.notes()] == ["oud briefje"]
    finally:
        store.close()
    assert _workshop(path).port == 8321  # kept: the next open finds the same


def test_a_new_workshop_gets_a_free_port_of_its_own_and_keeps_it(tmp_path: Path) -> None:
    ports = []
    for name in ("a", "b", "c"):
        path = tmp_path / f"{name}.workshop"
        templates.create(path)
        port = _workshop(path).port
        assert port in PORT_RANGE
        with Engine(path):  # opened for the day: nothing chooses again
            pass
        assert _workshop(path).port == port
        ports.append(port)
    demo = tmp_path / "demo.workshop"
    templates.create_demo(demo)
    assert _workshop(demo).port in PORT_RANGE


def test_the_port_chosen_is_not_one_another_program_listens_on() -> None:
    first = choose_port(random.Random(7))
    holder = socket.socket()
    holder.bind(("0.0.0.0", first))
    holder.listen(1)
    try:
        assert not is_free(first)
        second = choose_port(random.Random(7))  # same draw: the taken port is skipped
        assert second != first and second in PORT_RANGE and is_free(second)
    finally:
        holder.close()
    assert is_free(first)


def test_a_template_does_not_carry_a_port(workshop_path: Path, tmp_path: Path) -> None:
    """Each workshop made from a saved template gets its own port, never its parent's."""
    store = Store.open(workshop_path, readonly=True)
    try:
        data = templates.to_dict(store.snapshot())
    finally:
        store.close()
    assert "port" not in data["workshop"]
    assert templates.spec_from_dict(data).workshop.port is None


# -- engine commands ----------------------------------------------------------------------


def test_the_port_changes_through_the_engine_within_bounds(engine: Engine) -> None:
    seen: list[object] = []
    engine.subscribe(seen.extend)
    port = _free_port()
    workshop = engine.execute(SetPort(port))
    assert workshop.port == port
    for bad in (0, 80, 1023, 65536):
        with pytest.raises(RuleViolation) as refused:
            engine.execute(SetPort(bad))
        assert refused.value.code == "bad_port"
    assert _workshop(engine.path).port == port
    assert any(isinstance(e, WorkshopChanged) and e.workshop.port == port for e in seen)


def test_a_port_another_program_listens_on_is_refused(
    engine: Engine, occupied: socket.socket
) -> None:
    before = _workshop(engine.path).port
    taken = occupied.getsockname()[1]
    with pytest.raises(RuleViolation) as refused:
        engine.execute(SetPort(taken))
    assert refused.value.code == "port_taken"
    assert _workshop(engine.path).port == before
    occupied.close()  # the other program stopped: now it may be chosen
    assert engine.execute(SetPort(taken)).port == taken


def test_the_cards_address_is_recorded_with_its_time(engine: Engine) -> None:
    before = time.time()
    workshop = engine.execute(RecordCards("http://192.168.1.20:8345/"))
    assert workshop.cards_url == "http://192.168.1.20:8345"  # no trailing slash
    assert workshop.cards_printed_at is not None and workshop.cards_printed_at >= before - 1
    for bad in (
        "",
        "192.168.1.20:8345",
        "ftp://x:1",
        "http://x:port",
        "http://a b:1",
        "http://x:8345/j/ABCDE",
    ):
        with pytest.raises(RuleViolation):
            engine.execute(RecordCards(bad))
    assert _workshop(engine.path).cards_url == "http://192.168.1.20:8345"


# -- one writer: the lock -----------------------------------------------------------------

_HOLD = """
import sys, time
from pathlib import Path
from facilitator.store.lock import take
lock = take(Path(sys.argv[1]), sys.argv[2])
print("locked", flush=True)
time.sleep(600)
"""


@pytest.fixture
def holder(workshop_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process (a window, by its lock) holding the workshop."""
    child = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(workshop_path), "facilitator"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "locked"
    yield child
    if child.poll() is None:
        child.kill()
    child.wait()
    child.stdout.close()


def test_the_lock_says_who_holds_it_and_dies_with_its_process(
    workshop_path: Path, holder: subprocess.Popen[str]
) -> None:
    with pytest.raises(workshop_lock.LockHeld) as held:
        workshop_lock.take(workshop_path)
    assert held.value.holder.pid == holder.pid
    assert held.value.holder.program == "facilitator"
    assert held.value.holder.host == socket.gethostname()
    holder.send_signal(signal.SIGKILL)  # a crash: nothing cleans up
    holder.wait()
    assert workshop_lock.lock_path(workshop_path).exists()
    mine = workshop_lock.take(workshop_path, workshop_lock.SERVE_PROGRAM)
    try:
        assert mine.held
    finally:
        mine.unlock()
    assert not workshop_lock.lock_path(workshop_path).exists()  # tidy after a clean stop


def test_two_locks_in_one_process_exclude_each_other(workshop_path: Path) -> None:
    first = workshop_lock.take(workshop_path)
    try:
        with pytest.raises(workshop_lock.LockHeld) as held:
            workshop_lock.take(workshop_path)
        assert held.value.holder.pid == os.getpid()
    finally:
        first.unlock()
    workshop_lock.take(workshop_path).unlock()  # free again


def test_serve_is_refused_while_a_window_holds_the_workshop(
    workshop_path: Path, holder: subprocess.Popen[str]
) -> None:
    proc = _serve_once(workshop_path)
    assert proc.returncode == 3
    assert proc.stdout == ""  # no join URLs: nothing was served
    assert f"already open in facilitator (process {holder.pid}" in proc.stderr
    assert "Traceback" not in proc.stderr


def _serve_once(path: Path) -> subprocess.CompletedProcess[str]:
    """`facilitator serve` on `path`, waited for: what a refused start says."""
    return subprocess.run(
        [sys.executable, "-m", "facilitator.cli", "serve", str(path),
         "--port", "0", "--host", "127.0.0.1"],
        capture_output=True, text=True, timeout=60, check=False,
    )


def serve_in_background(path: Path, *args: str) -> subprocess.Popen[str]:
    """`facilitator serve` on `path` as its own process, its output piped."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "facilitator.cli",
            "serve",
            str(path),
            "--host",
            "127.0.0.1",
            "--address",
            "127.0.0.1",
            *args,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def stop_serve(proc: subprocess.Popen[str]) -> str:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    _, errors = proc.communicate(timeout=20)
    return errors


def test_a_second_serve_on_one_workshop_is_refused(workshop_path: Path) -> None:
    first = serve_in_background(workshop_path, "--port", "0")
    try:
        assert first.stdout is not None
        assert "/j/" in first.stdout.readline()  # serving
        second = _serve_once(workshop_path)
        assert second.returncode == 3
        assert f"already open in facilitator serve (process {first.pid}" in second.stderr
    finally:
        errors = stop_serve(first)
    assert first.returncode == 0, errors


def test_serve_listens_on_the_workshops_own_port(workshop_path: Path) -> None:
    port = _free_port()
    _set_port(workshop_path, port)
    proc = serve_in_background(workshop_path)  # no --port: the workshop's
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith(f"http://127.0.0.1:{port}/j/")
    finally:
        errors = stop_serve(proc)
    assert f"listening on 127.0.0.1:{port}" in errors


def keep_taken_port(path: Path, occupied: socket.socket) -> int:
    """The workshop keeps the port another program listens on by the day (written past
    the engine, which refuses a taken port, so no other process can slip in between)."""
    taken = int(occupied.getsockname()[1])
    store = Store.open(path)
    try:
        with store.transaction():
            store.set_port(taken)
    finally:
        store.close()
    return taken


def test_serve_says_when_the_workshops_port_is_taken(
    workshop_path: Path, occupied: socket.socket
) -> None:
    taken = keep_taken_port(workshop_path, occupied)
    proc = serve_in_background(workshop_path)
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline()
        assert url.startswith("http://127.0.0.1:") and f":{taken}/" not in url
    finally:
        errors = stop_serve(proc)
    assert f"the workshop's port {taken} is taken" in errors
    assert "Printed table cards" in errors


# -- table cards from the command line ----------------------------------------------------


def test_cards_use_the_workshops_port_and_are_recorded(
    workshop_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    port = _free_port()
    _set_port(workshop_path, port)
    out = tmp_path / "kaarten.docx"
    assert main(["export", str(workshop_path), "--format", "cards", "-o", str(out)]) == 0
    said = capsys.readouterr().err
    printed = _workshop(workshop_path).cards_url
    assert printed.endswith(f":{port}") and f"table cards point to {printed}" in said

    again = [
        "export",
        str(workshop_path),
        "--format",
        "cards",
        "-o",
        str(out),
        "--base-url",
        f"http://10.0.0.5:{port}",
    ]
    assert main(again) == 0
    said = capsys.readouterr().err
    assert f"the cards printed before show another address: {printed}" in said
    assert _workshop(workshop_path).cards_url == f"http://10.0.0.5:{port}"


def test_cards_exported_while_a_window_holds_the_file_are_not_recorded(
    workshop_path: Path,
    tmp_path: Path,
    holder: subprocess.Popen[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "kaarten.docx"
    args = [
        "export",
        str(workshop_path),
        "--format",
        "cards",
        "-o",
        str(out),
        "--base-url",
        "http://10.0.0.5:8377",
    ]
    assert main(args) == 0 and out.stat().st_size > 0
    assert "not kept in the workshop" in capsys.readouterr().err
    assert _workshop(workshop_path).cards_url == ""


def test_a_file_system_without_locks_still_opens_the_workshop(
    workshop_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some network shares have no file locks: the workshop opens (unlocked) rather than
    being refused as if the folder were read-only."""
    import errno
    import fcntl

    def no_locks(_fd: int, _op: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    held = workshop_lock.take(workshop_path)
    try:
        assert held.held
    finally:
        held.unlock()

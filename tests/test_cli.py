"""The command line as a script would use it: new, serve (join URLs, one per line), export."""

from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from facilitator.cli import main
from facilitator.store import Store
from tests.http_client import call


def test_new_creates_a_workshop_from_the_template(tmp_path: Path,
                                                  capsys: object) -> None:
    target = tmp_path / "dag.workshop"
    assert main(["new", str(target), "--template", "organisatienetwerk"]) == 0
    store = Store.open(target, readonly=True)
    assert len(store.groups()) == 8 and len(store.rounds()) == 4
    assert main(["new", str(target)]) == 2  # never overwrites a workshop


def test_export_writes_every_format(workshop_path: Path, tmp_path: Path) -> None:
    report = tmp_path / "verslag.docx"
    assert main(["export", str(workshop_path), "-o", str(report)]) == 0
    document = docx.Document(str(report))
    title = Store.open(workshop_path, readonly=True).workshop().title
    assert any(title in p.text for p in document.paragraphs)
    for fmt in ("csv", "json", "cards"):
        out = tmp_path / f"export.{fmt}"
        args = ["export", str(workshop_path), "--format", fmt, "-o", str(out),
                "--base-url", "http://192.168.1.20:8321"]
        assert main(args) == 0
        assert out.stat().st_size > 0
    assert json.loads((tmp_path / "export.json").read_text("utf-8"))["workshop"]["title"] == title
    rows = list(csv.reader(io.StringIO((tmp_path / "export.csv").read_text("utf-8-sig")),
                           delimiter=";"))
    assert len(rows) == 1  # header only: no notes yet


def test_export_of_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    assert main(["export", str(tmp_path / "nope.workshop"), "-o", str(tmp_path / "x")]) == 2
    damaged = tmp_path / "kapot.workshop"
    damaged.write_bytes(b"\x00" * 5000)
    assert main(["export", str(damaged), "-o", str(tmp_path / "x")]) == 2


def test_cards_without_base_url_use_this_laptop(workshop_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "kaarten.docx"
    assert main(["export", str(workshop_path), "--format", "cards", "-o", str(out)]) == 0
    assert out.stat().st_size > 0


def test_serve_prints_join_urls_and_accepts_notes(workshop_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "facilitator.cli", "serve", str(workshop_path), "--port", "0",
         "--host", "127.0.0.1", "--address", "127.0.0.1", "--round", "2", "--phase",
         "collect"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None
        urls = [proc.stdout.readline().strip() for _ in range(8)]
        codes = [g.code for g in Store.open(workshop_path, readonly=True).groups()]
        assert [u.rsplit("/", 1)[-1] for u in urls] == codes
        base = urls[0].rsplit("/j/", 1)[0]
        status, joined = call(base, "POST", "/api/join", {"code": codes[0]})
        assert status == 201
        status, note = call(base, "POST", "/api/notes",
                            {"client_note_id": "cli-note-01", "text": "via de server"},
                            token=joined["token"])
        assert status == 201
        assert note["note"]["round_id"] == Store.open(workshop_path, readonly=True).rounds()[1].id
    finally:
        proc.send_signal(signal.SIGTERM)
        _, errors = proc.communicate(timeout=10)  # also closes the pipes
    assert proc.returncode == 0, errors


def test_window_options_reach_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    import facilitator.app

    opened: list[list[str]] = []
    monkeypatch.setattr(facilitator.app, "main", lambda argv: opened.append(argv) or 0)
    assert main(["--port", "9000"]) == 0
    assert main(["dag.workshop", "--port", "0"]) == 0
    assert opened == [["--port", "9000"], ["dag.workshop", "--port", "0"]]


_REENTRANT_SIGNAL = """
import os, signal, sys, threading
from facilitator import cli

class SignalDuringSet(threading.Event):
    # A second signal arrives while the first handler is inside Event.set, holding its
    # lock: the race that left `serve` on a futex, made certain here.
    def set(self):
        with self._cond:
            handler = signal.getsignal(signal.SIGTERM)
            if callable(handler):
                handler(signal.SIGTERM, None)
        super().set()

threading.Event = SignalDuringSet
threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGTERM)).start()
cli._wait_for_signal()
print("stopped", flush=True)
"""


def test_serve_stops_on_a_signal_that_arrives_during_the_handler() -> None:
    """serve's wait for SIGTERM/SIGINT takes no lock in a signal handler, so a second
    signal during the first cannot deadlock it."""
    proc = subprocess.run([sys.executable, "-c", _REENTRANT_SIGNAL], capture_output=True,
                          text=True, timeout=30, check=False)
    assert proc.stdout.strip() == "stopped", proc.stderr


def test_serve_stops_on_sigint_too(workshop_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "facilitator.cli", "serve", str(workshop_path), "--port", "0",
         "--host", "127.0.0.1", "--address", "127.0.0.1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None
        for _ in range(8):  # the join URLs: the server is up and waiting for a signal
            proc.stdout.readline()
        proc.send_signal(signal.SIGINT)
        _, errors = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, errors

"""A tired facilitator's session safety, driven as a person does: one workshop in one
window (a lock beside the file, stale after a crash), a question before quitting while
the room works (Ctrl+Q and the close button alike), and `facilitator` without a file
reopening the workshop of the day rather than the demo (File > Recent, File > Demo)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator import app as app_module
from facilitator import templates
from facilitator.domain.model import Phase
from facilitator.ui import recent

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise"
)

_HOLD = """
import sys, time
from facilitator.app import lock_workshop
from pathlib import Path
lock = lock_workshop(Path(sys.argv[1]))
print("locked", flush=True)
time.sleep(600)
"""


@pytest.fixture
def host(qtbot):
    running = app_module.Host(host="127.0.0.1", port=0)
    yield running
    running.close()


@pytest.fixture
def other_process(workshop_path: Path):
    """Another program (a second `facilitator FILE`) holding the workshop."""
    child = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(workshop_path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "locked"
    yield child
    if child.poll() is None:
        child.kill()
    child.wait()
    child.stdout.close()


def _shown(qtbot, session: app_module.Session) -> None:
    session.window.resize(1366, 768)
    session.window.show()
    qtbot.waitExposed(session.window)
    session.window.activateWindow()  # window keys (Ctrl+Q) reach the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is session.window, timeout=5000)


# -- one workshop, one window -------------------------------------------------------------


def test_a_workshop_open_in_another_process_is_refused_in_plain_words(
    qtbot, host, workshop_path, other_process
) -> None:
    with pytest.raises(app_module.WorkshopInUse) as refused:
        host.open(workshop_path)
    said = str(refused.value)
    assert workshop_path.name in said and "al geopend in een ander venster" in said
    assert str(other_process.pid) in said
    assert host.session is None  # no engine, no server, no window on the file


def test_a_live_lock_does_not_go_stale_with_age(qtbot, host, workshop_path, other_process) -> None:
    """QLockFile's default calls a lock older than 30 s stale: a second window would
    then open on a workshop that has been running all morning."""
    lock = app_module.lock_path(workshop_path)
    an_hour_ago = time.time() - 3600
    os.utime(lock, (an_hour_ago, an_hour_ago))
    with pytest.raises(app_module.WorkshopInUse):
        host.open(workshop_path)


def test_the_lock_of_a_crashed_window_is_taken_over(
    qtbot, host, workshop_path, other_process
) -> None:
    other_process.send_signal(signal.SIGKILL)  # the laptop's app crashed
    other_process.wait()
    assert app_module.lock_path(workshop_path).exists()  # left behind by the crash
    session = host.open(workshop_path)
    assert session.engine.path == workshop_path


def test_two_opens_in_one_process_make_one_window(qtbot, host, workshop_path) -> None:
    first = host.open(workshop_path)
    _shown(qtbot, first)
    second_host = app_module.Host(host="127.0.0.1", port=0)
    with pytest.raises(app_module.WorkshopInUse):
        second_host.open(workshop_path)  # a second Host (another window) is refused
    assert second_host.session is None

    first.window.preparer.open_workshop(workshop_path)  # File > Openen… on the same file
    assert host.session is first  # brought forward, not reopened
    assert first.window.isVisible()
    assert "al open in dit venster" in first.window.statusBar().currentMessage()


def test_opening_a_file_held_elsewhere_keeps_the_running_workshop(
    qtbot, host, tmp_path, other_process, workshop_path
) -> None:
    mine = tmp_path / "mijn.workshop"
    templates.create(mine)
    session = host.open(mine)
    _shown(qtbot, session)
    assert not session.window.preparer.open_workshop(workshop_path)
    assert host.session is session and session.engine.path == mine  # untouched
    message = session.window.preparer.last_message
    assert message is not None and "al geopend in een ander venster" in message.text()
    assert message.textFormat() == Qt.TextFormat.PlainText


def test_closing_frees_the_workshop_for_the_next_window(qtbot, host, workshop_path) -> None:
    host.open(workshop_path)
    host.close()
    again = app_module.Host(host="127.0.0.1", port=0)
    try:
        assert again.open(workshop_path).engine.path == workshop_path
    finally:
        again.close()


# -- quitting asks while the room works ---------------------------------------------------


def _quit_by_keys(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


def test_quitting_with_nothing_running_asks_nothing(qtbot, host, workshop_path) -> None:
    window = host.open(workshop_path).window
    _shown(qtbot, host.session)
    _quit_by_keys(qtbot, window)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert window.quit_guard.box is None


def test_quitting_while_a_round_runs_and_phones_are_connected_asks_and_can_stay(
    qtbot, host, workshop_path
) -> None:
    from tests.test_server_support import Sse, join

    session = host.open(workshop_path)
    _shown(qtbot, session)
    window = session.window
    round_id = window.current_round_id()
    window.request_phase(round_id, Phase.COLLECT)
    qtbot.waitUntil(lambda: "ronde 1 loopt" in window.quit_guard.reason(), timeout=5000)
    assert session.server is not None
    group = window.state.groups[0]
    streams = [Sse(session.server.port, join(session.server.port, group.code)) for _ in range(2)]
    try:
        qtbot.waitUntil(lambda: session.server.connected_count() == 2, timeout=5000)

        _quit_by_keys(qtbot, window)  # Ctrl+Q
        box = window.quit_guard.box
        assert box is not None
        qtbot.waitUntil(box.isVisible, timeout=5000)
        text = box.text()
        assert "2 telefoons zijn verbonden" in text and "ronde 1 loopt" in text
        assert "blijft op hun telefoon bewaard" in text
        assert box.defaultButton() is window.quit_guard.stay_button
        qtbot.keyClick(box, Qt.Key.Key_Escape)  # stay
        qtbot.waitUntil(lambda: not box.isVisible(), timeout=5000)
        assert window.isVisible()

        window.close()  # the window's close button: the same question
        box = window.quit_guard.box
        assert box is not None and box.isVisible()
        qtbot.mouseClick(window.quit_guard.stay_button, Qt.MouseButton.LeftButton)
        assert window.isVisible()

        _quit_by_keys(qtbot, window)
        box = window.quit_guard.box
        assert box is not None and box.isVisible()
        qtbot.mouseClick(window.quit_guard.quit_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    finally:
        for stream in streams:
            stream.close()


def test_a_closed_round_without_phones_lets_the_window_close(qtbot, host, workshop_path) -> None:
    session = host.open(workshop_path)
    _shown(qtbot, session)
    window = session.window
    round_id = window.current_round_id()
    window.request_phase(round_id, Phase.COLLECT)
    qtbot.waitUntil(lambda: window.quit_guard.reason() == "ronde 1 loopt", timeout=5000)
    window.request_phase(round_id, Phase.CLOSED)
    qtbot.waitUntil(lambda: window.quit_guard.reason() == "", timeout=5000)
    window.close()
    assert not window.isVisible()


# -- reopening the workshop of the day ----------------------------------------------------


def test_the_first_start_opens_the_demo_and_says_so(qtbot, host) -> None:
    path = app_module.workshop_to_open()
    assert recent.is_demo(path)
    session = host.open(path)
    assert session.window.windowTitle().endswith("(demo)")


def test_a_start_without_a_file_reopens_the_last_workshop(qtbot, host, tmp_path) -> None:
    day = tmp_path / "directeurendag.workshop"
    templates.create(day)
    host.open(app_module.workshop_to_open())  # first start: the demo
    session = host.open(day)  # File > Openen…
    assert "(demo)" not in session.window.windowTitle()
    host.close()

    assert app_module.workshop_to_open() == day.resolve()  # the next `facilitator`
    assert recent.recent_files()[:2] == [day.resolve(), recent.demo_path().resolve()]


def test_file_recent_and_file_demo_switch_workshops(qtbot, host, tmp_path) -> None:
    day = tmp_path / "directeurendag.workshop"
    templates.create(day)
    host.open(app_module.workshop_to_open())
    session = host.open(day)
    _shown(qtbot, session)
    menu = session.window.recent_menu
    menu.rebuild()
    labels = [a.text() for a in menu.actions()]
    assert labels == ["&1 demo.workshop"]  # the open file is not offered again
    menu.actions()[0].trigger()
    assert recent.is_demo(host.session.engine.path)
    assert host.session.window.windowTitle().endswith("(demo)")

    host.session.window.recent_menu.actions()[0].trigger()  # back to the day
    assert host.session.engine.path == day.resolve()
    host.session.window.demo_action.trigger()
    assert recent.is_demo(host.session.engine.path)


def test_a_moved_workshop_drops_out_of_recent(qtbot, tmp_path) -> None:
    gone = tmp_path / "weg.workshop"
    templates.create(gone)
    recent.remember(gone)
    gone.unlink()
    assert recent.recent_files() == []
    assert recent.is_demo(app_module.workshop_to_open())

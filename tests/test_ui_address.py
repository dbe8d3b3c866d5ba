"""A stable address for the day, in the window as the facilitator meets it: the server
starts on the workshop's own port; a port taken by another program is said in a banner
(not only a log line); the editor shows and changes the port; the join panel and the
table-card export warn when the cards on the tables show another address than phones
use now; and a window is refused while `facilitator serve` holds the file."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from facilitator import app as app_module
from facilitator.engine import Engine
from facilitator.engine.commands import RecordCards, SetPort
from facilitator.store import Store
from tests.test_address import keep_taken_port, serve_in_background, stop_serve

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
WAIT = 5000


def _set(path: Path, *commands: object) -> None:
    with Engine(path) as engine:
        for command in commands:
            engine.execute(command)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("0.0.0.0", 0))  # free on every interface, as the server binds
        return int(probe.getsockname()[1])


def _stored_port(path: Path) -> int | None:
    store = Store.open(path, readonly=True)
    try:
        return store.workshop().port
    finally:
        store.close()


@pytest.fixture
def own_port_taken(workshop_path: Path, occupied: socket.socket) -> int:
    """The workshop keeps a port; by the day another program listens there."""
    return keep_taken_port(workshop_path, occupied)


@pytest.fixture
def opened(qtbot, workshop_path: Path):  # type: ignore[no-untyped-def]
    """Open the workshop as `facilitator FILE` does (no --port: its own port)."""
    sessions: list[app_module.Session] = []

    def open_it(port: int | None = None) -> app_module.Session:
        session = app_module.build(workshop_path, host="127.0.0.1", port=port)
        sessions.append(session)
        session.window.resize(1366, 768)
        session.window.show()
        qtbot.waitExposed(session.window)
        return session

    yield open_it
    for session in sessions:
        session.close()


# -- the port at start --------------------------------------------------------------------


def test_the_server_starts_on_the_workshops_own_port(opened, workshop_path: Path) -> None:
    port = _free_port()
    _set(workshop_path, SetPort(port))
    session = opened()
    assert session.server is not None and session.server.port == port
    assert session.window.join_panel.join_url().startswith("http://")
    assert f":{port}/j/" in session.window.join_panel.join_url()
    assert session.window.address_banner.isHidden()  # nothing to say


def test_port_on_the_command_line_wins(opened, workshop_path: Path) -> None:
    own, asked = _free_port(), _free_port()
    _set(workshop_path, SetPort(own))
    session = opened(port=asked)
    assert session.server is not None and session.server.port == asked
    assert _stored_port(workshop_path) == own  # the workshop keeps its own


def test_a_taken_port_is_said_in_the_window(
    opened, workshop_path: Path, own_port_taken: int
) -> None:
    taken = own_port_taken
    session = opened()
    window = session.window
    assert session.server is not None
    served = session.server.port
    assert served != taken  # phones can still join, on another port
    banner = window.address_banner
    assert banner.isVisible()
    said = banner.label.text()
    assert f"Poort {taken} van deze werkplaats is bezet" in said
    assert f"nu op poort {served}" in said
    assert "gedrukte tafelkaarten tonen nog poort" in said
    assert banner.label.textFormat() == Qt.TextFormat.PlainText
    assert _stored_port(workshop_path) == taken  # kept: free it and reopen
    banner.close_button.click()
    assert banner.isHidden()


# -- the editor ---------------------------------------------------------------------------


def _editor(qtbot, window):  # type: ignore[no-untyped-def]
    window.preparer.edit_action.trigger()
    editor = window.preparer.editor
    qtbot.waitExposed(editor)
    return editor


def test_the_editor_shows_and_changes_the_port(qtbot, opened, workshop_path: Path) -> None:
    session = opened()
    editor = _editor(qtbot, session.window)
    tab = editor.event_tab
    spin = tab.port_spin
    assert spin.value() == session.state.workshop.port
    assert "tafelkaarten" in tab.port_hint.text()
    new = _free_port()
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, str(new))
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: session.state.workshop.port == new, timeout=WAIT)
    assert _stored_port(workshop_path) == new
    assert tab.port_error.isHidden()


def test_the_editor_refuses_a_port_another_program_listens_on(
    qtbot, opened, workshop_path: Path, occupied: socket.socket
) -> None:
    session = opened()
    before = session.state.workshop.port
    editor = _editor(qtbot, session.window)
    tab = editor.event_tab
    taken = occupied.getsockname()[1]
    tab.port_spin.setFocus()
    tab.port_spin.selectAll()
    qtbot.keyClicks(tab.port_spin, str(taken))
    qtbot.keyClick(tab.port_spin, Qt.Key.Key_Return)
    qtbot.waitUntil(tab.port_error.isVisible, timeout=WAIT)  # the engine's refusal
    assert f"Poort {taken} is nu in gebruik door een ander programma" in tab.port_error.text()
    assert session.window.statusBar().currentMessage() == (
        "De poort kon niet worden gewijzigd: een ander programma gebruikt die poort nu."
    )
    assert tab.port_spin.value() == before  # shown as stored again
    assert _stored_port(workshop_path) == before


# -- the join panel and the cards ---------------------------------------------------------


def test_the_join_panel_warns_when_the_cards_show_another_address(qtbot, opened) -> None:
    session = opened()
    window = session.window
    panel, banner = window.join_panel, window.address_banner
    now = panel.base_url()
    assert now and panel.cards_label.isHidden()  # no cards printed yet: nothing to say
    assert banner.isHidden()
    host, port = now.removeprefix("http://").rsplit(":", 1)
    printed = f"http://{host}:{int(port) + 1}"
    session.bridge.submit(RecordCards(printed))
    qtbot.waitUntil(panel.cards_label.isVisible, timeout=WAIT)
    # One line beside the QR code, the whole sentence above the wall.
    assert panel.cards_label.text() == f"Let op, de kaarten tonen {host}:{int(port) + 1}"
    assert panel.cards_label.textFormat() == Qt.TextFormat.PlainText
    said = banner.text()
    assert banner.isVisible() and said == panel.cards_label.toolTip()
    assert said.startswith(f"De kaarten tonen een ander adres: {printed}.")
    assert f"nu op {now}." in said and "Druk de tafelkaarten opnieuw af" in said

    session.bridge.submit(RecordCards("http://10.99.0.1:" + port))  # another network
    qtbot.waitUntil(lambda: "10.99.0.1" in banner.text(), timeout=WAIT)
    assert "Kies bij Netwerk het adres van de kaarten" in banner.text()

    session.bridge.submit(RecordCards(now))  # cards printed again: all is well
    qtbot.waitUntil(panel.cards_label.isHidden, timeout=WAIT)
    assert banner.isHidden()


def test_printing_cards_records_their_address_and_warns_at_the_next(
    qtbot, opened, tmp_path: Path
) -> None:
    session = opened()
    window = session.window
    window.export_action.trigger()
    dialog = window.preparer.export_dialog
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("cards"))
    url = dialog.url_edit.text()
    assert url == window.join_panel.base_url() and dialog.url_warning.isHidden()
    dialog.path_edit.setText(str(tmp_path / "kaarten"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.state.workshop.cards_url == url, timeout=60_000)
    assert session.state.workshop.cards_printed_at is not None
    assert window.join_panel.cards_label.isHidden()  # the cards show what is served

    dialog.url_edit.setText("http://10.99.0.1:9999")  # the next cards would differ
    assert dialog.url_warning.isVisible()
    said = dialog.url_warning.text()
    assert said.startswith("De kaarten tonen een ander adres:")
    assert url in said and "http://10.99.0.1:9999" in said
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("docx"))
    assert dialog.url_warning.isHidden()  # a report carries no address


# -- never a window and a serve on one file -----------------------------------------------


def test_a_window_is_refused_while_serve_holds_the_workshop(qtbot, workshop_path: Path) -> None:
    serve = serve_in_background(workshop_path, "--port", "0")
    host = app_module.Host(host="127.0.0.1", port=0)
    try:
        assert serve.stdout is not None
        assert "/j/" in serve.stdout.readline()  # serving
        with pytest.raises(app_module.WorkshopInUse) as refused:
            host.open(workshop_path)
        said = str(refused.value)
        assert "al geopend door 'facilitator serve'" in said and str(serve.pid) in said
        assert host.session is None
    finally:
        errors = stop_serve(serve)
    assert serve.returncode == 0, errors
    session = host.open(workshop_path)  # serve stopped: the window may have it now
    try:
        assert session.engine.path == workshop_path
    finally:
        host.close()

"""The projector speaks the workshop's language, whatever the laptop's interface
language is: an English interface with a Dutch workshop shows the room Dutch, a Dutch
interface with an English workshop shows it English, and a change of the workshop's
language reaches the projector at once. Offscreen, real engine and participant server."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from facilitator import app as app_module
from facilitator.domain.model import Phase
from facilitator.engine import SetActiveRound, SetPhase, UpdateWorkshop
from facilitator.ui import i18n

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise"
)  # offscreen platform


@pytest.fixture
def build(qtbot, qapp, workshop_path: Path):
    """Builds the app after installing the interface language the test names."""
    running = []

    def start(interface: str):
        i18n.install_translator(qapp, interface)
        session = app_module.build(workshop_path, host="127.0.0.1", port=0)
        running.append(session)
        projector = session.window.run_features.open_projector()
        qtbot.waitExposed(projector)
        projector.resize(1280, 720)
        return session, projector

    yield start
    for session in running:
        session.close()
    i18n.remove_translators(qapp)


def _set_language(session, language: str) -> None:
    w = session.state.workshop
    session.engine.execute(UpdateWorkshop(w.title, w.date, w.place, w.organisers, language))


def _texts(projector) -> list[str]:
    projector.grab()
    return projector.current_view().shown_texts()


def test_english_interface_dutch_workshop_shows_the_room_dutch(qtbot, build) -> None:
    session, projector = build("en")
    assert session.state.workshop.language == "nl"
    menus = [a.text() for a in session.window.menuBar().actions()]
    assert "&File" in menus  # the laptop is English ...
    assert projector.current_view_name() == "join"
    texts = _texts(projector)
    assert "Doe mee met je telefoon" in texts  # ... the room reads Dutch
    assert "Tafelcodes" in texts
    assert "Join with your phone" not in texts

    round_id = session.window.current_round_id()
    session.engine.execute(SetActiveRound(round_id))
    session.engine.execute(SetPhase(round_id, Phase.COLLECT))
    qtbot.waitUntil(lambda: projector.current_view_name() == "question", timeout=5000)
    question = projector.views["question"]
    assert "briefjes in de hele zaal" in question.counts.text()
    assert "ronde 1" in question.header.text()
    assert "Alle tafels" in question.header.text()

    _set_language(session, "en")  # the organisers switch the workshop to English
    qtbot.waitUntil(lambda: "notes in the whole room" in question.counts.text(), timeout=5000)
    assert "All tables" in question.header.text()


def test_dutch_interface_english_workshop_shows_the_room_english(qtbot, build) -> None:
    session, projector = build("nl")
    _set_language(session, "en")
    qtbot.waitUntil(lambda: "Join with your phone" in _texts(projector), timeout=5000)
    menus = [a.text() for a in session.window.menuBar().actions()]
    assert "&Bestand" in menus  # the laptop stays Dutch
    texts = _texts(projector)
    assert "Doe mee met je telefoon" not in texts
    assert "Table codes" in texts

    round_id = session.window.current_round_id()
    session.engine.execute(SetActiveRound(round_id))
    session.engine.execute(SetPhase(round_id, Phase.GROUP))
    table = session.state.groups[0]
    projector.set_table(table.id)
    qtbot.waitUntil(lambda: projector.current_view_name() == "wall", timeout=5000)
    assert "No notes yet" in _texts(projector)
    assert QApplication.translate("WallView", "Nog geen briefjes") == "Nog geen briefjes"

    session.engine.execute(SetPhase(round_id, Phase.VOTE))  # a string of a base class too
    qtbot.waitUntil(lambda: projector.current_view_name() == "results", timeout=5000)
    assert any(t.startswith("Voting time ") for t in _texts(projector))

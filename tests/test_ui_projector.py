"""The projector window driven as a facilitator would: it follows the selected table's
phase, takes manual choices from keys and the menu, shows a QR code a phone reads, keeps a
silent round silent, and compares the tables' top three. Offscreen, real engine and
participant server."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel

from facilitator import app as app_module
from facilitator.domain.model import Phase, Visibility
from facilitator.engine import (
    AddNote,
    CastVotes,
    CreateCluster,
    Join,
    SetActiveRound,
    SetNoteHidden,
    SetPhase,
    StartTimer,
    UpdateGroup,
    UpdateRound,
)
from facilitator.store.specs import RoundSpec
from facilitator.ui.qr import qr_matrix

ZBARIMG = shutil.which("zbarimg") or "/usr/bin/zbarimg"

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise"
)  # offscreen platform


@pytest.fixture
def session(qtbot, workshop_path: Path):
    running = app_module.build(workshop_path, host="127.0.0.1", port=0)
    window = running.window
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    yield running
    running.close()


@pytest.fixture
def projector(qtbot, session):
    features = session.window.run_features
    qtbot.keyClick(session.window, Qt.Key.Key_F5)  # one screen: a normal window
    shown = features.projector
    qtbot.waitExposed(shown)
    shown.resize(1920, 1080)
    return shown


def _painted(projector) -> list[str]:
    projector.grab()  # paints the current view, which records what it drew
    return projector.current_view().shown_texts()


def test_f5_opens_it_on_the_room_and_it_follows_the_rooms_phase(qtbot, session, projector):
    window = session.window
    assert projector.isVisible() and not projector.isFullScreen()
    assert projector.table() is None  # the whole room until a table is chosen
    window.groups.select_group(session.state.groups[2].id)
    assert projector.table() is None  # the laptop's selection is not the room's
    assert projector.current_view_name() == "join"
    expected = {
        Phase.COLLECT: "question",
        Phase.GROUP: "themes",
        Phase.VOTE: "plenary",
        Phase.CLOSED: "plenary",
        Phase.PREPARE: "join",
    }
    for phase, view in expected.items():
        qtbot.mouseClick(window.round_bar.phase_button(phase), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda v=view: projector.current_view_name() == v, timeout=5000)
        assert projector.stack.currentWidget() is projector.views[view]


def test_the_projector_keeps_its_table_whatever_the_laptop_selects(qtbot, session, projector):
    window, engine, features = session.window, session.engine, session.window.run_features
    round_id = window.current_round_id()
    engine.execute(SetActiveRound(round_id))
    two, three = session.state.groups[1], session.state.groups[2]
    engine.execute(AddNote(two.id, "Idee van tafel twee", round_id=round_id))
    engine.execute(AddNote(three.id, "Idee van tafel drie", round_id=round_id))
    features.projector_menu.aboutToShow.emit()
    features.table_menu.aboutToShow.emit()  # Projector > Tafel op de projector > Tafel 2
    labels = [a.text() for a in features.table_menu.actions()]
    assert labels[0] == "Hele zaal" and two.name in labels and three.name in labels
    features.table_actions[two.id].trigger()
    assert projector.table() == two.id
    assert features.projector_button.text() == f"Projector: {two.name}"

    window.groups.select_group(three.id)  # the laptop moves on to table 3
    session.engine.execute(SetPhase(round_id, Phase.GROUP, (two.id,)))
    qtbot.waitUntil(lambda: projector.current_view_name() == "wall", timeout=5000)
    assert window.current_group_id() == three.id
    assert projector.table() == two.id
    texts = _painted(projector)
    assert "Idee van tafel twee" in texts and "Idee van tafel drie" not in texts
    assert any(two.name in t for t in texts) and not any(three.name in t for t in texts)
    features.table_menu.aboutToShow.emit()
    assert features.table_actions[two.id].isChecked()

    # Choosing a table's view by hand pins the table the laptop shows at that moment.
    qtbot.keyClick(projector, Qt.Key.Key_3)
    assert projector.table() == three.id
    assert features.projector_button.text() == f"Projector: {three.name}"
    window.groups.select_group(two.id)
    assert projector.table() == three.id
    assert "Idee van tafel drie" in _painted(projector)
    features.table_actions[None].trigger()  # back to the whole room
    assert projector.table() is None


def test_join_view_is_event_wide_with_every_tables_code(qtbot, session, projector):
    window = session.window
    window.groups.select_group(session.state.groups[1].id)
    projector.set_mode("join")
    texts = projector.views["join"].shown_texts()
    for group in session.state.groups:
        assert group.name in texts and group.code in texts
    assert "Tafelcodes" in texts
    assert projector.views["join"].url.text() in texts


def test_keys_and_menu_override_and_automatic_comes_back(qtbot, session, projector):
    window = session.window
    features = window.run_features
    for key, view in (
        (Qt.Key.Key_1, "join"),
        (Qt.Key.Key_2, "question"),
        (Qt.Key.Key_3, "wall"),
        (Qt.Key.Key_4, "results"),
        (Qt.Key.Key_5, "plenary"),
    ):
        qtbot.keyClick(projector, key)
        assert projector.current_view_name() == view
        assert projector.mode() == view
        assert features.mode_actions[view].isChecked()
    session.engine.execute(SetPhase(window.current_round_id(), Phase.COLLECT))
    qtbot.wait(100)
    assert projector.current_view_name() == "plenary"  # a manual choice holds
    qtbot.keyClick(projector, Qt.Key.Key_0)
    assert projector.mode() == "auto"
    qtbot.waitUntil(lambda: projector.current_view_name() == "question", timeout=5000)
    features.mode_actions["wall"].trigger()  # Beeld > Projector > Wand
    assert projector.current_view_name() == "wall"
    qtbot.keyClick(window, Qt.Key.Key_0)  # the laptop's keys reach it too
    assert projector.mode() == "auto"

    projector.showFullScreen()
    qtbot.waitUntil(projector.isFullScreen, timeout=5000)
    qtbot.keyClick(projector, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not projector.isFullScreen(), timeout=5000)
    assert projector.isVisible()
    qtbot.keyClick(projector, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not projector.isVisible(), timeout=5000)


def test_screen_menu_lists_the_screens_and_remembers_the_choice(session):
    features = session.window.run_features
    features.rebuild_screen_menu()
    screens = QGuiApplication.screens()
    actions = features.screen_menu.actions()
    assert [a.data() for a in actions] == [s.name() for s in screens]
    assert all(
        f"{s.geometry().width()}×{s.geometry().height()}" in a.text()
        for a, s in zip(actions, screens, strict=True)
    )
    assert sum(a.isChecked() for a in actions) == 1
    actions[-1].trigger()
    assert QSettings().value("projector/screen") == screens[-1].name()
    assert features.chosen_screen() is screens[-1]


def test_join_view_qr_reads_as_the_event_url_and_fills_a_third_of_the_height(
    qtbot, session, projector, tmp_path: Path
):
    projector.set_mode("join")
    qtbot.waitUntil(lambda: projector.height() == 1080, timeout=5000)
    view = projector.views["join"]
    url = session.server.event_url(session.window.join_panel.address())
    assert view.qr.data() == url
    png = tmp_path / "projector-join.png"
    assert projector.grab().save(str(png))
    decoded = subprocess.run(
        [ZBARIMG, "--raw", "-q", str(png)], capture_output=True, text=True, timeout=30
    )
    assert decoded.returncode == 0, decoded.stderr
    assert decoded.stdout.strip() == url
    modules = len(qr_matrix(url))
    drawn = min(view.qr.width(), view.qr.height()) // modules * modules  # as paint_qr does
    assert drawn >= projector.height() / 3
    address = url.removeprefix("http://").rstrip("/")
    assert view.url.text() == address
    labels = [label.textFormat() for label in projector.findChildren(QLabel)]
    assert labels and all(f == Qt.TextFormat.PlainText for f in labels)


def test_a_silent_round_shows_only_a_count(qtbot, session, projector):
    window, engine = session.window, session.engine
    round_ = session.state.round(window.current_round_id())
    engine.execute(
        UpdateRound(
            round_.id,
            RoundSpec(
                question=round_.question,
                method=round_.method,
                duration_s=round_.duration_s,
                visibility=Visibility.HIDDEN,
                dot_budget=round_.dot_budget,
            ),
        )
    )
    engine.execute(SetActiveRound(round_.id))
    engine.execute(SetPhase(round_.id, Phase.COLLECT))
    table = session.state.groups[0]
    projector.set_table(table.id)
    secrets = [f"GEHEIM idee {i}" for i in range(3)]
    for text in secrets:
        engine.execute(AddNote(table.id, text, round_id=round_.id))
    engine.execute(AddNote(session.state.groups[1].id, "GEHEIM elders", round_id=round_.id))
    qtbot.waitUntil(
        lambda: "3 briefjes aan deze tafel" in projector.views["question"].counts.text(),
        timeout=5000,
    )
    assert projector.current_view_name() == "question"
    texts = _painted(projector)
    assert "4 in de hele zaal" in " ".join(texts)
    assert "stil schrijven" in " ".join(texts)
    everything = [label.text() for label in projector.findChildren(QLabel)] + texts
    assert not [t for t in everything if "GEHEIM" in t]


def test_wall_shows_the_tables_notes_by_cluster_but_never_a_hidden_one(qtbot, session, projector):
    engine, round_id = session.engine, session.window.current_round_id()
    table, other = session.state.groups[:2]
    engine.execute(SetActiveRound(round_id))
    projector.set_table(table.id)
    notes = [
        engine.execute(AddNote(table.id, t, round_id=round_id)).note
        for t in ("<b>Jeugd</b> eerst", "Taalhuis", "ongepast")
    ]
    engine.execute(AddNote(other.id, "andere tafel", round_id=round_id))
    engine.execute(SetNoteHidden(notes[2].id, True))
    engine.execute(CreateCluster(table.id, round_id, "Basis", (notes[1].id,)))
    engine.execute(SetPhase(round_id, Phase.GROUP))
    qtbot.waitUntil(lambda: projector.current_view_name() == "wall", timeout=5000)
    qtbot.waitUntil(lambda: len(session.state.clusters_of(table.id, round_id)) == 1, timeout=5000)
    texts = _painted(projector)
    assert "<b>Jeugd</b> eerst" in texts and "Taalhuis" in texts and "Basis (1)" in texts
    assert "ongepast" not in texts and "andere tafel" not in texts


def _vote(
    engine, round_id: int, group_id: int, ballots: list[tuple[int, ...]], clusters: list[int]
) -> None:
    for ballot in ballots:
        participant = engine.execute(Join(group_id))
        engine.execute(CastVotes(participant.id, tuple((f"c{clusters[i]}", 1) for i in ballot)))


def test_results_flag_ties_and_plenary_shows_each_tables_top_three(qtbot, session, projector):
    engine, window = session.engine, session.window
    round_id = window.current_round_id()
    first, second = session.state.groups[:2]
    engine.execute(SetActiveRound(round_id))
    names = {
        first.id: ["Jeugd", "Basisvaardigheden", "Data", "Huisvesting"],
        second.id: ["Campagne", "Wetgeving"],
    }
    ids = {
        g: [engine.execute(CreateCluster(g, round_id, n)).id for n in ns] for g, ns in names.items()
    }
    engine.execute(SetPhase(round_id, Phase.VOTE))
    _vote(engine, round_id, first.id, [(0, 1, 2), (0, 1), (0,)], ids[first.id])
    _vote(engine, round_id, second.id, [(0,), (1,)], ids[second.id])
    qtbot.waitUntil(lambda: session.state.dot_count(second.id, round_id) == 2, timeout=5000)

    projector.set_table(second.id)
    qtbot.waitUntil(lambda: projector.current_view_name() == "results", timeout=5000)
    texts = _painted(projector)
    assert texts.count("gelijk") == 2
    assert "2 van 2 deelnemers stemden · 2 stippen" in texts

    qtbot.keyClick(projector, Qt.Key.Key_5)
    texts = _painted(projector)
    assert "1.\u00a0Jeugd" in texts and "2.\u00a0Basisvaardigheden" in texts
    assert "3.\u00a0Data" in texts and not any("Huisvesting" in t for t in texts)
    assert "1.\u00a0Campagne" in texts and "1.\u00a0Wetgeving" in texts
    assert [t for t in texts if t in ("3", "2", "1")][:3] == ["3", "2", "1"]
    assert any(t.startswith("Nog geen stemmen: Tafel 3") for t in texts)


def test_results_and_plenary_show_the_vote_time_while_voting(qtbot, session, projector):
    engine, round_id = session.engine, session.window.current_round_id()
    engine.execute(SetActiveRound(round_id))
    projector.set_table(session.state.groups[0].id)
    engine.execute(SetPhase(round_id, Phase.COLLECT))
    engine.execute(StartTimer(round_id))  # the collect timer is not the vote's
    projector.set_mode("results")
    qtbot.waitUntil(lambda: session.state.round(round_id).timer_ends_at is not None, timeout=5000)
    assert not [t for t in _painted(projector) if t.startswith("Stemtijd")]
    engine.execute(SetPhase(round_id, Phase.VOTE))
    qtbot.waitUntil(lambda: session.state.round(round_id).timer_phase is Phase.VOTE, timeout=5000)
    vote_s = session.state.round(round_id).vote_duration_s
    expected = f"Stemtijd {vote_s // 60:02d}:00"  # set, not started: the vote's own time
    assert expected in _painted(projector)
    qtbot.keyClick(projector, Qt.Key.Key_5)  # the plenary shows it too
    assert expected in _painted(projector)


def test_a_renamed_table_is_named_so_in_the_projector_menu_and_button(qtbot, session):
    features, engine = session.window.run_features, session.engine
    two = session.state.groups[1]
    features.projector.set_table(two.id)
    engine.execute(UpdateGroup(two.id, "Tafel Jeugd", two.colour))
    qtbot.waitUntil(
        lambda: features.projector_button.text() == "Projector: Tafel Jeugd", timeout=5000
    )
    names = [a.text() for a in features.table_menu.actions()]  # without opening the menu
    assert "Tafel Jeugd" in names and two.name not in names
    assert features.table_actions[two.id].isChecked()


def test_wall_cards_share_one_type_size_and_a_long_note_gets_a_taller_card(
    qtbot, session, projector
):
    """The laptop wall's rule on the beamer (issue 11): no card's type is smaller than
    another's; the 280-character note's card is taller instead, and every text fits its
    card. Before, a long note was drawn smaller than the rest (down to 11 px)."""
    from PySide6.QtGui import QFontMetricsF

    from facilitator.ui.projector.common import projector_font
    from tests.test_ui_wall_readable import LONG, sample_texts

    engine, round_id = session.engine, session.window.current_round_id()
    table = session.state.groups[0]
    engine.execute(SetActiveRound(round_id))
    projector.set_table(table.id)
    texts = [*sample_texts()[:14], LONG]
    for text in texts:
        engine.execute(AddNote(table.id, text, round_id=round_id))
    engine.execute(SetPhase(round_id, Phase.GROUP))
    qtbot.waitUntil(lambda: projector.current_view_name() == "wall", timeout=5000)
    view = projector.current_view()

    def painted_all() -> bool:
        projector.grab()  # paints, and records the cards drawn
        return len(view.shown_cards()) == len(texts)

    qtbot.waitUntil(painted_all, timeout=5000)
    cards = view.shown_cards()
    sizes = {px for _t, px, _r in cards}
    assert len(sizes) == 1, sizes  # one type size for every card
    px = sizes.pop()
    assert px >= 20  # still large on a 1080-line beamer
    by_text = {t: r for t, _px, r in cards}
    metrics = QFontMetricsF(projector_font(px))
    for text, rect in by_text.items():
        wrap = int(Qt.TextFlag.TextWordWrap)
        needed = metrics.boundingRect(QRectF(0, 0, rect.width(), 1e6), wrap, text)
        assert needed.height() <= rect.height() + 0.5, text[:30]
        assert rect.bottom() <= view.height() and rect.right() <= view.width()
    assert by_text[LONG].height() > 1.5 * min(r.height() for r in by_text.values())
    rects = sorted(by_text.values(), key=lambda r: (r.left(), r.top()))
    assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1 :])

"""Issue 11, "one language at a time" (the interface part): the English interface is
English all through. The main window, the workshop editor (every tab), the export
dialog, the new-workshop dialog, the keys list (F1), the About box and the network
check are built in English and every text a person can see in them (labels, buttons,
menus and their entries, tooltips, placeholders, list and table items, headers, tab and
dock titles) is searched for Dutch words. The workshop's own texts are English too, so
whatever Dutch is found is the interface's.

A walk over every widget, not a list of known strings: a Dutch string added later
without its English fails here, and so does a method shown by its Dutch name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QStatusBar,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from facilitator import app as app_module
from facilitator.engine import UpdateGroup, UpdateRound, UpdateWorkshop
from facilitator.store import RoundSpec
from facilitator.ui import i18n
from facilitator.ui.about import AboutDialog
from facilitator.ui.prepare.new_workshop import NewWorkshopDialog

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
WAIT = 5000

# Words that are Dutch and not English (no "in", "is", "of", "we", "over", "die", "map",
# "was": those are English words too). Lower case; matched as whole words.
DUTCH = frozenset(
    re.findall(
        r"\w+",
        """
de het een niet geen nog wel ook maar als dan dat dit deze wat wie waar hoe
voor naar met uit aan bij om tot onder tussen zonder tijdens na
en
je jij u uw jullie wij ze zij hij mij mijn ons onze
zijn wordt worden kan kunnen mag moet moeten wil heeft hebben
ronde rondes vraag vragen briefje briefjes stip stippen stemmen stemming groep groepen
groeperen tafel tafels werkplaats verslag bijeenkomst deelnemer deelnemers telefoon
telefoons muur zoeken opslaan openen sluiten bestand kopie afsluiten bewerken beeld
uitslag actiepunt actiepunten voorbereiden verzamelen gesloten fase toevoegen
verwijderen omhoog omlaag naam kleur plaats datum titel duur methode taal wiel
netwerk adres vernieuwen verbonden aangemeld overzicht voorstellen sneltoetsen
alle alleen elk elke eerst eigen nieuwe nieuw leeg klaar bezig gelukt opnieuw
ongedaan maken schrijf kies typ klik sleep slepen wijzigen tonen verbergen
minuten minuut seconden uur vrije allen oplossingen
""",
    )
)

# Texts that are meant to be Dutch in an English interface.
ALLOWED = {
    "Nederlands",  # each language is named in its own language (Beeld > Taal)
    "je (informal)",  # the Dutch phones' form of address, named as it is
    "u (formal)",
}


JOIN_CODE = re.compile(r"[A-Z0-9]{5}")  # domain.ids.new_join_code: letters by chance


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text.replace("&", ""))}


def _texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text this widget shows or can show on hover."""
    kind = type(widget).__name__
    name = widget.objectName() or kind
    yield f"{name}.toolTip", widget.toolTip()
    yield f"{name}.windowTitle", widget.windowTitle() if widget.isWindow() else ""
    for action in widget.actions():
        yield f"{name} action", action.text()
        yield (
            f"{name} action tip",
            action.toolTip() if action.toolTip() != action.text().replace("&", "") else "",
        )
        yield f"{name} action status", action.statusTip()
    if isinstance(widget, QLabel | QAbstractButton):
        yield name, widget.text()
    elif isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        yield f"{name}.placeholder", widget.placeholderText()
    elif isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield f"{name}[{i}]", widget.itemText(i)
    elif isinstance(widget, QMenu):
        yield f"{name}.title", widget.title()
    elif isinstance(widget, QDockWidget):
        yield f"{name}.title", widget.windowTitle()
    elif isinstance(widget, QGroupBox):
        yield f"{name}.title", widget.title()
    elif isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            yield f"{name} tab {i}", widget.tabText(i)
    elif isinstance(widget, QListWidget):
        for i in range(widget.count()):
            yield f"{name}[{i}]", widget.item(i).text()
    elif isinstance(widget, QTreeWidget):
        header = widget.headerItem()
        for c in range(widget.columnCount()):
            yield f"{name} header {c}", header.text(c)
        for i in range(widget.topLevelItemCount()):
            item = widget.topLevelItem(i)
            for c in range(widget.columnCount()):
                yield f"{name}[{i},{c}]", item.text(c)
    elif isinstance(widget, QStatusBar):
        yield f"{name}.message", widget.currentMessage()
    elif isinstance(widget, QGraphicsView) and widget.scene() is not None:
        for item in widget.scene().items():  # the wall's own words (lanes, empty wall)
            if isinstance(item, QGraphicsSimpleTextItem | QGraphicsTextItem):
                yield (
                    f"{name} scene",
                    item.toPlainText() if isinstance(item, QGraphicsTextItem) else item.text(),
                )
    elif isinstance(widget, QTableWidget):
        for c in range(widget.columnCount()):
            head = widget.horizontalHeaderItem(c)
            yield f"{name} header {c}", head.text() if head is not None else ""
        for r in range(widget.rowCount()):
            for c in range(widget.columnCount()):
                item = widget.item(r, c)
                yield f"{name}[{r},{c}]", item.text() if item is not None else ""


def dutch_leftovers(*roots: QWidget) -> list[tuple[str, str, list[str]]]:
    found: list[tuple[str, str, list[str]]] = []
    seen: set[int] = set()
    for root in roots:
        for widget in [root, *root.findChildren(QWidget)]:
            if id(widget) in seen:
                continue
            seen.add(id(widget))
            if type(widget).__module__.startswith("facilitator.ui.projector"):
                continue  # the projector speaks the workshop's language (not this test)
            for where, text in _texts(widget):
                if not text or text in ALLOWED or JOIN_CODE.fullmatch(text):
                    continue  # a table's random code ("25U8Q") has no words
                words = sorted(_words(text) & DUTCH)
                if words and (where, text, words) not in found:
                    found.append((where, text, words))
    return found


@pytest.fixture
def english_session(qapp, qtbot, workshop_path: Path):
    i18n.install_translator(qapp, "en")
    session = app_module.build(workshop_path, host="127.0.0.1", port=0)
    window = session.window
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    engine = session.engine  # the workshop's own texts in English, so only the UI is left
    engine.execute(UpdateWorkshop("Library day", "28 May", "The Hague", "KB", "en"))
    for i, group in enumerate(session.state.groups, start=1):
        engine.execute(UpdateGroup(group.id, f"Table {i}", group.colour))
    for i, round_ in enumerate(session.state.rounds, start=1):
        engine.execute(
            UpdateRound(
                round_.id,
                RoundSpec(
                    f"What matters most, part {i}?",
                    round_.method,
                    round_.duration_s,
                    round_.visibility,
                    round_.dot_budget,
                    round_.multi_dots,
                    f"Topic {i}",
                ),
            )
        )
    qtbot.waitUntil(
        lambda: (
            session.state.workshop.title == "Library day"
            and session.state.rounds[-1].title.startswith("Topic")
        ),
        timeout=WAIT,
    )
    overview = window.run_features.overview  # it redraws a short gap after a batch
    qtbot.waitUntil(lambda: overview.item(0, 0).text() == "Table 1", timeout=WAIT)
    yield session
    session.close()
    i18n.remove_translators(qapp)


def test_the_english_interface_has_no_dutch_left(qtbot, english_session) -> None:
    window = english_session.window
    editor = window.preparer.show_editor()
    qtbot.waitExposed(editor)
    windows: list[QWidget] = [window, editor]
    for tab in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(tab)
        windows.append(editor.tabs.widget(tab))
    editor.rounds_tab.items.list.setCurrentRow(0)  # a round's method and instruction shown
    export = window.preparer.show_export_dialog()
    window.show_help()
    about = AboutDialog("/tmp/data", window)
    new = NewWorkshopDialog(window)
    windows += [export, window.help_dialog, about, new]
    leftovers = dutch_leftovers(*windows)
    assert leftovers == [], "\n".join(f"{w}: {t!r} {d}" for w, t, d in leftovers)
    for dialog in (about, new):
        dialog.deleteLater()


def test_method_names_and_instructions_are_english(qtbot, english_session) -> None:
    window = english_session.window
    editor = window.preparer.show_editor()
    rounds = editor.rounds_tab
    editor.tabs.setCurrentWidget(rounds)
    rounds.items.list.setCurrentRow(0)  # 1-2-4-All in the template
    combo = [rounds.method_combo.itemText(i) for i in range(rounds.method_combo.count())]
    assert "1-2-4-All" in combo and "Free brainstorm" in combo
    assert rounds.method_combo.currentText() == "1-2-4-All"
    assert rounds.instruction_label.text().startswith("One minute alone")
    assert "1-2-4-All" in rounds.items.list.item(0).text()
    assert window.round_bar.details.text().startswith(("1-2-4-All", "World Cafe"))
    keys = [keys for keys, _what in window.shortcuts]
    assert "Ctrl+wheel" in keys and "Ctrl+wiel" not in keys


def test_the_walk_finds_a_dutch_leftover(qtbot, english_session) -> None:
    """The test above cannot pass by finding nothing: a Dutch label is caught."""
    window = english_session.window
    planted = QLabel("Kies een ronde", window)
    planted.setObjectName("planted")
    window.wall.wall_scene.addSimpleText("Nog geen briefjes")
    found = dutch_leftovers(window)
    assert ("planted", "Kies een ronde", ["een", "kies", "ronde"]) in found
    assert any(text == "Nog geen briefjes" for _where, text, _words in found)

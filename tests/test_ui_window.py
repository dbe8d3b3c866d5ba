"""The main window is what its constructor builds: nothing patches it afterwards.

Before, five `install(window)` functions added attributes to the window after it was
built, reached into its private `_dock` and its join panel's `_server`, disconnected
signals the window had connected (so `MainWindow.add_paper_note` looked live and was
not) and restored the saved layout three times per start. These tests hold the house
to one construction.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QMenu

import facilitator
from facilitator import app as app_module
from facilitator.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
UI = Path(facilitator.__file__).parent / "ui"


@pytest.fixture
def host(qtbot, workshop_path: Path):
    running = app_module.Host(host="127.0.0.1", port=0)
    yield running
    running.close()


def test_the_saved_layout_is_restored_once_per_start(
    qtbot, host, workshop_path, monkeypatch
) -> None:
    first = host.open(workshop_path)
    first.window.close()  # saves geometry and layout, as on quitting
    assert not QSettings().value("main/state").isEmpty()
    host.close()

    calls: list[int] = []
    original = MainWindow.restoreState

    def counting(self: MainWindow, state, version: int = 0) -> bool:
        calls.append(1)
        return original(self, state, version)

    monkeypatch.setattr(MainWindow, "restoreState", counting)
    host.open(workshop_path)
    assert len(calls) == 1


def test_no_attribute_is_added_to_the_window_after_construction(
    qtbot, host, workshop_path, monkeypatch
) -> None:
    built: dict[int, set[str]] = {}
    original = MainWindow.__init__

    def recording(self: MainWindow, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        built[id(self)] = set(vars(self))

    monkeypatch.setattr(MainWindow, "__init__", recording)
    session = host.open(workshop_path)  # what the app does at start
    window = session.window
    assert built[id(window)] == set(vars(window))
    assert window.preparer.switch_workshop is not None  # given, not set from outside


def test_the_paper_note_field_has_one_path_and_it_is_undoable(qtbot, host, workshop_path) -> None:
    window = host.open(workshop_path).window
    window.show()
    qtbot.waitExposed(window)
    assert window.note_entry.receivers("2noteEntered(QString)") == 1
    group_id, round_id = window.current_group_id(), window.current_round_id()
    before = len(window.state.notes_of(group_id, round_id))
    qtbot.keyClicks(window.note_entry.field, "van papier")
    qtbot.keyClick(window.note_entry.field, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: len(window.state.notes_of(group_id, round_id)) == before + 1, timeout=5000
    )
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: len(window.state.notes_of(group_id, round_id)) == before, timeout=5000)


def _ui_modules() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(UI.rglob("*.py"))]


def test_ui_parts_touch_no_private_member_of_another_object() -> None:
    found = []
    for path, tree in _ui_modules():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and not (isinstance(node.value, ast.Name) and node.value.id in {"self", "cls"})
            ):
                found.append(f"{path.relative_to(UI)}:{node.lineno} {ast.unparse(node)}")
    assert found == []


def test_ui_parts_neither_install_into_nor_unwire_the_window() -> None:
    found = []
    for path, tree in _ui_modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name == "install":
                found.append(f"{path.relative_to(UI)}:{node.lineno} def install")
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "disconnect"
                and not node.args
            ):
                found.append(f"{path.relative_to(UI)}:{node.lineno} bare disconnect()")
            elif isinstance(node, ast.Assign | ast.AnnAssign) and any(
                isinstance(t, ast.Attribute)
                and isinstance(t.value, ast.Name)
                and t.value.id == "window"
                for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
            ):
                found.append(f"{path.relative_to(UI)}:{node.lineno} sets window.<attribute>")
    assert found == []


def test_ui_never_imports_the_app() -> None:
    wrong = []
    for path, tree in _ui_modules():
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            wrong += [
                f"{path.relative_to(UI)}: {n}"
                for n in names
                if n == "facilitator.app" or n.startswith("facilitator.app.")
            ]
    assert wrong == []


def _entries(menu: QMenu, prefix: str = "") -> list[str]:
    out = []
    for action in menu.actions():
        if action.isSeparator():
            out.append(prefix + "--")
            continue
        keys = ", ".join(k.toString() for k in action.shortcuts())
        out.append(f"{prefix}{action.text()}" + (f" [{keys}]" if keys else ""))
        sub = action.menu()
        if sub is not None and sub.objectName() != "screen-menu":
            out += _entries(sub, prefix + "  ")
    return out


def test_menus_and_keys_are_those_the_facilitator_knows(qtbot, host, workshop_path) -> None:
    """The menu bar as it was before the window built itself (screen list left out:
    it depends on the machine)."""
    window = host.open(workshop_path).window
    window.run_features.screen_menu.setObjectName("screen-menu")
    menus = {a.text(): _entries(a.menu()) for a in window.menuBar().actions()}
    assert list(menus) == ["&Bestand", "Be&werken", "Bee&ld", "&Muur", "&Timer", "&Help"]
    assert menus["&Bestand"] == [
        "&Nieuwe werkplaats… [Ctrl+N]",
        "&Openen… [Ctrl+O]",
        "&Recent geopend",
        "  (nog geen andere werkplaatsen)",
        "&Demo-werkplaats openen",
        "Opslaan als &sjabloon…",
        "--",
        "Werkplaats &voorbereiden… [Ctrl+,]",
        "--",
        "Verslag &exporteren… [Ctrl+E]",
        "&Kopie opslaan…",  # issue 16: the safe copy (SQLite's backup API)
        "--",
        "&Afsluiten [Ctrl+Q]",
    ]
    assert menus["Bee&ld"] == [
        "Alle briefjes tonen [Ctrl+0]",
        "Inzoomen [Ctrl++]",
        "Uitzoomen [Ctrl+-]",
        "--",
        "Groepen",
        "Meedoen met je telefoon",
        "--",
        "&Volgende stap [Ctrl+Return, PgDown]",
        "Volgend &paneel [F6]",
        "Vorig paneel [Shift+F6]",
        "&Projector",
        "  Projector &openen [F5]",
        "  Projector sluiten",
        "  &Scherm",
        "  &Tafel op de projector",  # issue 11: the projector shows the room
        "    Hele zaal",
        *[f"    Tafel {n}" for n in range(1, 9)],
        "  --",
        "  Automatisch (volgt de fase) [0]",
        "  Meedoen [1]",
        "  Vraag [2]",
        "  Wand [3]",
        "  Resultaten [4]",
        "  Plenair [5]",
        "  Thema's van de zaal [6]",
        "Overzicht van alle groepen",
        "Netwerk controleren… [Ctrl+T]",
        "--",
        "Indeling &herstellen",
        "&Taal",
        "  Nederlands",
        "  English",
    ]
    assert menus["&Muur"] == [
        "Zoeken [Ctrl+F]",
        "--",
        "Selectie clusteren [Ctrl+G]",
        "Samenvoegen [Ctrl+M]",
        "Naam of tekst wijzigen [F2]",
        "Verbergen of weer tonen [Ctrl+H]",
        "Cluster opheffen [Del]",
        "Papieren briefje typen [Ctrl+Shift+N]",
        "Actiepunt maken… [Ctrl+Shift+A]",
        "Groepen voorstellen… [Ctrl+Shift+G]",
        "Selectie &verplaatsen",
        "  Naar links [Ctrl+Left]",
        "  Naar rechts [Ctrl+Right]",
        "  Omhoog [Ctrl+Up]",
        "  Omlaag [Ctrl+Down]",
        "--",
        "Uitslag stemming",
        "Actiepunten",
        "Voorstellen",
    ]
    assert menus["&Timer"] == [
        "Timer starten/pauzeren [Ctrl+P]",
        "Eén minuut erbij [Ctrl+=]",
        "Timer opnieuw",
    ]
    assert menus["&Help"] == ["Sneltoetsen [F1]", "--", "&Over Facilitator…"]
    on_wall = sorted(a.text() for a in window.wall.actions())
    assert on_wall == [  # keys only on the wall
        "Cluster opheffen",
        "Naam of tekst wijzigen",
        "Naar links",
        "Naar rechts",
        "Omhoog",
        "Omlaag",
    ]
    docks = {
        d.objectName(): window.dockWidgetArea(d).name for d in window.findChildren(QDockWidget)
    }
    assert docks == {
        "dock-groups": "LeftDockWidgetArea",
        "dock-join": "RightDockWidgetArea",
        "dock-results": "RightDockWidgetArea",
        "dock-actions": "RightDockWidgetArea",
        "dock-network-check": "RightDockWidgetArea",
        "dock-overview": "BottomDockWidgetArea",
        "dock-suggestions": "RightDockWidgetArea",
    }
    assert sorted(d.objectName() for d in window.tabifiedDockWidgets(window.join_dock)) == [
        "dock-actions",
        "dock-network-check",
        "dock-suggestions",
    ]

"""The desktop issue's Dutch and English interface, and high DPI.

Languages: the English translator really reaches freshly built widgets, Dutch stays the
default, the choice survives in QSettings, Beeld > Taal stores it, and the committed .qm
is what lrelease makes of the committed .ts (so nobody ships a stale translation).
Settings live in tmp_path; every test leaves the source (Dutch) strings installed, as the
rest of the suite expects.

High DPI: the QR code stays a grid of whole screen pixels at 150% and 200%, grabbed in a
subprocess because the scale factor is fixed when the QApplication starts."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths
from PySide6.QtWidgets import QMessageBox

from facilitator import app as app_module
from facilitator.ui import i18n
from tests.system_tools import require_tool

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _tool():
    spec = importlib.util.spec_from_file_location("translations_tool",
                                                  ROOT / "tools" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


tool = _tool()


@pytest.fixture(autouse=True)
def sandboxed_settings(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """QSettings and QStandardPaths write under tmp_path, never into the real home."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    app_module.ensure_application()
    yield
    i18n.remove_translators(qapp)
    QStandardPaths.setTestModeEnabled(False)


@pytest.fixture
def build_window(qtbot, workshop_path: Path):
    """Builds the main window the way the app does, after the test chose a language."""
    running = []

    def build():
        session = app_module.build(workshop_path, host="127.0.0.1", port=0)
        running.append(session)
        qtbot.addWidget(session.window)
        return session.window

    yield build
    for session in running:
        session.close()


def _menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_english_translator_reaches_a_freshly_built_window(qapp, build_window) -> None:
    assert i18n.install_translator(qapp, "en") == "en"
    titles = _menu_titles(build_window())
    assert titles[:3] == ["&File", "&Edit", "&View"]
    assert QCoreApplication.translate("Phase", "Verzamelen") == "Collect"
    # Helpers and window.tr() outside MainWindow are found under the context PySide asks.
    assert QCoreApplication.translate("MainWindow", "Netwerkcontrole") == "Network check"
    assert QCoreApplication.translate("failures", "de vraag is leeg") == (
        "the question is empty")


def test_dutch_is_the_source_and_needs_no_translation(qapp, build_window) -> None:
    assert i18n.install_translator(qapp, "nl") == "nl"
    assert _menu_titles(build_window())[:3] == ["&Bestand", "Be&werken", "Bee&ld"]
    assert i18n.current_language() == "nl"


def test_switching_back_to_dutch_removes_english(qapp) -> None:
    i18n.install_translator(qapp, "en")
    i18n.install_translator(qapp, "nl")
    assert QCoreApplication.translate("MainWindow", "&Bestand") == "&Bestand"
    i18n.install_translator(qapp, "en")
    i18n.remove_translators(qapp)
    assert QCoreApplication.translate("MainWindow", "&Bestand") == "&Bestand"


def test_dutch_by_default_and_the_choice_round_trips_through_qsettings(qapp) -> None:
    assert i18n.saved_language() == "nl"
    assert i18n.install_translator(qapp) == "nl"
    i18n.save_language("en")
    assert QSettings().value(i18n.LANGUAGE_KEY) == "en"
    assert i18n.saved_language() == "en"
    assert i18n.install_translator(qapp) == "en"
    assert QCoreApplication.translate("MainWindow", "Be&werken") == "&Edit"
    QSettings().setValue(i18n.LANGUAGE_KEY, "fr")  # damaged or from a newer version
    assert i18n.saved_language() == "nl"
    with pytest.raises(ValueError):
        i18n.save_language("fr")
    with pytest.raises(ValueError):
        i18n.install_translator(qapp, "fr")


def test_language_menu_stores_the_choice_and_says_it_applies_after_restart(
        qapp, qtbot, build_window) -> None:
    window = build_window()
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "Bee&ld")
    languages = [a.menu() for a in view.actions()
                 if a.menu() is not None and a.menu().title() == "&Taal"]
    assert len(languages) == 1
    chooser = window.language_menu
    assert [a.text() for a in languages[0].actions()] == ["Nederlands", "English"]
    assert chooser.actions["nl"].isChecked()
    assert chooser.group.isExclusive()

    with qtbot.waitSignal(chooser.languageChosen) as chosen:
        chooser.choose("en")
    assert chosen.args == ["en"]
    assert QSettings().value(i18n.LANGUAGE_KEY) == "en"
    assert chooser.actions["en"].isChecked() and not chooser.actions["nl"].isChecked()
    notice = chooser.notice
    assert isinstance(notice, QMessageBox)
    assert notice.isVisible()
    assert "restart" in notice.text()  # told in the language just chosen
    assert _menu_titles(window)[0] == "&Bestand"  # the running window stays as it was

    chooser.choose("nl")  # back to the language running: stored, nothing to restart
    assert i18n.saved_language() == "nl"
    qtbot.waitUntil(lambda: chooser.notice is None or not chooser.notice.isVisible())


def test_committed_qm_is_what_lrelease_makes_of_the_committed_ts(tmp_path: Path) -> None:
    rebuilt = tmp_path / "facilitator_en.qm"
    tool.run_lrelease(tool.TS, rebuilt)
    assert rebuilt.read_bytes() == tool.QM.read_bytes(), (
        "run `uv run python tools/translations.py` and commit the .qm")


def test_every_string_in_the_ts_has_an_english_text_with_the_same_placeholders() -> None:
    entries = tool.entries()
    assert len(entries) > 100
    assert [e for e in entries if e.unfinished] == []
    assert [(e.source, tool.problems(e)) for e in entries if tool.problems(e)] == []


def test_extraction_finds_helper_and_receiver_strings_lupdate_misses(tmp_path: Path) -> None:
    source = tmp_path / "pkg" / "panel.py"
    source.parent.mkdir()
    source.write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "def _tr(text):\n"
        "    return QCoreApplication.translate('prepare', text)\n"
        "def install(window):\n"
        "    window.tr('Netwerk')\n"
        "    dialog = QDialog(window)\n"
        "    dialog.tr('Toetsen')\n"
        "    _tr(f'Tafel {1}')\n"
        "class Panel:\n"
        "    def build(self, other: MainWindow):\n"
        "        _tr('Leeg')\n"
        "        other.tr('Ander')\n"
        "        self.tr('Eigen')\n",
        encoding="utf-8")
    found = tool.extract([source], tmp_path)
    assert {(f.context, f.source) for f in found.extra} == {
        ("prepare", "Leeg"), ("MainWindow", "Netwerk"), ("QDialog", "Toetsen"),
        ("MainWindow", "Ander")}
    assert ("window", "Netwerk") in found.wrong and ("Panel", "Eigen") in found.right
    assert any("built at runtime" in w for w in found.warnings)


# -- high DPI --------------------------------------------------------------------------
# Qt 6 scales every widget by the screen's devicePixelRatio by itself (rounding policy
# PassThrough: 125% and 150% stay fractional). Only what paints in pixels needs care: the
# QR code, which must keep one whole number of screen pixels per module.

_GRAB_QR = """
import json, sys
from PySide6.QtWidgets import QApplication
from facilitator.ui.qr import QrWidget, qr_matrix
app = QApplication([])
widget = QrWidget()
widget.resize(259, 259)
widget.set_data(sys.argv[2])
widget.show()
app.processEvents()
pixmap = widget.grab()
image = pixmap.toImage()
image.save(sys.argv[1])
runs = set()
for y in range(image.height()):
    run = 0
    for x in range(image.width() + 1):
        if x < image.width() and image.pixelColor(x, y).lightness() < 128:
            run += 1
        elif run:
            runs.add(run)
            run = 0
print(json.dumps({"ratio": pixmap.devicePixelRatio(), "side": image.width(),
                  "modules": len(qr_matrix(sys.argv[2])), "runs": sorted(runs)}))
"""


@pytest.mark.parametrize("scale", ["1.5", "2"])
def test_qr_code_keeps_whole_screen_pixels_per_module_when_scaled(
        tmp_path: Path, scale: str) -> None:
    address = "http://192.168.1.23:8321/j/ABCD12"
    png = tmp_path / f"qr-{scale}.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale}
    done = subprocess.run([sys.executable, "-c", _GRAB_QR, str(png), address], env=env,
                          capture_output=True, text=True, timeout=60, check=True)
    grabbed = json.loads(done.stdout.strip().splitlines()[-1])
    assert grabbed["ratio"] == float(scale)
    module = int(259 * float(scale)) // grabbed["modules"]  # as large as the widget allows
    assert grabbed["runs"][0] == module
    assert all(run % module == 0 for run in grabbed["runs"]), grabbed["runs"]
    zbarimg = require_tool("zbarimg", "zbar-tools")
    decoded = subprocess.run([zbarimg, "-q", "--raw", str(png)], capture_output=True,
                             text=True, timeout=60)
    assert decoded.stdout.strip() == address

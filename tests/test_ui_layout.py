"""The first window fits its screen (it was 1400x900 whatever the screen: cut off on
1366x768), docks keep a usable width, and View > Reset layout brings every dock back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from facilitator import app as app_module

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def window(qtbot, workshop_path: Path):
    running = app_module.build(workshop_path, host="127.0.0.1", port=0)
    running.window.show()
    qtbot.waitExposed(running.window)
    yield running.window
    running.close()


_FIT = """
import json, sys, tempfile
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths
from facilitator import app, templates
QStandardPaths.setTestModeEnabled(True)
app.ensure_application()
folder = Path(sys.argv[1])
QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder))
path = folder / "dag.workshop"
templates.create(path)
session = app.build(path, host="127.0.0.1", port=0)
window = session.window
window.show()
for _ in range(20):
    QCoreApplication.processEvents()
screen = window.screen().availableGeometry()
print(json.dumps([screen.width(), screen.height(), window.width(), window.height()]))
session.close()
"""


@pytest.mark.parametrize("scale", ["1", "1.25"])
def test_the_first_window_fits_a_1366x768_screen(tmp_path: Path, scale: str) -> None:
    """A fresh process on a 1366x768 screen (the offscreen platform's screen set by a
    config file), at 100% and 125% scaling: the first window is inside the screen."""
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "laptop",
                        "x": 0,
                        "y": 0,
                        "width": 1366,
                        "height": 768,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": scale,
    }
    done = subprocess.run(
        [sys.executable, "-c", _FIT, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    screen_w, screen_h, width, height = json.loads(done.stdout.strip().splitlines()[-1])
    assert (screen_w, screen_h) == ((1366, 768) if scale == "1" else (1093, 614))
    assert width <= screen_w and height <= screen_h


def test_reset_layout_brings_hidden_and_moved_docks_back(qtbot, window) -> None:
    window.resize(1600, 1000)
    left = Qt.DockWidgetArea.LeftDockWidgetArea
    window.groups_dock.hide()
    window.overview_dock.close()
    window.addDockWidget(left, window.join_dock)
    assert window.dockWidgetArea(window.join_dock) == left

    view_menu = window.view_menu
    assert window.reset_layout_action in view_menu.actions()
    window.reset_layout_action.trigger()
    qtbot.waitUntil(lambda: window.groups_dock.isVisible(), timeout=5000)
    assert window.overview_dock.isVisible()
    assert window.dockWidgetArea(window.join_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert window.dockWidgetArea(window.groups_dock) == left
    assert window.width() <= 1400 and window.height() <= 900  # the default size again


def test_docks_keep_a_usable_width_at_1366(qtbot, window) -> None:
    window.resize(1366, 768)
    window.resizeDocks([window.groups_dock], [20], Qt.Orientation.Horizontal)  # dragged thin
    qtbot.waitUntil(lambda: window.groups_dock.width() >= 170, timeout=5000)
    assert window.join_dock.width() >= 280

"""The projector on a real second screen: a child process runs the app on the offscreen
platform configured with two screens (a laptop panel and a 1920x1080 beamer), as the
facilitator's laptop with a projector attached would look to Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

_SCRIPT = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtGui import QGuiApplication
from facilitator import templates
from facilitator.app import build, ensure_application

tmp = Path(sys.argv[1])
QStandardPaths.setTestModeEnabled(True)
app = ensure_application()
QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp / "settings"))
path = tmp / "w.workshop"
templates.create(path)
session = build(path, host="127.0.0.1", port=0)
try:
    window = session.window
    laptop = next(s for s in QGuiApplication.screens() if s.name() == "laptop")
    window.setScreen(laptop)
    window.move(laptop.geometry().topLeft())
    window.show()
    app.processEvents()
    features = window.run_features
    features.rebuild_screen_menu()
    out = {
        "menu": [a.text() for a in features.screen_menu.actions()],
        "default": features.chosen_screen().name(),
    }
    features.open_projector()
    app.processEvents()
    projector = features.projector
    out["first"] = [projector.isFullScreen(), projector.screen().name(),
                    projector.geometry().getRect()]
    qr = projector.views["join"].qr
    out["qr"] = [qr.width(), qr.height(), projector.height(), projector.current_view_name()]
    choice = next(a for a in features.screen_menu.actions() if a.data() == "laptop")
    choice.trigger()  # the facilitator picks the other screen: the projector moves
    app.processEvents()
    out["moved"] = [projector.isFullScreen(), projector.screen().name(),
                    QSettings().value("projector/screen")]
    out["window"] = window.screen().name()
    print(json.dumps(out))
finally:
    session.close()
"""

_SCREENS = {
    "synchronousWindowSystemEvents": True,
    "windowFrameMargins": False,
    "screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1440, "height": 900,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "beamer", "x": 1440, "y": 0, "width": 1920, "height": 1080,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
    ],
}


def test_projector_opens_full_screen_on_the_beamer_and_moves_when_told(tmp_path: Path):
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(_SCREENS))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               HOME=str(tmp_path / "home"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), FACILITATOR_DATA_DIR=str(tmp_path / "fd"))
    done = subprocess.run([sys.executable, "-c", _SCRIPT, str(tmp_path)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert any(t.startswith("beamer (1920×1080 @ 1440,0)") for t in out["menu"])
    assert any(t.startswith("laptop (1440×900 @ 0,0)") for t in out["menu"])
    assert out["window"] == "laptop"
    assert out["default"] == "beamer"  # not the screen the facilitator works on
    assert out["first"] == [True, "beamer", [1440, 0, 1920, 1080]]
    width, height, window_height, view = out["qr"]
    assert view == "join" and window_height == 1080
    assert min(width, height) >= window_height / 3
    assert out["moved"] == [True, "laptop", "laptop"]

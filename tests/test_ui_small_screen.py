"""Issue 11, "1366x768 at 125% details": on a 1366x768 laptop at 100% and at 125% scaling
(1093x614 logical pixels) the join panel shows the URL under the QR code without
scrolling, the code never covers it, and the group names are readable (a usable column
width, elided with a tooltip rather than squeezed to nothing).

Each case is a fresh process: the screen size and scale are fixed when the QApplication
starts (the offscreen platform's screen comes from a config file).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

_PROBE = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QPoint, QRect, QSettings, QStandardPaths
from PySide6.QtWidgets import QScrollArea
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
for _ in range(30):
    QCoreApplication.processEvents()
panel = window.join_panel
area = window.join_dock.widget()
view = area.viewport() if isinstance(area, QScrollArea) else area

def in_view(widget):
    top_left = widget.mapTo(view, QPoint(0, 0))
    return QRect(top_left, widget.size())

url, qr, code = in_view(panel.url_label), in_view(panel.qr), in_view(panel.code_label)
groups = window.groups
fm = groups.fontMetrics()
names = [groups.topLevelItem(i).text(0) for i in range(groups.topLevelItemCount())]
print(json.dumps({
    "screen": [window.screen().availableGeometry().width(),
               window.screen().availableGeometry().height()],
    "window": [window.width(), window.height()],
    "view": [view.width(), view.height()],
    "url": [url.x(), url.y(), url.width(), url.height()],
    "url_text": panel.url_label.text(),
    "url_needs": fm.horizontalAdvance(panel.url_label.text()),
    "qr": [qr.x(), qr.y(), qr.width(), qr.height()],
    "code": [code.x(), code.y(), code.width(), code.height()],
    "join_visible": window.join_dock.isVisible() and not window.join_dock.visibleRegion().isEmpty(),
    "name_column": groups.columnWidth(0),
    "name_needs": max(fm.horizontalAdvance(n) for n in names) + groups.iconSize().width(),
    "tooltips": [groups.topLevelItem(i).toolTip(0) for i in range(len(names))],
    "names": names,
    "groups_dock": window.groups_dock.width(),
}))
session.close()
"""


def _probe(tmp_path: Path, scale: str) -> dict:
    config = tmp_path / "screen.json"
    screen = {
        "name": "laptop",
        "x": 0,
        "y": 0,
        "width": 1366,
        "height": 768,
        "logicalDpi": 96,
        "logicalBaseDpi": 96,
        "dpr": 1,
    }
    config.write_text(json.dumps({"screens": [screen]}))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": scale,
    }
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("scale", ["1", "1.25"])
def test_the_join_url_is_in_view_under_the_qr_code(tmp_path: Path, scale: str) -> None:
    seen = _probe(tmp_path, scale)
    assert seen["window"][0] <= seen["screen"][0] and seen["window"][1] <= seen["screen"][1]
    assert seen["join_visible"]
    view_w, view_h = seen["view"]
    x, y, w, h = seen["url"]
    assert seen["url_text"].startswith("http://")
    assert x >= 0 and y >= 0, seen
    assert x + w <= view_w and y + h <= view_h, seen  # in view without scrolling
    qr_x, qr_y, qr_w, qr_h = seen["qr"]
    assert qr_y + qr_h <= y, seen  # the code ends above the URL: it never covers it
    assert min(qr_w, qr_h) >= 120  # still a code a phone reads
    code_y, code_h = seen["code"][1], seen["code"][3]
    assert code_y + code_h <= view_h, seen  # the five-letter code is in view too


@pytest.mark.parametrize("scale", ["1", "1.25"])
def test_group_names_are_not_squeezed(tmp_path: Path, scale: str) -> None:
    seen = _probe(tmp_path, scale)
    assert seen["names"][:2] == ["Tafel 1", "Tafel 2"]
    assert seen["name_column"] >= seen["name_needs"], seen  # "Tafel 8" whole, with its swatch
    assert seen["tooltips"] == seen["names"]  # a longer name elides; the tooltip has it

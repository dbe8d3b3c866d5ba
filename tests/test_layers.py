"""The layer rule: Qt stays out of domain, store, engine, server and report, so they run
and test without a display. One exception: report/raster.py may use QtGui (never
QtWidgets) to rasterise charts and QR codes."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import facilitator

PACKAGE = Path(facilitator.__file__).parent
QT_FREE = ("domain", "store", "engine", "server", "report")
RASTER = PACKAGE / "report" / "raster.py"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_qt_free_layers_import_no_qt_in_source() -> None:
    checked = 0
    for layer in QT_FREE:
        for path in (PACKAGE / layer).rglob("*.py"):
            qt = {n for n in _imports(path) if n.split(".")[0] in {"PySide6", "shiboken6"}}
            checked += 1
            if path == RASTER:
                assert not {n for n in qt if "QtWidgets" in n}, path
            else:
                assert not qt, f"{path.relative_to(PACKAGE)} imports {qt}"
    assert checked >= 10


def test_importing_the_core_loads_no_qt() -> None:
    code = (
        "import sys, importlib, pkgutil, facilitator\n"
        f"for layer in {QT_FREE!r}:\n"
        "    pkg = importlib.import_module('facilitator.' + layer)\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if m.name != 'facilitator.report.raster':\n"
        "            importlib.import_module(m.name)\n"
        "import facilitator.cli, facilitator.templates\n"
        "print(sorted(n for n in sys.modules if n.startswith('PySide6')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_only_ui_and_app_import_qt_widgets() -> None:
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] == "ui" or rel.name == "app.py":
            continue
        assert not any("QtWidgets" in n for n in _imports(path)), rel

"""The layer rules. Qt stays out of domain, store, engine, server and report, so they
run and test without a display (one exception: report/raster.py may use QtGui, never
QtWidgets, to rasterise charts and QR codes). And the house's arrows, as import-linter
contracts in pyproject.toml: domain < store < engine < server | report < ui < app < cli,
ui never imports app, report never imports store, Qt only in ui and app, and what the
server and the GUI may take from the store, by name."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import facilitator

PACKAGE = Path(facilitator.__file__).parent
QT_FREE = ("domain", "store", "engine", "server", "report", "suggest")
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


# -- the layer contracts (pyproject.toml [tool.importlinter]) ---------------------------

ROOT = PACKAGE.parent


def _lint_imports(root: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """lint-imports on the package found in `root` (it puts its working folder first on
    sys.path), with this project's contracts."""
    env = dict(os.environ, PYTHONPATH=str(root))
    script = Path(sys.executable).parent / "lint-imports"
    return subprocess.run([str(script), "--no-cache", str(ROOT / "pyproject.toml")],
                          capture_output=True, text=True, cwd=root, env=env, check=False)


def test_layer_contracts_are_kept() -> None:
    run = _lint_imports()
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout and "5 kept" in run.stdout


WRONG_ARROWS = [  # (module, a wrong import added to it, the contract that must break)
    ("ui/state.py", "import facilitator.app", "ui never imports app"),
    ("report/overview.py", "import facilitator.store", "report never imports store"),
    ("engine/core.py", "import facilitator.server", "Layers"),
    ("server/views.py", "import facilitator.store.writes", "front door"),
    ("domain/model.py", "import PySide6.QtCore", "Qt only in ui"),
]


def test_every_contract_breaks_on_a_wrong_arrow(tmp_path: Path) -> None:
    """The contracts can fail: a copy of the package with wrong imports is refused, each
    by its own contract (one run for all five, to keep the suite fast)."""
    copy = tmp_path / "facilitator"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    for module, line, _contract in WRONG_ARROWS:
        with (copy / module).open("a", encoding="utf-8") as f:
            f.write(f"\n{line}  # noqa: E402, F401  (the wrong arrow under test)\n")
    run = _lint_imports(tmp_path)
    assert run.returncode != 0, run.stdout
    broken = [ln for ln in run.stdout.splitlines() if " BROKEN" in ln]
    for _module, _line, contract in WRONG_ARROWS:
        assert any(contract in ln for ln in broken), (contract, run.stdout)
    assert "0 kept, 5 broken" in run.stdout


# What the server and the GUI may take from the store package, by name: readers and the
# plain specs. Making a new workshop file is the one write the GUI does itself (before
# any engine runs on that file).
STORE_NAMES = {
    "server": {"Reader"},
    "ui": {"Reader", "GroupSpec", "RoundSpec", "WorkshopSpec"},
}
STORE_WRITER_USES = {Path("ui/prepare/new_workshop.py"): {"Store"}}  # Store.create only


def test_server_and_ui_take_only_readers_from_the_store() -> None:
    for layer, allowed in STORE_NAMES.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            rel = path.relative_to(PACKAGE)
            extra = STORE_WRITER_USES.get(rel, set())
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                        "facilitator.store"):
                    names = {a.name for a in node.names}
                    assert names <= allowed | extra, f"{rel} takes {names - allowed} from the store"
            if extra:
                source = path.read_text(encoding="utf-8")
                assert "Store.open(" not in source and source.count("Store.create(") == 1, rel

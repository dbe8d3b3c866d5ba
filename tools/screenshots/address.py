"""Screenshots of a stable address for the day, at 1366x768: the editor's event tab with
the workshop's port, the banner when that port is taken at start, the join panel and
banner when the printed table cards show another address, and the export dialog's
warning before new cards with another address are printed.

    uv run python -m tools.screenshots.address [OUT_DIR]
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint  # noqa: E402

from facilitator.app import Host  # noqa: E402
from facilitator.engine import Engine  # noqa: E402
from facilitator.engine.commands import RecordCards  # noqa: E402
from facilitator.store import Reader  # noqa: E402
from tools.screenshots.session import _framed, _settle, _shown, sandbox  # noqa: E402


def make_screenshots(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with sandbox() as tmp:
        day = tmp / "directeurendag.workshop"
        reader = Reader.open(day)
        port = reader.workshop().port
        reader.close()
        assert port is not None
        host = Host(host="127.0.0.1")  # no --port: the workshop's own

        # 1. the editor's event tab, over the window, with the workshop's port
        session = host.open(day)
        window = _shown(session)
        window.preparer.edit_action.trigger()
        editor = window.preparer.editor
        assert editor is not None
        editor.resize(900, 560)
        _settle()
        target = out_dir / "address-editor-port-1366.png"
        _framed(window, [(editor, QPoint(233, 80))]).save(str(target))
        written.append(target)
        editor.close()
        _settle()

        # 2. the cards were printed on the venue's network; phones now use another address
        address = window.join_panel.address()
        session.bridge.submit(RecordCards(f"http://{address}:{port + 1}")).result(timeout=10)
        for _ in range(50):  # the change comes back through the bridge
            _settle()
            if window.address_banner.isVisible():
                break
        assert window.address_banner.isVisible()
        target = out_dir / "address-cards-differ-1366.png"
        _framed(window, []).save(str(target))
        written.append(target)

        # 3. new cards would show another address than the ones on the tables
        window.export_action.trigger()
        dialog = window.preparer.export_dialog
        assert dialog is not None
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("cards"))
        _settle()
        assert dialog.url_warning.isVisible()
        target = out_dir / "address-export-cards-warning-1366.png"
        _framed(window, [(dialog, QPoint(273, 120))]).save(str(target))
        written.append(target)
        dialog.close()
        host.close()

        # 4. another program holds the workshop's port at start
        with Engine(day) as engine:
            engine.execute(RecordCards(f"http://{address}:{port}"))
        holder = socket.socket()
        holder.bind(("0.0.0.0", port))
        holder.listen(1)
        try:
            session = host.open(day)
            window = _shown(session)
            target = out_dir / "address-port-taken-1366.png"
            _framed(window, []).save(str(target))
            written.append(target)
        finally:
            host.close()
            holder.close()
    return written


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    for path in make_screenshots(out):
        print(path)

"""Shared body of the hooks beside it: PyInstaller's own Qt collection, minus what
settings.py says the app never loads. Filtering here (not after Analysis) matters: a
plugin left out never has its own dependencies (GTK for the gtk3 theme) collected."""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import settings  # noqa: E402  (tools/bundle, put on the path just above)
from PyInstaller.utils.hooks.qt import add_qt6_dependencies  # noqa: E402


def collect(hook_file: str) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]:
    hiddenimports, binaries, datas = add_qt6_dependencies(hook_file)
    binaries = [
        (src, dest)
        for src, dest in binaries
        if settings.keep_binary(os.path.join(dest, os.path.basename(src)))
    ]
    datas = [
        (src, dest)
        for src, dest in datas
        if settings.keep_data(os.path.join(dest, os.path.basename(src)))
    ]
    return hiddenimports, binaries, datas

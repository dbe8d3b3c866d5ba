# Replaces PyInstaller's hook for PySide6.QtCore (user hooks take priority): same collection,
# minus unused plugins and translations (see ../settings.py and qt_slim.py).
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qt_slim import collect  # noqa: E402

hiddenimports, binaries, datas = collect(__file__)

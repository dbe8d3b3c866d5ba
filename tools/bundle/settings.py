"""What goes into the bundle and what it says about itself, in one Qt-free module.

Read by facilitator.spec (PyInstaller), by the hooks that slim Qt down, by
tools/build_app.py and by the tests, so the decisions below are written once and tested
without building anything.

Slimming (measured in docs/PERFORMANCE.md, "The bundled app"): PyInstaller's Qt hooks
collect every plugin of every type a Qt library can load and Qt's translations for 33
languages. The app uses a handful: a display platform, SVG for the icon, the compose and
IBus input methods (typing é and ë), and qtbase_nl/en for Qt's own buttons. The gtk3
platform theme alone pulls GTK, cairo, pango and ATK (~25 MB) into the folder.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path, PurePath

ROOT = Path(__file__).resolve().parent.parent.parent
NAME = "Facilitator"
CLI_NAME = "facilitator-cli"  # Windows only: a console .exe beside the windowed one
BUNDLE_ID = "nl.facilitator.app"

# Plugin types the app never loads: evdev/tuio input (embedded devices), EGL full-screen
# device integrations, network reachability, Qt's own TLS (the server is plain HTTP in
# Python), QML debugging, SQL drivers (SQLite is Python's).
DROP_PLUGIN_TYPES = frozenset(
    {
        "generic",
        "egldeviceintegrations",
        "networkinformation",
        "tls",
        "qmltooling",
        "sqldrivers",
        "position",
        "multimedia",
        "designer",
    }
)
# Single plugins never used: embedded/remote platforms, the GTK theme (pulls GTK), and
# image formats we neither read nor write (PNG is built into QtGui; SVG and ICO stay).
DROP_PLUGINS = frozenset(
    {
        "qgtk3",
        "qeglfs",
        "qlinuxfb",
        "qminimalegl",
        "qvnc",
        "qvkkhrdisplay",
        "qminimal",
        "qgif",
        "qjpeg",
        "qtga",
        "qtiff",
        "qwbmp",
        "qwebp",
        "qicns",
        "qpdf",
        "qdirect2d",
    }
)
# Qt's own strings (file dialogs, standard buttons) in the two interface languages.
KEEP_TRANSLATIONS = frozenset({"qtbase_nl.qm", "qtbase_en.qm"})
# Standard-library parts nothing imports at run time but module analysis may reach.
EXCLUDE_MODULES = (
    "tkinter",
    "idlelib",
    "lib2to3",
    "pydoc_data",
    "test",
    "unittest",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtWebEngineCore",
    "PySide6.QtOpenGL",
)


def slim() -> bool:
    """FACILITATOR_BUNDLE_SLIM=0 builds with everything PyInstaller collects (to measure)."""
    return os.environ.get("FACILITATOR_BUNDLE_SLIM", "1") != "0"


def version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def plugin_name(path: str) -> tuple[str, str] | None:
    """('platformthemes', 'qgtk3') for .../plugins/platformthemes/libqgtk3.so; None when
    the file is not a Qt plugin."""
    parts = PurePath(path.replace("\\", "/")).parts
    if "plugins" not in parts[:-2]:
        return None
    index = len(parts) - 1 - parts[::-1].index("plugins")
    if index + 2 != len(parts) - 1:
        return None
    kind, filename = parts[index + 1], parts[-1]
    stem = filename.split(".", 1)[0]
    if stem.startswith("lib"):
        stem = stem[3:]
    return kind, stem


def keep_binary(dest: str) -> bool:
    found = plugin_name(dest)
    if found is None:
        return True
    kind, stem = found
    return kind not in DROP_PLUGIN_TYPES and stem not in DROP_PLUGINS


def keep_data(dest: str) -> bool:
    """Qt's own translations only in the interface languages; our own data all kept."""
    parts = PurePath(dest.replace("\\", "/")).parts
    if parts[:3] == ("PySide6", "Qt", "translations") and parts[-1].endswith(".qm"):
        return parts[-1] in KEEP_TRANSLATIONS
    return True


def version_tuple() -> tuple[int, int, int, int]:
    numbers = [int(part) for part in version().split(".")[:3] if part.isdigit()]
    numbers += [0] * (4 - len(numbers))
    return (numbers[0], numbers[1], numbers[2], numbers[3])


def windows_version_strings(exe_name: str) -> dict[str, str]:
    """What Explorer > Properties > Details shows for the .exe."""
    return {
        "CompanyName": NAME,
        "FileDescription": f"{NAME}: offline breakout sessions",
        "FileVersion": version(),
        "InternalName": exe_name,
        "OriginalFilename": f"{exe_name}.exe",
        "ProductName": NAME,
        "ProductVersion": version(),
    }


def windows_version_info(exe_name: str) -> object:
    """The .exe's version resource (PyInstaller's type needs pefile: Windows only)."""
    from PyInstaller.utils.win32 import versioninfo as vi

    numbers = version_tuple()
    strings = [vi.StringStruct(k, v) for k, v in windows_version_strings(exe_name).items()]
    return vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(
            filevers=numbers,
            prodvers=numbers,
            mask=0x3F,
            flags=0x0,
            OS=0x40004,
            fileType=0x1,
            subtype=0x0,
            date=(0, 0),
        ),
        kids=[
            vi.StringFileInfo([vi.StringTable("040904B0", strings)]),
            vi.VarFileInfo([vi.VarStruct("Translation", [1033, 1200])]),
        ],
    )


def info_plist() -> dict[str, object]:
    """macOS Info.plist entries beyond PyInstaller's defaults."""
    return {
        "CFBundleName": NAME,
        "CFBundleDisplayName": NAME,
        "CFBundleShortVersionString": version(),
        "CFBundleVersion": version(),
        "NSHighResolutionCapable": True,
        "LSMinimumSystemVersion": "12.0",
        # Shown when macOS asks whether the app may talk to phones on the local network.
        "NSLocalNetworkUsageDescription": (
            "Phones in the room open the workshop page served by this laptop."
        ),
    }


def desktop_entry(exec_path: str = NAME, icon: str = "facilitator") -> str:
    """The Linux .desktop file; install-desktop-entry.sh fills in the absolute path."""
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={NAME}\n"
        "GenericName=Breakout sessions\n"
        "Comment=Offline breakout sessions: phones post notes to this laptop\n"
        "Comment[nl]=Werksessies zonder internet: telefoons sturen briefjes naar deze laptop\n"
        f"Exec={exec_path} %f\n"
        f"Icon={icon}\n"
        "Terminal=false\n"
        "Categories=Office;Education;\n"
        "StartupWMClass=Facilitator\n"
    )

"""What the bundled app keeps and leaves out, and what it says about itself, checked
without building it (tools/bundle/settings.py; the build itself runs in .ci/run)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator import identity

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools" / "bundle"))

import settings  # noqa: E402  (tools/bundle)


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so", True),
        ("PySide6/Qt/lib/libQt6Core.so.6", True),  # not a plugin: never filtered
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),  # would pull GTK
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6\\plugins\\tls\\qschannelbackend.dll", False),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", False),
    ],
)
def test_which_qt_plugins_go_in(dest: str, kept: bool) -> None:
    assert settings.keep_binary(dest) is kept


def test_only_the_interface_languages_of_qt_go_in_and_all_of_ours() -> None:
    assert settings.keep_data("PySide6/Qt/translations/qtbase_nl.qm")
    assert settings.keep_data("PySide6/Qt/translations/qtbase_en.qm")
    assert not settings.keep_data("PySide6/Qt/translations/qtbase_de.qm")
    assert not settings.keep_data("PySide6/Qt/translations/qt_nl.qm")
    assert settings.keep_data("facilitator/_resources/translations/facilitator_en.qm")


def test_the_bundle_says_pyprojects_version() -> None:
    assert settings.version() == identity.version()
    assert settings.version_tuple()[:3] == tuple(int(n) for n in identity.version().split("."))


def test_windows_version_resource_names_app_and_version() -> None:
    strings = settings.windows_version_strings("Facilitator")
    assert strings["ProductName"] == "Facilitator"
    assert strings["ProductVersion"] == strings["FileVersion"] == identity.version()
    assert strings["OriginalFilename"] == "Facilitator.exe"


def test_macos_info_plist_has_version_and_explains_the_local_network() -> None:
    plist = settings.info_plist()
    assert plist["CFBundleShortVersionString"] == identity.version()
    assert "phones" in str(plist["NSLocalNetworkUsageDescription"]).lower()


def test_desktop_entry_is_valid(tmp_path: Path) -> None:
    entry = settings.desktop_entry()
    lines = entry.splitlines()
    assert lines[0] == "[Desktop Entry]"
    fields = dict(line.split("=", 1) for line in lines[1:])
    assert fields["Name"] == "Facilitator" and fields["Icon"] == "facilitator"
    assert fields["Exec"] == "Facilitator %f" and fields["Type"] == "Application"
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate (desktop-file-utils, in .ci/run) is not installed")
    path = tmp_path / "facilitator.desktop"
    path.write_text(entry, encoding="utf-8")
    done = subprocess.run([validator, str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr

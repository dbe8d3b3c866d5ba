"""Builds the self-contained app for the platform it runs on: `uv run python tools/build_app.py`.

Out come dist/Facilitator/ (the folder: the program, Qt and Python inside, no Python
needed on the machine) and one archive of it in dist/:

- Linux: Facilitator-<version>-linux-<arch>.tar.gz, the folder plus facilitator.desktop,
  the icon and install-desktop-entry.sh (adds the app to the desktop's menu);
- Windows: Facilitator-<version>-windows-<arch>.zip, the folder with Facilitator.exe
  (windowed, icon and version information) and facilitator-cli.exe (console);
- macOS: Facilitator-<version>-macos-<arch>.zip holding Facilitator.app (unsigned).

PyInstaller does the freezing (chosen by measurement: docs/DECISIONS.md); what goes in
and what is left out is in tools/bundle/settings.py. `--full` builds without leaving
anything out, to measure what slimming saves. Prints build time and sizes.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import stat
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "tools" / "bundle"
sys.path.insert(0, str(BUNDLE))

import settings  # noqa: E402  (tools/bundle, put on the path just above)

INSTALL_DESKTOP_ENTRY = """#!/bin/sh
# Adds Facilitator to this user's application menu, pointing at this folder.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor"
mkdir -p "$apps"
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "$icons/${size}x${size}/apps"
  cp "$here/_internal/facilitator/_resources/icons/png/facilitator-$size.png" \\
     "$icons/${size}x${size}/apps/facilitator.png"
done
sed "s|^Exec=.*|Exec=\\"$here/Facilitator\\" %f|" "$here/facilitator.desktop" \\
  > "$apps/facilitator.desktop"
echo "Facilitator added to the menu ($apps/facilitator.desktop)"
"""


def folder_size(path: Path) -> int:
    """Bytes in regular files, symlinks not followed (as the archive stores them)."""
    return sum(f.lstat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def machine() -> str:
    arch = platform.machine().lower()
    return {"amd64": "x86_64", "arm64": "arm64", "aarch64": "arm64"}.get(arch, arch)


def platform_name() -> str:
    return {"win32": "windows", "darwin": "macos"}.get(sys.platform, "linux")


def run_pyinstaller(dist: Path, work: Path, slim: bool) -> None:
    env = dict(os.environ, FACILITATOR_BUNDLE_SLIM="1" if slim else "0")
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(BUNDLE / "facilitator.spec"),
    ]
    subprocess.run(command, check=True, env=env, cwd=ROOT)


def linux_extras(folder: Path) -> None:
    (folder / "facilitator.desktop").write_text(settings.desktop_entry(), encoding="utf-8")
    shutil.copyfile(
        ROOT / "resources" / "icons" / "png" / "facilitator-256.png", folder / "facilitator.png"
    )
    script = folder / "install-desktop-entry.sh"
    script.write_text(INSTALL_DESKTOP_ENTRY, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def archive(dist: Path) -> Path:
    base = f"{settings.NAME}-{settings.version()}-{platform_name()}-{machine()}"
    if sys.platform == "darwin":
        target = dist / f"{base}.zip"
        # ditto keeps the .app's symlinks and extended attributes, as Finder's zip does.
        subprocess.run(
            ["ditto", "-c", "-k", "--keepParent", str(dist / f"{settings.NAME}.app"), str(target)],
            check=True,
        )
        return target
    if sys.platform == "win32":
        return Path(shutil.make_archive(str(dist / base), "zip", dist, settings.NAME))
    target = dist / f"{base}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(dist / settings.NAME, arcname=settings.NAME)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--full",
        action="store_true",
        help="keep every Qt plugin and translation (to measure slimming)",
    )
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    parser.add_argument("--no-archive", action="store_true")
    args = parser.parse_args(argv)

    started = time.monotonic()
    run_pyinstaller(args.dist, args.work, slim=not args.full)
    built = time.monotonic() - started
    folder = args.dist / settings.NAME
    if sys.platform.startswith("linux"):
        linux_extras(folder)
    print(
        f"built {folder} in {built:.0f} s: {folder_size(folder) / 1e6:.1f} MB"
        f"{' (full, nothing left out)' if args.full else ''}"
    )
    if sys.platform == "darwin":
        app = args.dist / f"{settings.NAME}.app"
        print(f"macOS app: {app} ({folder_size(app) / 1e6:.1f} MB, unsigned)")
    if not args.no_archive:
        started = time.monotonic()
        target = archive(args.dist)
        print(
            f"archive {target}: {target.stat().st_size / 1e6:.1f} MB"
            f" in {time.monotonic() - started:.0f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

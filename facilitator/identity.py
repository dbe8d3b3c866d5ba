"""The application's name and version, from one place.

The version comes from the installed distribution's metadata (pyproject.toml is the only
place it is written by hand); `facilitator.__version__` is the fallback for a frozen
build that lost its metadata, and a test keeps the two equal. Qt-free, so the command
line's `--version` does not load Qt.
"""

from __future__ import annotations

from importlib import metadata

import facilitator

NAME = "Facilitator"
DISTRIBUTION = "facilitator"


def version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # a bundle built without the dist-info
        return facilitator.__version__


def title() -> str:
    """`Facilitator 0.1.0`: what `--version` prints and the About box heads with."""
    return f"{NAME} {version()}"

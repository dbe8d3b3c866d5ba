"""The one way to reach files under resources/ (web page, templates, report styles).

From a checkout the folder sits beside the package; in a built wheel it is packed as
facilitator/_resources. importlib.resources finds both, frozen builds included.
"""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path


def root() -> Traversable:
    packed = resources.files("facilitator") / "_resources"
    if packed.is_dir():
        return packed
    return Path(__file__).resolve().parent.parent / "resources"


def path(*parts: str) -> Traversable:
    node = root()
    for part in parts:
        node = node / part
    return node


def read_bytes(*parts: str) -> bytes:
    return path(*parts).read_bytes()


def read_text(*parts: str) -> str:
    return path(*parts).read_text(encoding="utf-8")

"""The ports a workshop may keep: plain numbers, shared by the store (which chooses one
for a new file), the engine (which refuses a bad one) and the editor (which shows them)."""

from __future__ import annotations

LEGACY_PORT = 8321  # what every file had before ports were kept (schema < 7)
PORT_RANGE = range(8322, 8400)  # where a new workshop's port is drawn from
LOWEST, HIGHEST = 1024, 65535  # below 1024 needs administrator rights on most systems

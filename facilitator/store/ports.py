"""Which port a new workshop file gets: one that is free now, in a range of its own.

The port is part of the address printed on the table cards, so it is chosen once, when
the file is made, and kept (schema 7). A range above the usual development ports (8000,
8080, 8888) and away from 8321 itself, the port every file had before, makes it likely
that two workshops prepared on one laptop do not want the same port; the choice is
random within the range, not "the first free one", for the same reason: the first free
port is the same for every workshop made while none is running.

A socket is bound and closed here to ask the system; that is all the I/O this module does.
"""

from __future__ import annotations

import os
import random
import socket

from facilitator.domain.ports import HIGHEST, LEGACY_PORT, LOWEST, PORT_RANGE

__all__ = ["HIGHEST", "LEGACY_PORT", "LOWEST", "PORT_RANGE", "choose_port", "is_free"]


def is_free(port: int, host: str = "0.0.0.0") -> bool:
    """True when a server could listen on `port` now (nobody else listens there)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As the participant server binds (server.py): a port left in TIME_WAIT by the
        # last run counts as free, one with a listener does not.
        if os.name != "nt":
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def choose_port(rng: random.Random | None = None, avoid: frozenset[int] = frozenset()) -> int:
    """A free port in PORT_RANGE (not in `avoid`); the range's first port if none is."""
    candidates = [p for p in PORT_RANGE if p not in avoid]
    (rng or random.SystemRandom()).shuffle(candidates)
    for port in candidates[:40]:  # a few binds at most; a busy range is unusual
        if is_free(port):
            return port
    return PORT_RANGE[0]

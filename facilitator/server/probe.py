"""The connectivity test: before the room fills, the facilitator scans a test QR code;
the page it opens reports back, so the laptop can say "a phone reached me".

Guest Wi-Fi often isolates clients from each other; this finds out at 09:15, not at
10:00. A probe is a random nonce the laptop made; only a hit on a known nonce counts.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass

from aiohttp import web

from facilitator.server import pages
from facilitator.server.errors import ApiError

PROBE_KEY: web.AppKey[ProbeBoard] = web.AppKey("facilitator_probes")
_KEEP = 20  # a facilitator tests a handful of times; older probes are forgotten


@dataclass(frozen=True, slots=True)
class ProbeHit:
    nonce: str
    address: str  # the phone's address as the laptop saw it
    user_agent: str
    at: float  # wall-clock time on the laptop


class ProbeBoard:
    """Probes made by the GUI thread and hits recorded by the server thread (locked)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: list[str] = []
        self._hits: dict[str, ProbeHit] = {}

    def new(self) -> str:
        nonce = secrets.token_urlsafe(9)
        with self._lock:
            self._open = [*self._open[-(_KEEP - 1):], nonce]
        return nonce

    def record(self, nonce: str, address: str, user_agent: str) -> ProbeHit | None:
        with self._lock:
            if nonce not in self._open:
                return None
            hit = ProbeHit(nonce, address, user_agent[:200], time.time())
            self._hits[nonce] = hit
            return hit

    def hit(self, nonce: str) -> ProbeHit | None:
        with self._lock:
            return self._hits.get(nonce)


async def probe_page(request: web.Request) -> web.Response:
    found = request.app[pages.PAGE_KEY].get("probe.html")
    if found is None:
        raise web.HTTPNotFound()
    return web.Response(body=found[0], content_type="text/html", charset="utf-8",
                        headers={"Cache-Control": "no-store"})


async def probe_hit(request: web.Request) -> web.Response:
    board = request.app[PROBE_KEY]
    hit = board.record(request.match_info["nonce"], request.remote or "",
                       request.headers.get("User-Agent", ""))
    if hit is None:
        raise ApiError(404, "unknown_probe", "this test code is not (or no longer) valid")
    return web.json_response({"ok": True, "address": hit.address})


def add_routes(app: web.Application, board: ProbeBoard) -> None:
    app[PROBE_KEY] = board
    app.router.add_get(r"/t/{nonce:[A-Za-z0-9_-]{8,32}}", probe_page)
    app.router.add_post(r"/api/probe/{nonce:[A-Za-z0-9_-]{8,32}}", probe_hit)

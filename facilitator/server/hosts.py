"""The Host header: parsed exactly, checked against the names this laptop answers to.

Why exact parsing: a lenient split ("everything before the last colon") answered
`localhost:1@evil.example` and `[::1]evil` as if they were localhost. A Host header is
`name[:port]` or `[ipv6][:port]`, nothing else, and anything else is refused (421).

Why a thread: finding this laptop's addresses may ask DNS (the hostname lookup), and
where DNS never answers that call blocks for seconds. The server's event loop must
never make it, so the allowlist only reads a set in memory; a daemon thread keeps the
set current (every `REFRESH_S`, and soon after a request names a host not in it, which
is what a laptop that changed Wi-Fi sees first).
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
from collections.abc import Callable, Iterable

from facilitator.server.network import lan_ipv4_addresses

REFRESH_S = 10.0  # the laptop may change Wi-Fi; look again for its addresses this often
MIN_GAP_S = 1.0  # unknown Host headers wake the thread, but no more often than this
# A registered name: dot-separated labels of letters, digits and inner hyphens (no
# trailing dot: "localhost." is another name to a browser's same-origin rules).
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_NAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
_PORT = re.compile(r"[0-9]{1,5}")


def parse_host(header: str) -> tuple[str, int | None] | None:
    """'192.168.1.20:8321' -> ('192.168.1.20', 8321); '[::1]' -> ('[::1]', None).

    None for anything that is not exactly a host name or IP literal with an optional
    decimal port (1-65535): user info, paths, junk after a bracket, empty parts.
    """
    text = header.strip().lower()
    if not text.isascii():
        return None
    if text.startswith("["):
        end = text.find("]")
        if end < 0:
            return None
        literal, rest = text[1:end], text[end + 1 :]
        try:
            ipaddress.IPv6Address(literal)
        except ValueError:
            return None
        name = f"[{literal}]"
    else:
        name, colon, port_text = text.partition(":")
        rest = colon + port_text
        if not _NAME.fullmatch(name):
            return None
    if not rest:
        return name, None
    if not rest.startswith(":") or not _PORT.fullmatch(rest[1:]):
        return None
    port = int(rest[1:])
    return (name, port) if 0 < port < 65536 else None


class HostAllowlist:
    """Names this server answers to. Thread-safe: the GUI may add an address any time.

    `allows` never does I/O; `start` runs the thread that refreshes the laptop's own
    addresses, `stop` ends it (it may be stuck in a lookup: it is a daemon, not joined).
    """

    def __init__(
        self, extra: Iterable[str] = (), lookup: Callable[[], list[str]] | None = None
    ) -> None:
        self._lock = threading.Lock()
        self._lookup = lookup
        self._fixed = {"localhost", "127.0.0.1", "[::1]"}
        for host in extra:
            if host and host not in ("0.0.0.0", "::"):
                self.add(host)
        try:
            hostname = socket.gethostname().lower()  # the kernel's name: no DNS
            self._fixed.update({hostname, f"{hostname}.local"})
        except OSError:
            pass
        self._machine: frozenset[str] = frozenset()
        self._wake = threading.Event()
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self.refreshes = 0  # completed lookups, for tests and the curious

    def add(self, host: str) -> None:
        bare = host.strip().lower()
        if ":" in bare and not bare.startswith("["):
            bare = f"[{bare}]"  # an IPv6 address as the QR code's URL writes it
        parsed = parse_host(bare)
        name = parsed[0] if parsed is not None else bare
        with self._lock:
            self._fixed.add(name)

    def allows(self, header: str) -> bool:
        """Is `header` exactly a name (and optional port) of this laptop? Never blocks."""
        parsed = parse_host(header)
        if parsed is None:
            return False
        name = parsed[0]
        with self._lock:
            if name in self._fixed or name in self._machine:
                return True
        self._wake.set()  # perhaps a new network: let the thread look again now
        return False

    # -- the refresher thread ----------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(
            target=self._refresh_forever, daemon=True, name="host-allowlist"
        )
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._wake.set()

    def refresh(self) -> None:
        """Look up this laptop's addresses now (the caller's thread; may block on DNS)."""
        fresh = frozenset((self._lookup or lan_ipv4_addresses)())
        with self._lock:
            self._machine = fresh
            self.refreshes += 1

    def _refresh_forever(self) -> None:
        while not self._stopped.is_set():
            self.refresh()
            # Every REFRESH_S, or sooner when a request named an unknown host; at most
            # one lookup per MIN_GAP_S however many unknown hosts arrive.
            self._wake.wait(REFRESH_S)
            self._wake.clear()
            if self._stopped.wait(MIN_GAP_S):
                return

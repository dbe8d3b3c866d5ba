"""Which IPv4 addresses of this laptop a phone on the venue network could reach.

The join panel offers them (best first) for the QR code, and the server's Host allowlist
accepts them. Standard library only and Qt-free, so it runs on the server thread and in
tests without a display.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import sys

# A TEST-NET address: connecting a UDP socket to it sends no packet, but makes the OS
# pick the interface of the default route, which is the one phones most likely share.
_PROBE = ("192.0.2.1", 9)


def _primary() -> list[str]:
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect(_PROBE)
        return [str(s.getsockname()[0])]
    return []


def _linux_interfaces() -> list[str]:
    """Every interface's address via SIOCGIFADDR (Linux only; elsewhere the other probes)."""
    if not sys.platform.startswith("linux"):
        return []
    import fcntl
    import struct

    found: list[str] = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        for _index, name in socket.if_nameindex():
            with contextlib.suppress(OSError):
                packed = struct.pack("256s", name[:15].encode())
                raw = fcntl.ioctl(s.fileno(), 0x8915, packed)  # SIOCGIFADDR
                found.append(socket.inet_ntoa(raw[20:24]))
    return found


def _hostname() -> list[str]:
    with contextlib.suppress(OSError, UnicodeError):
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        return [str(info[4][0]) for info in infos]
    return []


def _rank(address: str) -> int:
    ip = ipaddress.IPv4Address(address)
    if ip.is_link_local:  # 169.254/16: no DHCP answer; works only phone-to-laptop direct
        return 2
    return 0 if ip.is_private else 1


def lan_ipv4_addresses() -> list[str]:
    """Non-loopback IPv4 addresses of this machine, best first; [] when offline."""
    seen: list[str] = []
    for address in [*_primary(), *_linux_interfaces(), *_hostname()]:
        try:
            ip = ipaddress.IPv4Address(address)
        except ValueError:
            continue
        if ip.is_loopback or ip.is_unspecified or ip.is_multicast or address in seen:
            continue
        seen.append(address)
    # sorted() is stable: within a rank the default-route address stays first.
    return sorted(seen, key=_rank)

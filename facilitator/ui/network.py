"""The laptop's network addresses as Qt sees them, and what to warn about.

QNetworkInterface lists every interface that is up, with its flags, on every platform;
the join panel offers these addresses for the QR code.
"""

from __future__ import annotations

import ipaddress

from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface


def interface_addresses() -> list[str]:
    """IPv4 addresses of interfaces that are up and running, not loopback.

    Private-range addresses (the venue Wi-Fi, a travel router) come first.
    """
    found: list[str] = []
    wanted = QNetworkInterface.InterfaceFlag.IsUp | QNetworkInterface.InterfaceFlag.IsRunning
    for interface in QNetworkInterface.allInterfaces():
        flags = interface.flags()
        if (flags & wanted) != wanted or flags & QNetworkInterface.InterfaceFlag.IsLoopBack:
            continue
        for entry in interface.addressEntries():
            ip = entry.ip()
            if ip.protocol() == QAbstractSocket.NetworkLayerProtocol.IPv4Protocol:
                text = ip.toString()
                if text not in found and not text.startswith("169.254."):
                    found.append(text)
    return sorted(found, key=lambda a: (not is_private(a), found.index(a)))


def is_private(address: str) -> bool:
    """True for 10/8, 172.16/12, 192.168/16 (and other non-global ranges like CGNAT)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return ip.is_private and not ip.is_loopback and not ip.is_link_local


def is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False

"""The network check: a test QR code whose page reports back to the laptop, and plain
warnings when the chosen address cannot work."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from facilitator.engine import Engine
from facilitator.server import ParticipantServer
from facilitator.ui.network import interface_addresses, is_private
from facilitator.ui.network_check import NetworkCheck
from tests.test_phone_support import PHONE, browser_fixture
from tests.test_server_support import request, running


@pytest.fixture
def server(engine: Engine, workshop_path: Path) -> Iterator[ParticipantServer]:
    with running(engine, workshop_path) as srv:
        yield srv


def test_probe_counts_only_codes_the_laptop_made(server: ParticipantServer) -> None:
    nonce = server.probes.new()
    page = request(server.port, "GET", f"/t/{nonce}")
    assert page.status == 200 and b"/static/probe.js" in page.raw
    assert server.probes.hit(nonce) is None  # opening is not enough: the page reports
    assert request(server.port, "POST", f"/api/probe/{nonce}", {}).status == 200
    hit = server.probes.hit(nonce)
    assert hit is not None and hit.address == "127.0.0.1"
    unknown = request(server.port, "POST", "/api/probe/notacode123", {})
    assert unknown.status == 404 and unknown.code == "unknown_probe"


@pytest.mark.browser
def test_a_phone_opening_the_test_code_is_reported(server: ParticipantServer) -> None:
    nonce = server.probes.new()
    for browser in browser_fixture():
        context = browser.new_context(viewport=PHONE, locale="nl-NL")
        page = context.new_page()
        page.goto(server.probe_url(nonce, "127.0.0.1"))
        page.wait_for_function("document.getElementById('probe-status').textContent"
                               ".startsWith('Gelukt')")
        context.close()
    assert server.probes.hit(nonce) is not None


def test_check_panel_shows_the_test_code_and_the_result(qtbot: Any, tmp_path: Path,
                                                         server: ParticipantServer) -> None:
    check = NetworkCheck(server, "127.0.0.1")
    qtbot.addWidget(check)
    check.show()
    assert "alleen op deze laptop" in check.warning_label.text()
    qtbot.mouseClick(check.test_button, Qt.MouseButton.LeftButton)
    url = check.probe_url()
    assert url.startswith(f"http://127.0.0.1:{server.port}/t/")
    image = tmp_path / "probe-qr.png"
    check.qr.grab().save(str(image))
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)],
                             capture_output=True, text=True, check=True).stdout.strip()
    assert decoded == url
    nonce = url.rsplit("/", 1)[-1]
    with qtbot.waitSignal(check.phoneReached, timeout=3000) as reached:
        assert request(server.port, "POST", f"/api/probe/{nonce}", {}).status == 200
    assert reached.args == ["127.0.0.1"]
    assert check.result_label.text().startswith("Gelukt")


def test_warnings_name_what_cannot_work(qtbot: Any) -> None:
    check = NetworkCheck(object(), "")
    qtbot.addWidget(check)
    assert "geen enkel netwerk" in check.warning_label.text()
    check.set_address("8.8.8.8")
    assert "geen adres van een lokaal netwerk" in check.warning_label.text()
    check.set_address("192.168.1.20")
    assert check.warning_label.text() == ""
    assert NetworkCheck(None, "192.168.1.20").address_warning("192.168.1.20")


def test_interface_addresses_are_ipv4_and_not_loopback() -> None:
    found = interface_addresses()
    assert all(a.count(".") == 3 and not a.startswith("127.") for a in found)
    assert found == sorted(found, key=lambda a: not is_private(a))
    assert is_private("10.0.0.5") and is_private("172.20.1.1") and not is_private("1.1.1.1")

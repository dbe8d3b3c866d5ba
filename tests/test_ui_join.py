"""The join panel: a phone camera must read exactly the join URL off the QR code, and the
plain URL, code, addresses and phone count must be there as the fallback."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths

from facilitator.domain.model import Group
from facilitator.ui.qr import QUIET_ZONE, qr_image, qr_matrix
from facilitator.ui.run.join_panel import LOOPBACK, JoinPanel

ZBARIMG = shutil.which("zbarimg") or "/usr/bin/zbarimg"

# The offscreen platform cannot pass size hints to a window manager; it says so once.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def sandboxed_settings(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    qapp.setOrganizationName("Facilitator")
    qapp.setApplicationName("Facilitator")
    yield
    QStandardPaths.setTestModeEnabled(False)


class CountingServer:
    """Stands in for ParticipantServer where a test needs to choose the counts."""

    def __init__(self) -> None:
        self.counts = {None: 0}

    def join_url(self, group_code: str, address: str) -> str:
        return f"http://{address}:8321/j/{group_code}"

    def connected_count(self, group_id: int | None = None) -> int:
        return self.counts.get(group_id, 0)


def _decode(png: Path) -> str:
    result = subprocess.run([ZBARIMG, "--raw", "-q", str(png)], capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_qr_matrix_has_the_quiet_zone() -> None:
    matrix = qr_matrix("http://192.168.1.20:8321/j/ABCDE")
    assert len(matrix) == len(matrix[0])
    for row in matrix[:QUIET_ZONE] + matrix[-QUIET_ZONE:]:
        assert not any(row)
    for row in matrix:
        assert not any(row[:QUIET_ZONE]) and not any(row[-QUIET_ZONE:])


def test_qr_image_decodes(tmp_path: Path) -> None:
    url = "http://10.0.0.7:8321/j/K7PQ2"
    target = tmp_path / "card.png"
    assert qr_image(url, module_px=6).save(str(target))
    assert _decode(target) == url


def test_join_panel_qr_decodes_to_exactly_the_join_url(qtbot, engine, workshop_path,
                                                       tmp_path: Path) -> None:
    from facilitator.server import ParticipantServer
    from facilitator.store import Store

    store = Store.open(workshop_path, readonly=True)
    group = store.groups()[2]
    store.close()
    server = ParticipantServer(engine, workshop_path, host="127.0.0.1", port=0)
    port = server.start()
    try:
        panel = JoinPanel(server, lambda: ["192.168.178.23"])
        qtbot.addWidget(panel)
        panel.resize(380, 640)
        panel.set_group(group)
        panel.show()
        qtbot.waitExposed(panel)
        assert panel.address() == "192.168.178.23"
        expected = server.join_url(group.code, "192.168.178.23")
        assert f":{port}/" in expected and expected.endswith(group.code)
        assert panel.url_label.text() == expected
        assert panel.code_label.text() == group.code
        target = tmp_path / "join.png"
        assert panel.qr.grab().save(str(target))
        assert _decode(target) == expected

        panel.address_combo.setCurrentText(LOOPBACK)
        assert panel.qr.data() == server.join_url(group.code, LOOPBACK)
        panel.qr.grab().save(str(target))
        assert _decode(target) == server.join_url(group.code, LOOPBACK)
    finally:
        server.stop()


def test_addresses_offer_the_lan_first_and_loopback_last(qtbot) -> None:
    panel = JoinPanel(CountingServer(), lambda: ["127.0.0.1", "10.1.2.3", "192.168.0.9"])
    qtbot.addWidget(panel)
    items = [panel.address_combo.itemText(i) for i in range(panel.address_combo.count())]
    assert items == ["10.1.2.3", "192.168.0.9", LOOPBACK]


def test_address_choice_is_remembered(qtbot) -> None:
    first = JoinPanel(CountingServer(), lambda: ["10.1.2.3", "192.168.0.9"])
    qtbot.addWidget(first)
    first.address_combo.setCurrentText("192.168.0.9")
    again = JoinPanel(CountingServer(), lambda: ["10.1.2.3", "192.168.0.9"])
    qtbot.addWidget(again)
    assert again.address() == "192.168.0.9"


def test_phone_count_follows_the_server(qtbot) -> None:
    server = CountingServer()
    panel = JoinPanel(server, lambda: ["10.1.2.3"])
    qtbot.addWidget(panel)
    panel.set_group(Group(id=5, name="Tafel 5", code="ABCDE", position=4))
    server.counts = {None: 9, 5: 4}
    qtbot.waitUntil(lambda: "4 in deze groep, 9 in totaal" in panel.phones_label.text(),
                    timeout=3000)


def test_user_text_shows_as_plain_text(qtbot) -> None:
    panel = JoinPanel(CountingServer(), lambda: ["10.1.2.3"])
    qtbot.addWidget(panel)
    panel.set_group(Group(id=1, name="<i>Tafel</i> & co", code="ABCDE", position=0))
    assert panel.group_label.text() == "<i>Tafel</i> & co"
    from PySide6.QtCore import Qt

    assert panel.group_label.textFormat() == Qt.TextFormat.PlainText


def test_without_a_server_the_panel_says_so(qtbot) -> None:
    panel = JoinPanel(None, lambda: ["10.1.2.3"])
    qtbot.addWidget(panel)
    panel.set_group(Group(id=1, name="Tafel 1", code="ABCDE", position=0))
    assert panel.join_url() == ""
    assert "draait niet" in panel.status_label.text()

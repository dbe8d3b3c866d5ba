"""The suite provides what it needs or fails loudly: never a silent skip."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import system_tools


def test_a_missing_tool_fails_with_the_install_line() -> None:
    with pytest.raises(pytest.fail.Exception, match="apt-get install no-such-package"):
        system_tools.require_tool("no-such-tool-here", "no-such-package", browser=True)


def test_axe_is_installed_when_missing_and_a_failing_install_fails_loudly(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(system_tools, "A11Y", tmp_path)  # no package.json: npm ci fails
    monkeypatch.setattr(system_tools, "AXE", tmp_path / "node_modules" / "axe.min.js")
    with pytest.raises(pytest.fail.Exception, match="npm ci --prefix tests/a11y failed"):
        system_tools.provide_axe()

"""`python -m renkei.cli` is the `renkei` command."""

from __future__ import annotations

import runpy
import sys

import pytest


def test_python_dash_m_runs_the_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["renkei", "--help"])
    with pytest.raises(SystemExit) as exited:
        runpy.run_module("renkei.cli", run_name="__main__")
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("Usage: ") and "COMMAND [ARGS]" in out
    assert "validate" in out and "verify-bundle" in out

"""`renkei docs cli` and `renkei docs errors` print docs/cli.md and docs/errors.md as committed
(a change to a command or a finding code without `make docs` fails here)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from helpers.registry import REPO
from renkei.cli import main


@pytest.mark.parametrize("page", ["cli", "errors"])
def test_the_generated_page_is_the_committed_one(page: str) -> None:
    result = CliRunner().invoke(main, ["docs", page], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output == (REPO / "docs" / f"{page}.md").read_text(encoding="utf-8")

"""Writing the national summary to a file: the chosen format, and for Markdown the tile map
beside it (NAME.svg), which the Markdown links to."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from renkei.registry.safe_files import write_atomic
from renkei.summary.build import NationalSummary
from renkei.summary.render import RENDERERS

#: The map's file name that Markdown printed to standard output links to.
DEFAULT_MAP_NAME = "summary.svg"
#: A CSV file for people starts with a byte order mark, so that Excel reads it as UTF-8 (the
#: registry's own CSV files never do; standard output never does).
BOM = "\ufeff"


def file_text(output_format: str, text: str) -> str:
    """The text of a summary file: a CSV with the byte order mark, the others as rendered."""
    return BOM + text if output_format == "csv" else text


def write_summary(
    data: NationalSummary, output: Path, output_format: str, lang: str
) -> Iterator[Path]:
    """Write the summary in `output_format` to `output` (atomically); Markdown also writes its
    map beside it. Yields each path once it is written."""
    map_path = output.with_suffix(".svg")
    write_atomic(
        output, file_text(output_format, RENDERERS[output_format].render(data, lang, map_path.name))
    )
    yield output
    if output_format == "markdown":
        write_atomic(map_path, RENDERERS["svg"].render(data, lang))
        yield map_path

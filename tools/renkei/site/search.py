"""Search over the site with Pagefind, run at build time over the output (`python -m pagefind
--site DIR`): it indexes the pages marked `data-pagefind-body` (prefectures, visions, platforms;
municipalities are on their prefecture's page), each language apart (the `lang` of <html>)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from renkei.site.model import SiteError

INDEX_DIR = "pagefind"
#: The pages searched: prefectures (with their municipalities), visions and platforms.
_PAGES = ("prefectures/*/index.html", "prefectures/*/vision.html", "platforms/*/index.html")
INDEXED = "{" + ",".join([*_PAGES, *(f"en/{p}" for p in _PAGES)]) + "}"


def index_site(out_dir: Path) -> list[Path]:
    """Run Pagefind over OUT_DIR; the files of its index (OUT_DIR/pagefind/)."""
    try:
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "pagefind",
                "--site",
                str(out_dir),
                "--output-subdir",
                INDEX_DIR,
                "--glob",
                INDEXED,
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise SiteError(
            f"Pagefind could not run: {error}", f"Pagefind を実行できません: {error}"
        ) from error
    if completed.returncode != 0:
        detail = (completed.stderr or completed.stdout).strip().splitlines()[-1:] or ["?"]
        raise SiteError(
            f"Pagefind failed to index the site: {detail[0]}",
            f"Pagefind がサイトの索引を作れませんでした: {detail[0]}",
        )
    return sorted(p for p in (out_dir / INDEX_DIR).rglob("*") if p.is_file())

"""Render the HTML diff of a SYNTHETIC change, for a look at it (make diff-look).

A synthetic registry (generate_registry.py) is committed, then changed as a prefecture would
change it: a new platform, a platform's status and fields, a new vision revision with its summary
and a consultation desk. `renkei diff` renders HEAD~1..HEAD of that prefecture as HTML.

    python benchmarks/diff_look.py OUT_DIR   (writes OUT_DIR/diff.html)
"""

from __future__ import annotations

import argparse
import copy
import os
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_registry import _dump, generate  # noqa: E402

FOLDER = "13-tokyo"
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "synthetic",
    "GIT_AUTHOR_EMAIL": "synthetic@example.org",
    "GIT_COMMITTER_NAME": "synthetic",
    "GIT_COMMITTER_EMAIL": "synthetic@example.org",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00+09:00",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00+09:00",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, env=ENV, capture_output=True)


def _change(root: Path) -> None:
    folder = root / "registry" / "prefectures" / FOLDER
    platforms_path, vision_path = folder / "platforms.yaml", folder / "vision.yaml"
    platforms = yaml.safe_load(platforms_path.read_text(encoding="utf-8"))
    items = platforms["platforms"]
    first = items[0]
    first["status"] = "to_be_retired" if first.get("status") != "to_be_retired" else "operating"
    first["fields"] = ["disaster_prevention", "health"]
    added = copy.deepcopy(first)
    added.update(
        id=f"{FOLDER}-synthetic-new",
        name="合成の新しい基盤（SYNTHETIC）",
        kind="field_specific",
        status="building",
        fields=["health"],
    )
    items.append(added)
    platforms_path.write_text(_dump(platforms), encoding="utf-8")
    vision = yaml.safe_load(vision_path.read_text(encoding="utf-8"))
    last = vision["revisions"][-1]
    vision["revisions"].append(
        {
            "fiscal_year": last["fiscal_year"] + 1,
            "number": last["number"] + 1,
            "adopted_on": f"{last['fiscal_year'] + 2}-03-31",
            "summary": "相談窓口を設け、目標の型を見直した（SYNTHETIC）",
            "publication_url": "https://example.org/synthetic-next",
        }
    )
    vision["target_type"] = "1.2"
    vision["consultation_desk"] = {
        "department": "合成データ課（SYNTHETIC）",
        "contact": "desk@example.org",
        "established": True,
    }
    vision_path.write_text(_dump(vision), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    root = generate(args.out / "registry", platforms=60)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "--no-verify", "-m", "synthetic registry")
    _change(root)
    _git(root, "commit", "-q", "--no-verify", "-am", "a synthetic change")
    renkei = Path(sys.executable).parent / "renkei"
    target = args.out / "diff.html"
    subprocess.run(
        [str(renkei), "diff", FOLDER, "HEAD~1", "HEAD", "--root", str(root), "--lang", "ja",
         "--format", "html", "-o", str(target.resolve())],
        check=True, env=ENV,
    )  # fmt: skip


if __name__ == "__main__":
    main()

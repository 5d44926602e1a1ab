"""Generate a SYNTHETIC Git history of the registry for the diff and log benchmarks.

Starts from the synthetic national-scale registry (generate_registry.py) and writes, with
`git fast-import`, 47 prefectures × 10 fiscal years (FY2016–FY2025) × 20 commits a year: each
year a prefecture records a new vision revision, changes municipal answers and changes one
platform's status. Tags `v2016` … `v2025` mark the end of each fiscal year. Every commit
message and data file says SYNTHETIC.

    python benchmarks/generate_history.py OUT_DIR [--years 10] [--per-year 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_registry import generate  # noqa: E402

FIRST_YEAR = 2016
JST = dt.timezone(dt.timedelta(hours=9))
STATUSES = ["planned", "building", "operating", "to_be_retired"]


class FastImport:
    """Writes a git fast-import stream."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.mark = 0

    def commit(self, when: dt.datetime, message: str, files: dict[str, bytes]) -> int:
        self.mark += 1
        stamp = f"{int(when.timestamp())} +0900"
        head = (
            f"commit refs/heads/main\nmark :{self.mark}\n"
            f"author Synthetic <synthetic@example.org> {stamp}\n"
            f"committer Synthetic <synthetic@example.org> {stamp}\n"
        ).encode()
        body = message.encode()
        self.chunks += [head, f"data {len(body)}\n".encode(), body, b"\n"]
        if self.mark > 1:
            self.chunks.append(f"from :{self.mark - 1}\n".encode())
        for path, data in files.items():
            self.chunks += [f"M 100644 inline {path}\ndata {len(data)}\n".encode(), data, b"\n"]
        self.chunks.append(b"\n")
        return self.mark

    def tag(self, name: str, mark: int) -> None:
        self.chunks.append(f"reset refs/tags/{name}\nfrom :{mark}\n\n".encode())

    def stream(self) -> bytes:
        return b"".join(self.chunks)


def _vision_with(text: str, fiscal_year: int, number: int) -> str:
    revision = (
        f"- fiscal_year: {fiscal_year}\n  number: {number}\n  adopted_on: '{fiscal_year + 1}-03-31'\n"
        "  summary: SYNTHETIC\n  publication_url: https://example.org/synthetic\n"
    )
    before, after = text.split("revisions:\n", 1)
    return f"{before}revisions:\n{revision}{after}"


def generate_history(target: Path, years: int = 10, per_year: int = 20, seed: int = 1) -> Path:
    rng = random.Random(seed)
    work = target.parent / (target.name + "-data")
    generate(work, seed=seed)
    if target.exists():
        shutil.rmtree(target)
    subprocess.run(["git", "init", "-q", "-b", "main", str(target)], check=True)
    importer = FastImport()
    files: dict[str, bytes] = {}
    for path in sorted(work.rglob("*")):
        if path.is_file() and ".renkei-cache" not in path.parts:
            files[path.relative_to(work).as_posix()] = path.read_bytes()
    # Start with no revision: each synthetic fiscal year adds one.
    folders = sorted({p.split("/")[2] for p in files if p.startswith("registry/prefectures/")})
    for folder in folders:
        key = f"registry/prefectures/{folder}/vision.yaml"
        text = files[key].decode()
        head, rest = text.split("revisions:\n", 1)
        rest = rest.split("current_type:", 1)[1]
        files[key] = f"{head}revisions: []\ncurrent_type:{rest}".encode()
    when = dt.datetime(FIRST_YEAR, 4, 1, 9, 0, tzinfo=JST)
    importer.commit(when, "SYNTHETIC: initial registry", files)
    for year in range(FIRST_YEAR, FIRST_YEAR + years):
        start = dt.datetime(year, 4, 2, 9, 0, tzinfo=JST)
        for step in range(per_year):
            for index, folder in enumerate(folders):
                when = start + dt.timedelta(days=step * 17, minutes=index)
                base = f"registry/prefectures/{folder}/"
                changed: dict[str, bytes] = {}
                if step == 0:
                    key = base + "vision.yaml"
                    text = files[key].decode().replace("revisions: []\n", "revisions:\n")
                    text = _vision_with(text, year, 1)
                    changed[key] = text.encode()
                elif step == per_year - 1:
                    key = base + "platforms.yaml"
                    text = files[key].decode()
                    old, new = rng.sample(STATUSES, 2)
                    changed[key] = text.replace(f"status: {old}", f"status: {new}", 1).encode()
                else:
                    key = base + "municipalities.csv"
                    lines = files[key].decode().splitlines(keepends=True)
                    row = rng.randrange(1, len(lines))
                    cells = lines[row].rstrip("\n").split(",")
                    cells[7] = f"SYNTHETIC {year}-{step}"
                    lines[row] = ",".join(cells) + "\n"
                    changed[key] = "".join(lines).encode()
                files.update(changed)
                mark = importer.commit(when, f"SYNTHETIC: {folder} FY{year} step {step}", changed)
        importer.tag(f"v{year}", mark)
    subprocess.run(
        ["git", "fast-import", "--quiet"], cwd=target, input=importer.stream(), check=True
    )
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=target, check=True)
    shutil.rmtree(work)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--per-year", type=int, default=20)
    args = parser.parse_args()
    generate_history(args.out, args.years, args.per_year)
    count = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=args.out, capture_output=True, text=True
    ).stdout.strip()
    print(f"synthetic history with {count} commits written to {args.out}")


if __name__ == "__main__":
    main()

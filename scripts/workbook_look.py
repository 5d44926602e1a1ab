"""The survey workbook as printed: export 東京都's workbook of a SYNTHETIC registry (made by
benchmarks/generate_registry.py), print it to PDF with LibreOffice, say how many pages it takes,
and convert its first page to PNG with pdftoppm (poppler-utils; `make workbook-look` installs it).

Usage: python scripts/workbook_look.py [OUTPUT.png]   (default docs/workbook-look.png)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "benchmarks" / "out" / "workbook-look"


def pages(pdf: Path) -> int:
    """How many pages the PDF has (its page objects)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


def main(target: Path) -> None:
    """Export, print and convert; print the page count."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate_registry import generate

    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    root = generate(OUT / "registry", platforms=120)
    workbook = OUT / "tokyo.xlsx"
    renkei = Path(sys.executable).with_name("renkei")
    subprocess.run([str(renkei), "export-xlsx", "13", "-o", str(workbook), "--root", str(root)],
                   check=True, capture_output=True)  # fmt: skip
    profile = f"-env:UserInstallation={(OUT / 'lo').as_uri()}"
    office = ["soffice", "--headless", profile]
    subprocess.run([*office, "--convert-to", "pdf", "--outdir", str(OUT), str(workbook)],
                   check=True, capture_output=True, timeout=300)  # fmt: skip
    pdf = OUT / "tokyo.pdf"
    print(f"{pdf.relative_to(REPO)}: {pages(pdf)} pages")
    stem = OUT / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(stem)], check=True)  # fmt: skip
    png = stem.with_suffix(".png")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(png, target)
    print(f"wrote {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "workbook-look.png")

"""Folders made once for the whole test run and shared by every xdist worker (a site of the
synthetic registry takes seconds to build; each worker building its own repeated that work).

The first worker to ask makes the folder under a file lock in the run's base temporary folder;
the others wait for it and then read the same folder. The folder is complete or absent: it is
marked done only after MAKE returned, and a failed MAKE is tried again by the next asker (whose
test then fails with the same error). Tests only read what they are given."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

DONE = ".made"


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder every worker of this run shares (the workers' own base folders' parent)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def made_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Path]
) -> Path:
    """What MAKE(folder) returns (a path inside the folder), made once in this run for NAME."""
    return made_once_in(run_folder(tmp_path_factory), name, make)


def made_once_in(base: Path, name: str, make: Callable[[Path], Path]) -> Path:
    """What MAKE(folder) returns (a path inside the folder), made once under BASE for NAME by
    whichever process asks first."""
    folder = base / f"shared-{name}"
    with FileLock(f"{folder}.lock"):
        done = folder.with_name(folder.name + DONE)
        if done.is_file():
            return folder / done.read_text(encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        made = make(folder)
        relative = made.relative_to(folder).as_posix()
        done.write_text(relative, encoding="utf-8")
        return made

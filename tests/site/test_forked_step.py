"""A build step in a forked process: what it writes (files, keys, cache entries) is recorded in
the build's writer as if written there, its value comes back, and its failure is a SiteError
(never a traceback, never a hang)."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from renkei.site.forked import ForkedStep
from renkei.site.model import SiteError
from renkei.site.output import SiteWriter


def _writes(writer: SiteWriter) -> str:
    writer.write("downloads/a.txt", "key-a", b"SYNTHETIC a")
    writer.emit("downloads/b.txt", "key-b", lambda: "SYNTHETIC b")
    writer.cache["step"] = {"made": 2}
    return "value"


def test_the_files_and_cache_it_writes_are_the_builds(tmp_path: Path) -> None:
    writer = SiteWriter(tmp_path, {})
    writer.cache["other"] = {"kept": True}
    step = ForkedStep(writer, _writes)
    assert step.result() == "value"
    assert writer.files == {"downloads/a.txt": "key-a", "downloads/b.txt": "key-b"}
    assert sorted(writer.result.written) == ["downloads/a.txt", "downloads/b.txt"]
    assert writer.cache == {"other": {"kept": True}, "step": {"made": 2}}
    assert (tmp_path / "downloads/b.txt").read_bytes() == b"SYNTHETIC b"
    writer.finish({})
    assert (tmp_path / "downloads/a.txt").is_file()


def _fails(writer: SiteWriter) -> None:
    raise SiteError("SYNTHETIC failure", "合成の失敗")


def _crashes(writer: SiteWriter) -> None:
    raise ValueError("SYNTHETIC crash")


@pytest.mark.parametrize(("work", "words"), [(_fails, "SYNTHETIC failure"), (_crashes, "crash")])
def test_a_failure_in_the_step_is_a_site_error(
    tmp_path: Path, work: Callable[[SiteWriter], None], words: str
) -> None:
    step = ForkedStep(SiteWriter(tmp_path, {}), work)
    with pytest.raises(SiteError) as caught:
        step.result()
    assert words in caught.value.message_en


def test_an_abandoned_step_leaves_no_process(tmp_path: Path) -> None:
    step = ForkedStep(SiteWriter(tmp_path, {}), _writes)
    process = step._process
    step.abandon()
    assert process is None or not process.is_alive()


def test_the_childs_message_carries_what_it_wrote(tmp_path: Path) -> None:
    """The forked side of a step, run here: its reply names the files it wrote with their keys
    and the cache entries it changed, and not the ones it found."""
    import multiprocessing as mp

    writer = SiteWriter(tmp_path, {})
    writer.cache["other"] = {"kept": True}
    step = ForkedStep(writer, _writes, fork=False)
    ours, theirs = mp.Pipe(duplex=False)
    step._child(theirs)
    status, value, files, written, kept, cache = ours.recv()
    assert (status, value, kept) == ("done", "value", [])
    assert files == {"downloads/a.txt": "key-a", "downloads/b.txt": "key-b"}
    assert sorted(written) == ["downloads/a.txt", "downloads/b.txt"]
    assert cache == {"step": {"made": 2}}


def test_without_fork_the_step_runs_when_its_result_is_asked(tmp_path: Path) -> None:
    writer = SiteWriter(tmp_path, {})
    step = ForkedStep(writer, _writes, fork=False)
    assert writer.files == {}
    assert step.result() == "value" and "downloads/a.txt" in writer.files


def test_a_forked_step_yields_the_cores_to_the_build(tmp_path: Path) -> None:
    """The step runs at a lower priority than the build (which waits for its pages and the
    search index first); run in this process (no fork), it keeps the build's."""
    import os

    from renkei.site.forked import NICENESS

    here = os.nice(0)
    forked = ForkedStep(SiteWriter(tmp_path / "a", {}), lambda _writer: os.nice(0))
    assert forked.result() == min(here + NICENESS, 19)
    alone = ForkedStep(SiteWriter(tmp_path / "b", {}), lambda _writer: os.nice(0), fork=False)
    assert alone.result() == here


def _works_in_a_temporary_folder(writer: SiteWriter) -> None:
    with tempfile.TemporaryDirectory(prefix="step-") as temp:
        (Path(temp) / "part.zip").write_bytes(b"SYNTHETIC part")
        time.sleep(60)


def _wait_until(done: Callable[[], object], seconds: float = 30) -> None:
    """Poll DONE until it is true or SECONDS have passed (the caller asserts what it needs)."""
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        time.sleep(0.01)


def _started_with_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, work: Callable[[SiteWriter], None], mark: str
) -> tuple[ForkedStep[None], Path]:
    """WORK started as a forked step with the temporary folder at tmp_path/temp, once the
    file MARK of its temporary folder is there; the step and that folder."""
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    step = ForkedStep(SiteWriter(tmp_path / "site", {}), work)
    _wait_until(lambda: list(temp.glob(f"*/step-*/{mark}")))
    return step, temp


def test_an_abandoned_step_leaves_nothing_in_the_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopped half-way (the build failed elsewhere), the step leaves no temporary files."""
    step, temp = _started_with_temp(tmp_path, monkeypatch, _works_in_a_temporary_folder, "part.zip")
    assert list(temp.glob("*/step-*/part.zip")), "the step never started its work"
    step.abandon()
    assert list(temp.iterdir()) == []


def test_a_finished_step_leaves_nothing_in_the_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    before = set(tmp_path.iterdir())
    assert ForkedStep(SiteWriter(tmp_path / "site", {}), _writes).result() == "value"
    assert set(tmp_path.iterdir()) - before == {tmp_path / "site"}


def _pool_for_ever(writer: SiteWriter) -> None:
    import multiprocessing as mp

    with (
        tempfile.TemporaryDirectory(prefix="step-") as temp,
        mp.get_context("fork").Pool(2) as pool,
    ):
        pids = " ".join(str(worker.pid) for worker in pool._pool)  # type: ignore[attr-defined]
        (Path(temp) / "workers.txt").write_text(pids, encoding="utf-8")
        pool.map(time.sleep, [60] * 4)


def _gone(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in status


def test_an_abandoned_step_stops_the_workers_it_forked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A step stopped half-way takes its pool's workers with it: none goes on building (and
    writing into the temporary folder) for nobody."""
    step, temp = _started_with_temp(tmp_path, monkeypatch, _pool_for_ever, "workers.txt")
    (found,) = temp.glob("*/step-*/workers.txt")
    workers = [int(pid) for pid in found.read_text(encoding="utf-8").split()]
    step.abandon()
    _wait_until(lambda: all(_gone(pid) for pid in workers))
    assert [pid for pid in workers if not _gone(pid)] == []
    assert list(temp.iterdir()) == []

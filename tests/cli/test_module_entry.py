"""`python -m renkei.cli` is the `renkei` command, and both leave as soon as the work is done
(`renkei.cli.fast_path.leave`) without losing output, exit handlers or another thread's work."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from renkei.cli import fast_path


def run(*args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "RENKEI_"))}
    env.update({"LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"})
    command = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "renkei.cli"]
    return subprocess.run(
        command if code else [*command, *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


def test_python_dash_m_runs_the_command() -> None:
    done = run("--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: ") and "COMMAND [ARGS]" in done.stdout
    assert "validate" in done.stdout and "verify-bundle" in done.stdout


def test_a_usage_error_keeps_its_exit_code_and_message() -> None:
    done = run("no-such-command")
    assert done.returncode == 2
    assert "no-such-command" in done.stderr


#: The entry point with an exit handler and output still in Python's buffers (stdout is a
#: pipe: block-buffered), as a long command leaves them.
WITH_HANDLER = """
import atexit, sys
from renkei.cli import fast_path
atexit.register(lambda: print("handler ran", flush=True))
sys.stdout.write("x" * 100_000 + "\\n")
sys.argv = ["renkei", *sys.argv[1:]]
fast_path.main()
"""


def test_output_in_the_buffers_and_the_exit_handlers_survive_the_prompt_exit() -> None:
    done = run("--version", code=WITH_HANDLER)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "x" * 100_000
    assert lines[-1] == "handler ran"
    assert any("renkei" in line for line in lines[1:-1])


def test_the_exit_code_of_the_command_is_kept() -> None:
    done = run("validate", "--root", "/nonexistent-registry", code=WITH_HANDLER)
    assert done.returncode == 2
    assert done.stdout.splitlines()[-1] == "handler ran"


WITH_THREAD = """
import sys, threading, time
from pathlib import Path
from renkei.cli import fast_path

def late() -> None:
    time.sleep(0.5)
    Path(sys.argv[1]).write_text("written by the thread")

threading.Thread(target=late).start()
code = {code}
fast_path.leave(code)
"""


@pytest.mark.parametrize(("given", "expected"), [("0", 0), ("None", 0), ("3", 3)])
def test_a_running_thread_is_waited_for_as_by_the_normal_exit(
    tmp_path: Path, given: str, expected: int
) -> None:
    target = tmp_path / "late.txt"
    done = run(str(target), code=WITH_THREAD.replace("{code}", given))
    assert done.returncode == expected, done.stderr
    assert target.read_text() == "written by the thread"


def test_a_message_instead_of_a_code_is_printed_as_sys_exit_prints_it() -> None:
    code = "from renkei.cli import fast_path\nfast_path.leave('renkei: stopped')"
    done = run(code=code)
    assert done.returncode == 1
    assert done.stderr.strip() == "renkei: stopped"


def reader_gone(ending: str) -> tuple[int, str]:
    """Exit code and error output of a program whose reader closed the pipe before the exit."""
    code = (
        "import sys, time\nfrom renkei.cli import fast_path\n"
        "time.sleep(0.3)\nsys.stdout.write('y' * 10)\n" + ending
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    process.stdout.close()  # the reader goes away before anything was written
    _, error = process.communicate(timeout=60)
    return process.returncode, error


def test_a_reader_that_went_away_gets_what_the_normal_exit_gives() -> None:
    # The flush fails: the normal exit runs, exactly as `sys.exit` would.
    assert reader_gone("fast_path.leave(0)") == reader_gone("sys.exit(0)")
    assert reader_gone("fast_path.leave(0)")[0] != 0


def test_under_a_profiler_the_normal_exit_runs_and_the_profile_is_written(tmp_path: Path) -> None:
    profile = tmp_path / "renkei.prof"
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "renkei.cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert profile.is_file() and profile.stat().st_size > 0


class _Busy:
    """A thread of this process that runs until the test ends (while it runs, `leave` takes
    the normal exit, so the entry point can run inside the test process)."""

    def __enter__(self) -> _Busy:
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.stop.wait)
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.thread.join()


def test_in_this_process_with_a_thread_running_the_module_exits_normally(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["renkei", "--help"])
    with _Busy(), pytest.raises(SystemExit) as exited:
        runpy.run_module("renkei.cli", run_name="__main__")
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("Usage: ") and "verify-bundle" in out


@pytest.mark.parametrize(("given", "expected"), [(None, None), (0, 0), (4, 4), ("stop", "stop")])
def test_leave_takes_the_normal_exit_while_a_thread_runs(given: object, expected: object) -> None:
    with _Busy(), pytest.raises(SystemExit) as exited:
        fast_path.leave(given)
    assert exited.value.code == (0 if expected is None else expected)


def test_leave_takes_the_normal_exit_under_a_profiler() -> None:
    sys.setprofile(lambda *_: None)
    try:
        with pytest.raises(SystemExit) as exited:
            fast_path.leave(3)
    finally:
        sys.setprofile(None)
    assert exited.value.code == 3


def test_leave_takes_the_normal_exit_when_the_output_cannot_be_flushed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    closed = (tmp_path / "out.txt").open("w", encoding="utf-8")
    closed.close()
    monkeypatch.setattr(sys, "stdout", closed)
    with pytest.raises(SystemExit) as exited:
        fast_path.leave(0)
    assert exited.value.code == 0

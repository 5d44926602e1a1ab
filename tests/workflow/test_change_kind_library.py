"""The kind of a change from the library: data when only prefecture folders changed, code with
the paths that make it so, and the note that names the first five."""

from __future__ import annotations

from pathlib import Path

from helpers.gitrepo import workflow_repo
from renkei.workflow.change_kind import CODE, DATA, change_kind, code_paths_message

MUNICIPALITIES = "registry/prefectures/13-tokyo/municipalities.csv"


def test_a_change_in_a_prefecture_folder_is_data(tmp_path: Path) -> None:
    repo = workflow_repo(tmp_path / "repo")
    repo.write(MUNICIPALITIES, repo.read(MUNICIPALITIES) + "\n")
    assert change_kind(repo.root, "main") == (DATA, [])


def test_a_change_outside_is_code_and_named(tmp_path: Path) -> None:
    repo = workflow_repo(tmp_path / "repo")
    repo.write("schemas/new.schema.json", "{}\n")
    kind, paths = change_kind(repo.root, "main")
    assert (kind, paths) == (CODE, ["schemas/new.schema.json"])


def test_the_note_names_the_first_five_paths() -> None:
    ja, en = code_paths_message([f"tools/{n}.py" for n in range(6)])
    assert (
        en
        == "changes outside the prefecture folders: "
        + ", ".join(f"tools/{n}.py" for n in range(5))
        + " …"
    )
    assert ja.startswith("都道府県フォルダの外の変更があります: tools/0.py")
    assert code_paths_message(["a"])[1].endswith(": a")

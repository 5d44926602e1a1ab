"""Reading and writing files safely, on real files: a link on the way or in place of the file,
a FIFO, socket or folder where a file belongs, a file over the limit; atomic writes keep the
file's mode and never write through a link."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from renkei.registry.safe_files import (
    FileTooLarge,
    LinkedPath,
    SpecialFile,
    check_parents,
    check_writable,
    copy_regular_tree,
    default_file_mode,
    kind_of,
    read_if_safe,
    read_limited,
    read_text_limited,
    regular_files,
    write_atomic,
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A small tree: root/data/a.csv and root/data/sub/b.csv."""
    (tmp_path / "root" / "data" / "sub").mkdir(parents=True)
    (tmp_path / "root" / "data" / "a.csv").write_text("a\n", encoding="utf-8")
    (tmp_path / "root" / "data" / "sub" / "b.csv").write_text("b\n", encoding="utf-8")
    return tmp_path / "root"


def test_a_regular_file_within_the_limit_is_read(root: Path) -> None:
    assert read_limited(root / "data" / "a.csv", 2, root=root) == b"a\n"
    assert read_text_limited(root / "data" / "a.csv", root=root) == "a\n"


def test_a_file_over_the_limit_is_refused_with_its_size(root: Path) -> None:
    with pytest.raises(FileTooLarge) as raised:
        read_limited(root / "data" / "a.csv", 1, root=root)
    assert raised.value.size == 2
    assert raised.value.display == "data/a.csv"  # shown relative to the root
    assert raised.value.finding().code == "P001"


def test_a_missing_file_is_file_not_found(root: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_limited(root / "data" / "missing.csv", 10, root=root)
    assert read_if_safe(root / "data" / "missing.csv", 10) is None


def test_a_link_in_place_of_the_file_is_refused(root: Path, tmp_path: Path) -> None:
    (tmp_path / "outside.csv").write_text("secret\n", encoding="utf-8")
    (root / "data" / "link.csv").symlink_to(tmp_path / "outside.csv")
    with pytest.raises(LinkedPath) as raised:
        read_limited(root / "data" / "link.csv", 100, root=root)
    assert raised.value.finding().code == "P015"
    assert read_if_safe(root / "data" / "link.csv", 100) is None


def test_a_linked_folder_on_the_way_is_refused(root: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "c.csv").write_text("c\n", encoding="utf-8")
    (root / "linked").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(LinkedPath) as raised:
        read_limited(root / "linked" / "c.csv", 100, root=root)
    assert raised.value.params == {"name": "linked"}
    with pytest.raises(LinkedPath):
        check_writable(root / "linked" / "c.csv", root=root)


def test_a_file_on_the_way_is_refused_as_not_a_folder(root: Path) -> None:
    with pytest.raises(SpecialFile):
        check_parents(root, root / "data" / "a.csv" / "inner.csv")


def test_parents_outside_the_root_or_missing_are_left_to_the_caller(root: Path) -> None:
    check_parents(root / "data", root / "elsewhere" / "x")  # not under the root
    check_parents(root, root / "missing" / "deeper" / "x.csv")


def test_a_fifo_is_refused_without_blocking(root: Path) -> None:
    os.mkfifo(root / "data" / "pipe.csv")
    with pytest.raises(SpecialFile) as raised:
        read_limited(root / "data" / "pipe.csv", 100, root=root)
    assert raised.value.params["kind"] == "FIFO"
    assert raised.value.finding().code == "P019"
    with pytest.raises(SpecialFile):
        write_atomic(root / "data" / "pipe.csv", "x", root=root)


def test_a_folder_or_socket_where_a_file_belongs_is_named_for_what_it_is(root: Path) -> None:
    with pytest.raises(SpecialFile) as folder:
        read_limited(root / "data" / "sub", 100, root=root)
    assert folder.value.params["kind"] == "directory"
    path = root / "data" / "s.sock"
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(path))
        with pytest.raises(SpecialFile) as sock:
            read_limited(path, 100, root=root)
    assert sock.value.params == {"name": "s.sock", "kind": "socket", "kind_ja": "ソケット"}


def test_kinds_of_special_files_have_names() -> None:
    assert kind_of(stat.S_IFCHR)["kind"] == "device"
    assert kind_of(stat.S_IFBLK)["kind"] == "device"
    assert kind_of(stat.S_IFLNK)["kind"] == "symbolic link"
    assert kind_of(0)["kind"] == "special file"


def test_write_atomic_keeps_the_mode_of_the_file_it_replaces(root: Path) -> None:
    target = root / "data" / "a.csv"
    target.chmod(0o640)
    write_atomic(target, "new\n", root=root)
    assert target.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    fresh = root / "data" / "fresh.csv"
    write_atomic(fresh, b"bytes\n")
    assert fresh.read_bytes() == b"bytes\n"
    assert stat.S_IMODE(fresh.stat().st_mode) == default_file_mode()
    assert sorted(p.name for p in (root / "data").iterdir()) == ["a.csv", "fresh.csv", "sub"]


def test_write_atomic_never_writes_through_a_link(root: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep\n", encoding="utf-8")
    (root / "data" / "out.csv").symlink_to(precious)
    with pytest.raises(LinkedPath):
        write_atomic(root / "data" / "out.csv", "overwritten\n", root=root)
    assert precious.read_text(encoding="utf-8") == "keep\n"


def test_write_atomic_into_a_missing_folder_names_the_target(root: Path) -> None:
    target = root / "missing" / "a.csv"
    with pytest.raises(FileNotFoundError) as raised:
        write_atomic(target, "x")
    assert raised.value.filename == str(target)


def test_regular_files_lists_links_without_entering_them(root: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "c.csv").write_text("c\n", encoding="utf-8")
    (root / "data" / "linked").symlink_to(tmp_path / "elsewhere")
    listed = [path.relative_to(root).as_posix() for path, _ in regular_files(root / "data", root)]
    assert listed == ["data/a.csv", "data/linked", "data/sub/b.csv"]
    assert list(regular_files(root / "nothing-here", root)) == []


def test_copy_regular_tree_copies_files_and_refuses_links(root: Path, tmp_path: Path) -> None:
    copy_regular_tree(root, Path("data"), tmp_path / "copy")
    assert (tmp_path / "copy" / "data" / "sub" / "b.csv").read_text(encoding="utf-8") == "b\n"
    (root / "data" / "passwd").symlink_to("/etc/passwd")
    with pytest.raises(LinkedPath):
        copy_regular_tree(root, Path("data"), tmp_path / "copy2")

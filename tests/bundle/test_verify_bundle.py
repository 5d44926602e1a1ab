"""verify-bundle against crafted zips (zipfile, patched bytes) and against history: each
malformation is a finding with exit 1, never a traceback; a bundle rebuilt from its commit is
byte-identical whatever the day; a consistently tampered bundle is caught with the registry."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from helpers.documents import vision_file
from helpers.gitrepo import commit, git
from helpers.registry import Registry, copy_registry

MUNICIPALITIES = "registry/prefectures/13-tokyo/municipalities.csv"
VISION = "registry/prefectures/13-tokyo/vision.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Registry:
    registry = copy_registry(tmp_path / "repo")
    registry.write(VISION, vision_file().replace("platform_id: p1", "platform_id: test-platform"))
    git(registry.root, "init", "-q", "-b", "main")
    commit(registry.root, "SYNTHETIC registry", "2025-05-01T10:00:00+09:00")
    return registry


def build(registry: Registry, out: Path, *args: str) -> Path:
    result = registry.run(
        "bundle", "13", "--root", str(registry.root), "--revision", "HEAD", "--out", str(out),
        *args,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return next(out.glob("*.zip"))


@pytest.fixture
def good(repo: Registry, tmp_path: Path) -> Path:
    return build(repo, tmp_path / "dist")


def verify(registry: Registry, path: Path, *args: str) -> tuple[int, list[dict[str, Any]]]:
    result = registry.run("verify-bundle", str(path), "--format", "json", *args)
    assert "Traceback" not in result.output and "internal error" not in result.output
    return result.exit_code, json.loads(result.output)["findings"]


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


def rezip(files: dict[str, bytes], target: Path, extra: list[tuple[str, bytes]] = ()) -> Path:  # type: ignore[assignment]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [*files.items(), *extra]:
            archive.writestr(name, data)
    return target


def patch_headers(data: bytes, change: Callable[[bytearray, int, int], None]) -> bytes:
    """Apply `change(buffer, offset, kind)` to every local (kind 0) and central (kind 1) header."""
    buffer = bytearray(data)
    for signature, kind in ((b"PK\x03\x04", 0), (b"PK\x01\x02", 1)):
        offset = buffer.find(signature)
        while offset != -1:
            change(buffer, offset, kind)
            offset = buffer.find(signature, offset + 4)
    return bytes(buffer)


def codes(findings: list[dict[str, Any]]) -> set[str]:
    return {f["code"] for f in findings}


# --- malformed archives ---------------------------------------------------------------------


def test_duplicate_entry_names(repo: Registry, good: Path, tmp_path: Path) -> None:
    files = entries(good)
    path = rezip(files, tmp_path / "dup.zip", [("municipalities.csv", b"lg_code\n")])
    code, findings = verify(repo, path, "--root", str(repo.root))
    assert code == 1 and codes(findings) == {"B010"}
    assert "municipalities.csv" in findings[0]["message"]["en"]


def test_encryption_flag(repo: Registry, good: Path, tmp_path: Path) -> None:
    def encrypt(buffer: bytearray, offset: int, kind: int) -> None:
        at = offset + (6 if kind == 0 else 8)
        flags = struct.unpack_from("<H", buffer, at)[0]
        struct.pack_into("<H", buffer, at, flags | 0x1)

    path = tmp_path / "encrypted.zip"
    path.write_bytes(patch_headers(good.read_bytes(), encrypt))
    code, findings = verify(repo, path, "--root", str(repo.root))
    assert code == 1 and codes(findings) == {"B011"}


def test_unknown_compression_method(repo: Registry, good: Path, tmp_path: Path) -> None:
    def zstd(buffer: bytearray, offset: int, kind: int) -> None:
        struct.pack_into("<H", buffer, offset + (8 if kind == 0 else 10), 93)

    path = tmp_path / "zstd.zip"
    path.write_bytes(patch_headers(good.read_bytes(), zstd))
    code, findings = verify(repo, path, "--root", str(repo.root))
    assert code == 1 and codes(findings) == {"B012"}
    assert "93" in findings[0]["message"]["en"]


def test_bad_crc(repo: Registry, tmp_path: Path) -> None:
    path = tmp_path / "crc.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("manifest.json", b'{"SYNTHETIC": "' + b"x" * 64 + b'"}')
    data = bytearray(path.read_bytes())
    data[data.index(b"xxxx")] ^= 0x01  # the data changes, its CRC-32 does not
    path.write_bytes(bytes(data))
    code, findings = verify(repo, path)
    assert code == 1 and codes(findings) == {"B013"}
    assert "CRC" in findings[0]["message"]["en"]


def test_truncated_archive(repo: Registry, good: Path, tmp_path: Path) -> None:
    path = tmp_path / "truncated.zip"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    code, findings = verify(repo, path)
    assert code == 1 and codes(findings) == {"B013"}


def test_path_not_normalised(repo: Registry, good: Path, tmp_path: Path) -> None:
    files = entries(good)
    files["schemas/./vision.schema.json"] = files.pop("schemas/vision.schema.json")
    code, findings = verify(repo, rezip(files, tmp_path / "dot.zip"))
    assert code == 1 and codes(findings) == {"B002"}


# --- malformed manifests --------------------------------------------------------------------


def _with_manifest(good: Path, target: Path, change: Callable[[dict[str, Any]], Any]) -> Path:
    files = entries(good)
    manifest = json.loads(files["manifest.json"])
    replaced = change(manifest)
    files["manifest.json"] = (
        replaced if isinstance(replaced, bytes) else json.dumps(manifest).encode()
    )
    return rezip(files, target)


def _relist(manifest: dict[str, Any], path: str, new_path: str) -> None:
    for entry in manifest["files"]:
        if entry["path"] == path:
            entry["path"] = new_path


MANIFEST_CASES: dict[str, tuple[Callable[[dict[str, Any]], Any], str]] = {
    "not-json": (lambda m: b"{not json", "not JSON"),
    "not-utf8": (lambda m: json.dumps(m).encode("utf-16"), "not JSON"),
    "duplicate-key": (lambda m: json.dumps(m)[:-1].encode() + b', "draft": true}', "duplicate key"),
    "not-an-object": (lambda m: b"[]", "(top level)"),
    "wrong-type": (lambda m: m.update(draft="no"), "draft"),
    "missing-field": (lambda m: m.pop("files"), "files"),
    "extra-field": (lambda m: m.update(signed_by="someone"), "signed_by"),
    "bad-hash-type": (lambda m: m["files"][0].update(size="12"), "files/0/size"),
    "listed-twice": (lambda m: m["files"].append(dict(m["files"][0])), "listed twice"),
    "path-not-normalised": (lambda m: _relist(m, "vision.md", "./vision.md"), "not normalised"),
    "path-escapes": (lambda m: _relist(m, "vision.md", "../vision.md"), "escaping"),
    "bad-date": (lambda m: m["as_of"].update({"date": "2025-13-45", "from": "option"}), "as_of"),
    "previous-without-commit": (
        lambda m: m.update(previous={"label": "x", "commit": None, "commit_time": 0}),
        "previous",
    ),
}


@pytest.mark.parametrize("case", sorted(MANIFEST_CASES))
def test_malformed_manifest(repo: Registry, good: Path, tmp_path: Path, case: str) -> None:
    change, detail = MANIFEST_CASES[case]
    path = _with_manifest(good, tmp_path / f"{case}.zip", change)
    code, findings = verify(repo, path, "--root", str(repo.root))
    assert code == 1 and codes(findings) == {"B014"}, findings
    assert any(detail in f["message"]["en"] for f in findings), findings


# --- against history ------------------------------------------------------------------------


def test_the_same_commit_gives_the_same_bytes_whatever_the_day(
    repo: Registry, tmp_path: Path
) -> None:
    # The checks' date comes from the commit, so a later "today" (a new fiscal year, where A005
    # would fire) changes nothing; an explicit --as-of is recorded and changes only the checks.
    first = build(repo, tmp_path / "a").read_bytes()
    again = build(repo, tmp_path / "b").read_bytes()
    by_sha = repo.run("bundle", "13", "--root", str(repo.root), "--out", str(tmp_path / "c"),
                      "--revision", git(repo.root, "rev-parse", "HEAD"))  # fmt: skip
    assert by_sha.exit_code == 0
    assert first == again == next((tmp_path / "c").glob("*.zip")).read_bytes()
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(first)).read("manifest.json"))
    assert manifest["as_of"] == {"date": "2025-05-01", "from": "commit"}
    later = build(repo, tmp_path / "d", "--as-of", "2027-06-01")
    later_again = build(repo, tmp_path / "e", "--as-of", "2027-06-01")
    assert later.read_bytes() == later_again.read_bytes() != first
    files = entries(later)
    assert json.loads(files["manifest.json"])["as_of"] == {"date": "2027-06-01", "from": "option"}
    assert "A005" in files["validation.json"].decode()
    assert "A005" not in entries(tmp_path / "a" / later.name)["validation.json"].decode()
    code, findings = verify(repo, later, "--root", str(repo.root))
    assert code == 0 and findings == []


def test_a_later_submission_does_not_change_an_earlier_bundle(
    repo: Registry, tmp_path: Path
) -> None:
    first = build(repo, tmp_path / "a", "--tag")
    sha = git(repo.root, "rev-parse", "HEAD")
    repo.replace(MUNICIPALITIES, "131016,千代田区,not_answered,,,,,", "131016,千代田区,not_answered,,,,,SYNTHETIC")  # fmt: skip
    commit(repo.root, "later", "2025-06-01T10:00:00+09:00")
    repo.run("bundle", "13", "--root", str(repo.root), "--revision", "HEAD", "--tag",
             "--out", str(tmp_path / "later"))  # fmt: skip
    again = repo.run("bundle", "13", "--root", str(repo.root), "--revision", sha,
                     "--out", str(tmp_path / "again"))  # fmt: skip
    assert again.exit_code == 0, again.output
    assert (tmp_path / "again" / first.name).read_bytes() == first.read_bytes()
    code, findings = verify(repo, first, "--root", str(repo.root))
    assert code == 0 and findings == [], findings


def _tamper_consistently(good: Path, target: Path) -> Path:
    files = entries(good)
    text = files["municipalities.csv"].decode("utf-8-sig")
    files["municipalities.csv"] = text.replace("千代田区,not_answered", "千代田区,answered", 1).encode("utf-8-sig")  # fmt: skip
    manifest = json.loads(files["manifest.json"])
    for entry in manifest["files"]:
        data = files[entry["path"]]
        entry.update(sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    return rezip(files, target)


def test_a_consistent_tamper_is_caught_with_the_registry(
    repo: Registry, good: Path, tmp_path: Path
) -> None:
    tampered = _tamper_consistently(good, tmp_path / "tampered.zip")
    code, findings = verify(repo, tampered, "--root", str(repo.root))
    assert code == 1 and codes(findings) == {"B015"}, findings
    assert "municipalities.csv" in findings[0]["message"]["en"]
    assert "manifest.json" in findings[0]["message"]["en"]
    built_by = json.loads(entries(good)["manifest.json"])["tool"]["version"]
    assert f"(built and rebuilt by renkei {built_by})" in findings[0]["message"]["en"]


def test_without_the_registry_the_unmade_check_is_named(
    repo: Registry, good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tampered = _tamper_consistently(good, tmp_path / "tampered.zip")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # no registry here or above
    code, findings = verify(repo, tampered)
    assert code == 0 and codes(findings) == {"B016"}
    assert findings[0]["severity"] == "warning" and "--root" in findings[0]["hint"]["en"]
    other = copy_registry(tmp_path / "other")  # a registry without that commit
    git(other.root, "init", "-q", "-b", "main")
    commit(other.root, "SYNTHETIC other history", "2025-07-01T10:00:00+09:00")
    code, findings = verify(repo, tampered, "--root", str(other.root))
    assert code == 0 and codes(findings) == {"B016"}
    assert "not in this repository" in findings[0]["message"]["en"]


def test_verify_with_a_root_that_is_no_registry_is_a_usage_error(
    repo: Registry, good: Path, tmp_path: Path
) -> None:
    result = repo.run("verify-bundle", str(good), "--root", str(tmp_path))
    assert result.exit_code == 2


def test_a_rebuild_names_the_version_that_built_the_bundle(
    repo: Registry, good: Path, tmp_path: Path
) -> None:
    path = _with_manifest(good, tmp_path / "old.zip", lambda m: m["tool"].update(version="0.0.1"))
    code, findings = verify(repo, path, "--root", str(repo.root))
    assert code == 1 and codes(findings) == {"B015"}
    assert "built by renkei 0.0.1" in findings[0]["message"]["en"]

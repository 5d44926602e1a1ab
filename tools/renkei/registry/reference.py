"""Reference data: local government codes, the fields vocabulary, the technology list and the
label vocabularies (every enumeration's Japanese and English labels, with their GB3 source)."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from renkei.registry.safe_files import read_text_limited

T = TypeVar("T")

REFERENCE_DIR = Path("registry") / "reference"
LOCAL_GOVERNMENTS = "local-governments.csv"
FIELDS = "fields.csv"
TECHNOLOGIES = "technologies.csv"
VOCABULARIES = "vocabularies.csv"

#: Kinds of body that answer the municipal survey.
MUNICIPAL_KINDS = frozenset({"designated_city", "city", "special_ward", "town", "village"})


def check_digit(first_five: str) -> int:
    """The check digit of a local government code: (11 − S mod 11) mod 10."""
    weights = (6, 5, 4, 3, 2)
    total = sum(int(d) * w for d, w in zip(first_five, weights, strict=True))
    return (11 - total % 11) % 10


def with_check_digit(first_five: str) -> str:
    """A five-digit local government code with its check digit appended."""
    return first_five + str(check_digit(first_five))


def has_valid_check_digit(code: str) -> bool:
    """True when CODE is six ASCII digits whose last is the check digit."""
    return (
        len(code) == 6
        and code.isascii()
        and code.isdigit()
        and (check_digit(code[:5]) == int(code[5]))
    )


def to_halfwidth(text: str) -> str:
    """Full-width digits, letters and spaces to ASCII (NFKC)."""
    return unicodedata.normalize("NFKC", text)


@dataclass(frozen=True, slots=True)
class LocalGovernment:
    """A row of the local government code list."""

    lg_code: str
    prefecture_code: str
    prefecture_id: str
    prefecture_name: str
    name: str
    kind: str
    parent_lg_code: str
    administered: bool

    @property
    def is_municipality(self) -> bool:
        """Answers the survey: a city, town, village or special ward that is administered."""
        return self.kind in MUNICIPAL_KINDS and self.administered

    @property
    def folder(self) -> str:
        """The name of the prefecture's folder (code-id, e.g. 13-tokyo)."""
        return f"{self.prefecture_code}-{self.prefecture_id}"


@dataclass(frozen=True, slots=True)
class Field:
    """A field (分野) of the reference list, with its names."""

    id: str
    name_ja: str
    name_en: str


@dataclass(frozen=True, slots=True)
class Technology:
    """A module technology of the reference list: its role, product and catalogue id."""

    id: str
    role: str
    product: str
    catalog_id: str
    recommended: bool


@dataclass(frozen=True, slots=True)
class Term:
    """One value of a label vocabulary: its labels and where they come from ("GB3 §6.6",
    "通知 1(1)" or "registry" for the registry's own wording)."""

    vocabulary: str
    value: str
    label_ja: str
    label_en: str
    source: str
    note: str

    @property
    def labels(self) -> tuple[str, str]:
        """(Japanese, English)."""
        return self.label_ja, self.label_en


class ReferenceDataError(Exception):
    """A reference file that cannot be read; `path` is relative to the registry root."""

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail


def _text(path: Path) -> str:
    # path is ROOT/registry/reference/NAME: the directories between are checked for links.
    root = path.parents[len(REFERENCE_DIR.parts)]
    try:
        return read_text_limited(path, root=root, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ReferenceDataError(f"{REFERENCE_DIR.as_posix()}/{path.name}", str(error)) from error


def _parse_rows(text: str, name: str) -> list[dict[str, str]]:
    try:
        return list(csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise ReferenceDataError(f"{REFERENCE_DIR.as_posix()}/{name}", str(error)) from error


def _guarded(name: str, load: Callable[[], T]) -> T:
    try:
        return load()
    except KeyError as error:
        raise ReferenceDataError(
            f"{REFERENCE_DIR.as_posix()}/{name}", f"the column {error} is missing"
        ) from error


#: Tables already parsed in this process, by (file name, the file's text): the same text
#: always gives the same table, so a file is read again (and checked) but parsed once.
_PARSED: dict[tuple[str, str], object] = {}
_PARSED_MAX = 16


def _parsed(directory: Path, name: str, build: Callable[[list[dict[str, str]]], T]) -> T:
    """NAME's table in DIRECTORY as BUILD makes it from the file's rows, parsed once per text."""
    text = _text(directory / name)
    key = (name, text)
    if key in _PARSED:
        return _PARSED[key]  # type: ignore[return-value]
    table = _guarded(name, lambda: build(_parse_rows(text, name)))
    if len(_PARSED) >= _PARSED_MAX:
        _PARSED.clear()
    _PARSED[key] = table
    return table


def _governments(rows: list[dict[str, str]]) -> dict[str, LocalGovernment]:
    out: dict[str, LocalGovernment] = {}
    for row in rows:
        out[row["lg_code"]] = LocalGovernment(
            lg_code=row["lg_code"],
            prefecture_code=row["prefecture_code"],
            prefecture_id=row["prefecture_id"],
            prefecture_name=row["prefecture_name"],
            name=row["name"],
            kind=row["kind"],
            parent_lg_code=row["parent_lg_code"],
            administered=row["administered"] == "true",
        )
    return out


def _fields(rows: list[dict[str, str]]) -> dict[str, Field]:
    return {row["id"]: Field(row["id"], row["name_ja"], row["name_en"]) for row in rows}


def _technologies(rows: list[dict[str, str]]) -> dict[str, Technology]:
    return {
        row["id"]: Technology(
            row["id"], row["role"], row["product"], row["catalog_id"], row["recommended"] == "true"
        )
        for row in rows
    }


def _vocabularies(rows: list[dict[str, str]]) -> dict[str, dict[str, Term]]:
    out: dict[str, dict[str, Term]] = {}
    for row in rows:
        term = Term(
            row["vocabulary"],
            row["value"],
            row["label_ja"],
            row["label_en"],
            row["source"],
            row["note"],
        )
        out.setdefault(term.vocabulary, {})[term.value] = term
    return out


class Reference:
    """All reference tables of one registry, read once. Each is a copy of its own (parsed once
    per process for the same text, see `_parsed`), so a caller may change it."""

    def __init__(self, root: Path) -> None:
        self.directory = root / REFERENCE_DIR

    def load(self) -> Reference:
        """Read every table now, so a broken reference file is reported before any check."""
        _ = self.governments, self.fields, self.technologies, self.vocabularies
        return self

    @cached_property
    def governments(self) -> dict[str, LocalGovernment]:
        """Every local government by code (read once)."""
        return dict(_parsed(self.directory, LOCAL_GOVERNMENTS, _governments))

    @cached_property
    def prefectures(self) -> dict[str, LocalGovernment]:
        """Prefecture rows by two-digit prefecture code."""
        return {g.prefecture_code: g for g in self.governments.values() if g.kind == "prefecture"}

    def municipalities_of(self, prefecture_code: str) -> list[LocalGovernment]:
        """The municipalities that answer the survey in a prefecture."""
        return [
            g
            for g in self.governments.values()
            if g.prefecture_code == prefecture_code and g.is_municipality
        ]

    @cached_property
    def fields(self) -> dict[str, Field]:
        """The fields by id (read once)."""
        return dict(_parsed(self.directory, FIELDS, _fields))

    @cached_property
    def technologies(self) -> dict[str, Technology]:
        """The technologies by id (read once)."""
        return dict(_parsed(self.directory, TECHNOLOGIES, _technologies))

    @cached_property
    def vocabularies(self) -> dict[str, dict[str, Term]]:
        """Every label vocabulary by name, its terms by value in file order (read once)."""
        parsed = _parsed(self.directory, VOCABULARIES, _vocabularies)
        return {name: dict(terms) for name, terms in parsed.items()}

    def labels(self, vocabulary: str) -> dict[str, tuple[str, str]]:
        """A vocabulary's (Japanese, English) labels by value, in file order; empty when the
        vocabulary is not in the file."""
        return {v: t.labels for v, t in self.vocabularies.get(vocabulary, {}).items()}

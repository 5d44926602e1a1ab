"""The registry's records as tables of labels: column names from the schemas' titles, values
from the vocabularies and reference tables (`renkei.registry.display_labels`), never ids."""

from __future__ import annotations

from typing import Any

from renkei.findings.model import Finding
from renkei.registry.display_labels import DisplayLabels
from renkei.registry.snapshot import PrefectureState
from renkei.site.text import text


def table(
    caption: str,
    headers: list[str],
    rows: list[list[Any]],
    empty: str,
    searched: bool = True,
    empty_names_it: bool = True,
) -> dict[str, Any]:
    """A table for the templates' `data_table` filter. EMPTY is what shows without rows: a
    sentence of its own (「指摘はありません。」), or with EMPTY_NAMES_IT false a bare word shown
    after the caption (「サービス: なし」). SEARCHED false leaves the table out of the search
    index (it is shown all the same)."""
    return {"caption": caption, "headers": headers, "rows": rows, "empty": empty,
            "searched": searched, "empty_names_it": empty_names_it}  # fmt: skip


def _columns(labels: DisplayLabels, name: str) -> list[str]:
    spec = labels.schemas.get(f"tables/{name}.json")
    fields = spec.get("fields") if isinstance(spec, dict) else None
    return [f["name"] for f in fields or [] if isinstance(f, dict) and "name" in f]


def csv_table(
    state: PrefectureState,
    name: str,
    labels: DisplayLabels,
    lang: str,
    caption: str,
    first: str | None = None,
    skip: tuple[str, ...] = (),
    platform_id: str | None = None,
    searched: bool = True,
) -> dict[str, Any]:
    """One CSV table of a folder in labels (with PLATFORM_ID, only that platform's rows); FIRST
    is the column that names a row."""
    columns = [c for c in _columns(labels, name) if c not in skip]
    if first in columns:
        columns.remove(first)
        columns.insert(0, first)
    rows = [
        [labels.value(name, column, row.get(column, ""), lang) for column in columns]
        for row in state.tables.get(name, {}).values()
        if platform_id is None or row.get("platform_id") == platform_id
    ]
    headers = [labels.title(name, column, lang) for column in columns]
    return table(caption, headers, rows, text("none", lang), searched, empty_names_it=False)


def platform_rows(
    state: PrefectureState, labels: DisplayLabels, lang: str, href: dict[str, str]
) -> dict[str, Any]:
    """The folder's platforms: name (a link to its page), kind, status, lead body, provenance."""
    keys = ("kind", "status", "lead_body", "provenance")
    rows: list[list[Any]] = []
    for key, platform in state.platforms.items():
        name = str(platform.get("name") or key)
        first: Any = {"href": href[key], "text": name} if key in href else name
        rows.append([first] + [labels.value("platforms", k, platform.get(k), lang) for k in keys])
    headers = [text("name", lang)] + [labels.title("platforms", k, lang) for k in keys]
    return table(text("platforms", lang), headers, rows, text("no_platforms", lang))


def source_rows(
    sources: Any, document: str, labels: DisplayLabels, lang: str, owner: str | None = None
) -> list[list[Any]]:
    """Each source: its title (a link), publisher, date confirmed and the facts it supports."""
    rows: list[list[Any]] = []
    separator = "、" if lang == "ja" else ", "
    for source in sources if isinstance(sources, list) else []:
        if not isinstance(source, dict):
            continue
        title = str(source.get("title") or "—")
        url = source.get("url")
        first: Any = (
            {"href": url, "text": title}
            if isinstance(url, str) and url.startswith("https://")
            else title
        )
        supports = source.get("supports") or source.get("fields") or []
        facts = (
            separator.join(labels.title(document, str(s), lang) for s in supports)
            if isinstance(supports, list)
            else "—"
        )
        row = [
            first,
            labels.value(document, "sources.publisher", source.get("publisher"), lang),
            labels.value(document, "sources.confirmed_on", source.get("confirmed_on"), lang),
            facts or "—",
        ]
        rows.append([*([owner] if owner is not None else []), *row])
    return rows


def source_headers(lang: str, owner: str | None = None) -> list[str]:
    """The headers of `source_rows`."""
    heads = [
        text("source", lang),
        text("publisher", lang),
        text("confirmed_on", lang),
        text("supports", lang),
    ]
    return ([owner] if owner else []) + heads


def provenance(state: PrefectureState, labels: DisplayLabels, lang: str) -> dict[str, Any]:
    """Every source of the folder's platforms and vision, with the facts each supports."""
    rows: list[list[Any]] = []
    for key, platform in state.platforms.items():
        name = str(platform.get("name") or key)
        for row in source_rows(platform.get("sources"), "platforms", labels, lang):
            rows.append([name, *row])
    vision = state.vision or {}
    for row in source_rows(vision.get("sources"), "vision", labels, lang):
        rows.append([text("vision", lang), *row])
    headers = [text("name", lang), *source_headers(lang)]
    return table(text("provenance", lang), headers, rows, text("no_sources", lang))


def finding_rows(findings: list[Finding], lang: str) -> dict[str, Any]:
    """The folder's principle findings: code, message and where."""
    from renkei.checks.validate import PRINCIPLE_FAMILY

    rows: list[list[Any]] = [
        [f.code, f.message_ja if lang == "ja" else f.message_en, f"{f.file}:{f.line}"]
        for f in findings
        if f.code.startswith(PRINCIPLE_FAMILY)
    ]
    headers = [text("code", lang), text("message", lang), text("file", lang)]
    return table(text("findings", lang), headers, rows, text("no_findings", lang))


def pairs(
    document: str, values: dict[str, Any], keys: list[str], labels: DisplayLabels, lang: str
) -> list[tuple[str, str]]:
    """(name, value) rows of some keys of a document, nested values as sub-rows."""
    out: list[tuple[str, str]] = []
    for key in keys:
        if key in values:
            out += labels.rows(document, key, values[key], lang)
    return out


#: The tables of the Data Map and the KPIs, each row naming its platform.
PLATFORM_TABLES = (
    ("services", "services", "service_name"),
    ("data-assets", "data_assets", "dataset_name"),
    ("kpis", "kpis", "indicator"),
)
#: Those a search finds a platform by (its services); the others are shown, not indexed.
SEARCHED_TABLES = frozenset(("services",))


def data_map_counts(
    state: PrefectureState, labels: DisplayLabels, lang: str, href: dict[str, str]
) -> dict[str, Any]:
    """How many services, data assets and KPIs each platform has (the rows are on the
    platform's page)."""
    rows: list[list[Any]] = []
    for key, platform in state.platforms.items():
        counts = [
            sum(1 for r in state.tables.get(name, {}).values() if r.get("platform_id") == key)
            for name, _, _ in PLATFORM_TABLES
        ]
        name = str(platform.get("name") or key)
        first: Any = {"href": href[key] + "#datamap-heading", "text": name} if key in href else name
        rows.append([first, *(str(c) for c in counts)])
    headers = [text("name", lang)] + [text(caption, lang) for _, caption, _ in PLATFORM_TABLES]
    return table(text("data_map", lang), headers, rows, text("no_platforms", lang))

"""Atom 1.0 feeds (RFC 4287) of the registry's changes: one national, one per prefecture, in each
language. Each entry is one commit's change to one prefecture, linking to its page."""

from __future__ import annotations

import datetime as dt
from typing import Any
from xml.etree import ElementTree as ET

from renkei.site.text import text

ATOM = "http://www.w3.org/2005/Atom"
#: The most entries a feed holds (the newest).
FEED_LIMIT = 50


#: The authority of the feeds' and entries' ids (tag: URIs, RFC 4151): stable wherever the site
#: is published.
TAG = "tag:renkei.registry,2026"


def entry_id(record: dict[str, Any]) -> str:
    """The id of a change's entry (the same in every feed that lists it)."""
    return f"{TAG}:change/{record['sha']}/{record['folder']}"


def feed_id(folder: str | None, lang: str) -> str:
    """The id of the national feed (FOLDER None) or a prefecture's, in LANG."""
    return f"{TAG}:feed/{folder or 'national'}/{lang}"


def _time(timestamp: int) -> str:
    return dt.datetime.fromtimestamp(timestamp, dt.UTC).isoformat().replace("+00:00", "Z")


def _link(parent: ET.Element, href: str, rel: str | None = None) -> None:
    element = ET.SubElement(parent, f"{{{ATOM}}}link", {"href": href})
    if rel:
        element.set("rel", rel)


def atom_feed(
    records: list[dict[str, Any]],
    lang: str,
    title: str,
    feed_id: str,
    self_href: str,
    page_href: str,
    change_href: Any,
) -> str:
    """The feed of RECORDS (oldest first; the newest FEED_LIMIT are written, newest first).
    FEED_ID is the feed's stable id (a tag: URI); CHANGE_HREF gives an entry's page."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": lang})
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_id
    newest = max((r["timestamp"] for r in records), default=0)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _time(newest)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "renkei"
    _link(feed, self_href, "self")
    _link(feed, page_href, "alternate")
    for record in reversed(records[-FEED_LIMIT:]):
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        summary = record["summary"][lang] or text("change", lang)
        ET.SubElement(entry, f"{{{ATOM}}}title").text = summary
        ET.SubElement(entry, f"{{{ATOM}}}id").text = entry_id(record)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _time(record["timestamp"])
        _link(entry, change_href(record), "alternate")
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = f"{summary} ({record['subject']})"
    body = ET.tostring(feed, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"

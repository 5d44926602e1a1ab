"""The notice's facts about a vision (事務連絡 令和6年5月10日 記2(2), 記2(3)): the date it was sent
to the Agency, its format, the consultation with municipalities and the hub's contact system."""

from __future__ import annotations

from typing import Any

import yaml

from helpers.documents import vision_file
from helpers.registry import Registry
from renkei.bundle.vision_page import page_labels, vision_html, vision_markdown
from renkei.registry.reference import Reference

VISION = "registry/prefectures/13-tokyo/vision.yaml"
NOTICE_FIELDS = (
    "    publication_url: https://example.org/vision\n"
    '    sent_to_agency_on: "2025-05-20"\n'
    "    format: within_plan\n"
    "    host_document:\n      title: 合成県DX推進計画\n      section: 第4章\n"
    "    consultation:\n      held: true\n      with: platform_holders\n      forum: 合成会議\n"
)
DESK = 'consultation_desk:\n  department: 合成デジタル課\n  established: true\n  since: "2024-07"\n'


def _vision(registry: Registry, extra: str = NOTICE_FIELDS, desk: str = DESK) -> str:
    text = vision_file(cross_field_platform="none").replace(
        "    publication_url: https://example.org/vision\n", extra
    )
    text = text.replace("consultation_desk: unknown\n", desk)
    assert "合成デジタル課" in text or desk == "consultation_desk: unknown\n"
    registry.write(VISION, text)
    return text


def _errors(registry: Registry) -> list[dict[str, Any]]:
    return [f for f in registry.findings() if f["severity"] == "error" and "13-tokyo" in f["file"]]


def test_the_notice_fields_are_accepted(registry: Registry) -> None:
    _vision(registry)
    assert _errors(registry) == []


def test_within_plan_needs_the_host_document(registry: Registry) -> None:
    _vision(registry, NOTICE_FIELDS.replace("      title: 合成県DX推進計画\n", "      url: x\n"))
    assert _errors(registry), "a host document without a title must be refused"
    without = NOTICE_FIELDS.split("    host_document:")[0] + NOTICE_FIELDS.split("第4章\n")[1]
    _vision(registry, without)
    errors = _errors(registry)
    assert errors and any("host_document" in str(f["message"]) for f in errors)


def test_bad_values_are_refused(registry: Registry) -> None:
    bad = NOTICE_FIELDS.replace("format: within_plan", "format: bessoe1").replace(
        '"2025-05-20"', "last spring"
    )
    _vision(registry, bad, DESK.replace("established: true", "established: maybe"))
    where = " ".join(f["where"] for f in _errors(registry))
    assert "sent_to_agency_on" in where and "format" in where
    assert "consultation_desk.established" in where


def test_the_vision_page_shows_the_notice_facts(registry: Registry) -> None:
    vision = yaml.safe_load(_vision(registry))
    html = vision_html(vision, "東京都", [], "0", "abc", page_labels(Reference(registry.root)))
    page = vision_markdown(vision, "東京都", [], "0", "abc", page_labels(Reference(registry.root)))
    for text in (html, page):
        assert "最新の改定の送付・様式・協議（通知 記2(2)）" in text
        assert "2025-05-20" in text and "既存の計画（DX推進計画など）に盛り込み" in text
        assert "合成県DX推進計画 第4章" in text and "基盤を構築済みの市区町村" in text
        assert "相談体制の構築（通知 記2(3)）" in text and "2024-07" in text


def test_a_vision_without_the_facts_shows_them_unconfirmed(registry: Registry) -> None:
    plain = "    publication_url: https://example.org/vision\n"
    vision = yaml.safe_load(_vision(registry, plain, "consultation_desk: unknown\n"))
    page = vision_markdown(vision, "東京都", [], "0", "abc", page_labels(Reference(registry.root)))
    assert "- デジタル庁への送付日: 未確認" in page and "- 市区町村との協議: 未確認" in page
    assert "相談体制の構築" not in page  # no desk registered at all

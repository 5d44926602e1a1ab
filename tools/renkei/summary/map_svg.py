"""A tile grid map of Japan's 47 prefectures as SVG, coloured by shared-use status.

Readable without colour: each status also has its own fill pattern and a symbol in the tile;
prefectures with principle findings carry a "！" mark. Labels and legend are in Japanese.
"""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape as _xml_escape
from xml.sax.saxutils import quoteattr

from renkei.escape.terminal import controls
from renkei.summary.build import CATEGORIES, NationalSummary, PrefectureSummary

#: (column, row) of each prefecture's tile, west to east and north to south.
TILES: dict[str, tuple[int, int]] = {
    "01": (11, 0), "02": (10, 1), "03": (10, 2), "04": (10, 3), "05": (9, 2), "06": (9, 3),
    "07": (10, 4), "08": (9, 5), "09": (9, 4), "10": (8, 4), "11": (8, 5), "12": (9, 6),
    "13": (8, 6), "14": (8, 7), "15": (8, 3), "16": (6, 4), "17": (6, 3), "18": (5, 4),
    "19": (7, 5), "20": (7, 4), "21": (6, 5), "22": (7, 6), "23": (6, 6), "24": (6, 7),
    "25": (5, 6), "26": (5, 5), "27": (4, 6), "28": (4, 5), "29": (5, 7), "30": (4, 7),
    "31": (3, 5), "32": (2, 5), "33": (3, 6), "34": (2, 6), "35": (1, 6), "36": (4, 8),
    "37": (3, 7), "38": (2, 7), "39": (3, 8), "40": (1, 7), "41": (0, 7), "42": (0, 8),
    "43": (1, 8), "44": (2, 8), "45": (2, 9), "46": (1, 9), "47": (0, 10),
}  # fmt: skip

#: Okabe–Ito colours (distinguishable with colour-vision deficiencies), pattern and symbol.
STYLE: dict[str, tuple[str, str, str]] = {
    "prefectural_shared": ("#0072B2", "solid", "◎"),
    "municipal_shared": ("#009E73", "diagonal", "○"),
    "platforms_no_sharing": ("#E69F00", "dots", "△"),
    "no_platform": ("#CC79A7", "cross", "×"),
    "not_reported": ("#D9D9D9", "none", "？"),
}
TILE, GAP, MARGIN, TOP = 60, 4, 20, 70


def escape(text: str) -> str:
    """XML text; control characters (which XML 1.0 forbids) shown as in the terminal."""
    return _xml_escape(controls(text))


def short_name(name: str) -> str:
    """A prefecture's name without 都, 府 or 県 (北海道 as it is), for a tile."""
    if name == "北海道":
        return name
    return name[:-1] if name[-1:] in ("都", "府", "県") else name


def _patterns() -> str:
    return (
        "<defs>"
        '<pattern id="p-diagonal" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="8" stroke="#ffffff" '
        'stroke-width="3" stroke-opacity="0.7"/></pattern>'
        '<pattern id="p-dots" width="8" height="8" patternUnits="userSpaceOnUse">'
        '<circle cx="4" cy="4" r="1.8" fill="#ffffff" fill-opacity="0.8"/></pattern>'
        '<pattern id="p-cross" width="8" height="8" patternUnits="userSpaceOnUse">'
        '<path d="M0 0L8 8M8 0L0 8" stroke="#ffffff" stroke-width="1.5" stroke-opacity="0.8"/>'
        "</pattern></defs>"
    )


def _swatch(x: float, y: float, size: float, category: str) -> str:
    colour, pattern, _ = STYLE[category]
    out = f'<rect x="{x}" y="{y}" width="{size}" height="{size}" rx="4" fill="{colour}"/>'
    if pattern not in ("solid", "none"):
        out += (
            f'<rect x="{x}" y="{y}" width="{size}" height="{size}" rx="4" '
            f'fill="url(#p-{pattern})"/>'
        )
    return out


def render_map(
    summary: NationalSummary, link: Callable[[PrefectureSummary], str] | None = None
) -> str:
    """The SVG tile map: one tile per prefecture coloured by its status category, with a legend.
    With LINK, each tile is a link to LINK(prefecture), named by its tooltip."""
    columns = max(c for c, _ in TILES.values()) + 1
    rows = max(r for _, r in TILES.values()) + 1
    map_width = MARGIN * 2 + columns * (TILE + GAP)
    legend_x = MARGIN
    legend_y = TOP + rows * (TILE + GAP) + 20
    height = legend_y + 30 * (len(CATEGORIES) + 1) + 40
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{map_width}" height="{height}" '
        f'viewBox="0 0 {map_width} {height}" role="{"group" if link else "img"}" '
        'aria-labelledby="map-title" '
        "font-family=\"'Noto Sans CJK JP','Hiragino Sans','Yu Gothic',sans-serif\">",
        '<title id="map-title">データ連携基盤の共同利用の状況（都道府県別）</title>',
        _patterns(),
        f'<rect width="{map_width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{MARGIN}" y="34" font-size="20" font-weight="bold">'
        "データ連携基盤の共同利用の状況（都道府県別）</text>",
        f'<text x="{MARGIN}" y="56" font-size="12" fill="#444444">'
        f"レジストリのデータから導出（{summary.as_of.isoformat()} 時点）。"
        "色・模様・記号で区分、！は 3 原則に関する指摘あり。</text>",
    ]
    by_code = {p.code: p for p in summary.prefectures}
    for code, (column, row) in sorted(TILES.items()):
        pref = by_code.get(code)
        if pref is None:
            continue
        x = MARGIN + column * (TILE + GAP)
        y = TOP + row * (TILE + GAP)
        symbol = STYLE[pref.category][2]
        label = pref.category_label[0]
        tooltip = f"{pref.name}: {label}"
        if pref.principle_findings:
            tooltip += f"（指摘: {', '.join(pref.principle_findings)}）"
        dark = pref.category in ("prefectural_shared", "municipal_shared")
        ink = "#ffffff" if dark else "#1a1a1a"
        if link is not None:
            parts.append(
                f"<a href={quoteattr(controls(link(pref)))} aria-label={quoteattr(controls(tooltip))}>"
            )
        parts.append(
            f'<g class="tile" data-code="{code}" data-category="{pref.category}" '
            f'data-findings="{len(pref.principle_findings)}">'
            f"<title>{escape(tooltip)}</title>"
            + _swatch(x, y, TILE, pref.category)
            + f'<text class="name" x="{x + TILE / 2}" y="{y + 25}" font-size="13" '
            f'text-anchor="middle" fill="{ink}" font-weight="bold">{escape(short_name(pref.name))}</text>'
            f'<text class="symbol" x="{x + TILE / 2}" y="{y + 47}" font-size="15" '
            f'text-anchor="middle" fill="{ink}">{symbol}</text>'
        )
        if pref.principle_findings:
            parts.append(
                f'<circle class="finding" cx="{x + TILE - 9}" cy="{y + 9}" r="8" fill="#ffffff" '
                f'stroke="#a3141e" stroke-width="1.5"/><text x="{x + TILE - 9}" y="{y + 13}" '
                f'font-size="11" text-anchor="middle" fill="#a3141e" font-weight="bold">！</text>'
            )
        parts.append("</g></a>" if link is not None else "</g>")
    counts = summary.counts()
    parts.append(f'<g class="legend"><text x="{legend_x}" y="{legend_y}" font-size="14" '
                 'font-weight="bold">凡例（GB3 §6.6 の区分）</text>')  # fmt: skip
    for index, category in enumerate(CATEGORIES):
        label_ja = summary.label(category)[0]
        y = legend_y + 12 + index * 30
        agency = summary.agency_counts.get(category)
        agency_text = f"、デジタル庁集計 {agency}" if agency is not None else ""
        parts.append(
            _swatch(legend_x, y, 22, category)
            + f'<text x="{legend_x + 11}" y="{y + 16}" font-size="12" text-anchor="middle">'
            f"{STYLE[category][2]}</text>"
            f'<text x="{legend_x + 32}" y="{y + 16}" font-size="13">'
            f"{escape(label_ja)}（レジストリ {counts[category]}{agency_text}）</text>"
        )
    y = legend_y + 12 + len(CATEGORIES) * 30
    parts.append(
        f'<circle cx="{legend_x + 11}" cy="{y + 11}" r="8" fill="#ffffff" stroke="#a3141e" '
        f'stroke-width="1.5"/><text x="{legend_x + 11}" y="{y + 15}" font-size="11" '
        f'text-anchor="middle" fill="#a3141e" font-weight="bold">！</text>'
        f'<text x="{legend_x + 32}" y="{y + 16}" font-size="13">3 原則・ビジョンに関する指摘あり</text>'
    )
    if summary.agency_as_of:
        parts.append(
            f'<text x="{legend_x}" y="{y + 44}" font-size="11" fill="#444444">'
            f"デジタル庁集計: エリアデータ連携基盤の共同利用ガイドブック第3.0版 §6.6"
            f"（{summary.agency_as_of} 時点）</text>"
        )
    parts.append("</g></svg>")
    return "\n".join(parts) + "\n"

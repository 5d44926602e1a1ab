"""libyaml's error messages in the writer's terms: each known problem in Japanese and English with
a hint, at the place of the actual mistake (an unclosed quote where it opens, a key without its
colon on the key's own line, where libyaml names the line after). An unknown problem keeps
libyaml's English text behind a Japanese lead-in. The characters the scan before libyaml finds
(`yaml_scan`) are told here too (P022)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from renkei.findings import codes
from renkei.findings.model import Finding, Position
from renkei.registry.loaders.yaml_scan import scan_yaml_text


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    """One libyaml error as reported: where, what (both languages) and how to fix it."""

    position: Position
    problem_ja: str
    problem_en: str
    advice_ja: str
    advice_en: str


_CHECK_JA = (
    "この行か直前の行の、インデント（半角スペース）、コロン（: の後に空白）、"
    "引用符の閉じ忘れを確認してください。: や # を含む値は引用符で囲みます。"
)
_CHECK_EN = (
    "Check the indentation (spaces), the colons (a space after each ':') and unclosed "
    "quotes on this line or the one before. Quote a value that contains ': ' or ' #'."
)
_TAB_JA = "インデントにタブ文字は使えません。半角スペースにしてください。"
_TAB_EN = "Tabs cannot indent YAML; use spaces."

#: libyaml's problem text → (Japanese, English, hint ja, hint en, report at the context mark).
_KNOWN: dict[str, tuple[str, str, str, str, bool]] = {
    "mapping values are not allowed in this context": (
        "ここには「キー: 値」を書けません",
        "a 'key: value' cannot start here",
        '値の中に「: 」（コロンと空白）があれば、値全体を引用符（"）で囲んでください。'
        "そうでなければ、この行のインデントが上の行とそろっているか確認してください。",
        "If the value contains ': ' (a colon and a space), put the whole value in quotes (\"). "
        "Otherwise check that this line is indented like the lines above it.",
        False,
    ),
    "could not find expected ':'": (
        "この行のキーの後ろに半角のコロン「:」がありません",
        "the key on this line has no ':' after it",
        "キーの後ろに半角の「:」と半角スペースを書いてください（全角の「：」は使えません）。"
        "複数行にわたる値なら、2 行目以降を字下げしてください。",
        "Write an ASCII ':' and a space after the key (a full-width '：' is not a colon). For a "
        "value over several lines, indent the lines after the first.",
        True,
    ),
    "found character that cannot start any token": (
        "この文字から値を始めることはできません",
        "a value cannot start with this character",
        '「@」や「`」で始まる値は引用符（"）で囲んでください。タブ文字なら半角スペースに'
        "してください。",
        "Put a value that starts with '@' or '`' in quotes (\"). If it is a tab, use spaces.",
        False,
    ),
    "did not find expected key": (
        "キーがあるべき位置に別のものがあります（インデントのずれ）",
        "something other than a key stands where a key belongs (indentation)",
        "この行のインデントを、同じ階層の他のキーとそろえてください。リストの項目なら「- 」で"
        "始めます。",
        "Indent this line like the other keys at its level; start a list item with '- '.",
        False,
    ),
    "did not find expected '-' indicator": (
        "リストの項目があるべき位置に「- 」がありません",
        "a list item here does not start with '- '",
        "リストの各項目を「- 」（半角ハイフンと半角スペース）で始め、インデントをそろえて"
        "ください。",
        "Start each list item with '- ' (an ASCII hyphen and a space), indented alike.",
        False,
    ),
    "did not find expected ',' or ']'": (
        "角括弧「[」のリストが閉じていないか、「,」が抜けています",
        "the list in '[' is not closed, or a ',' is missing",
        "「[」に対応する「]」（半角）を書き、項目を半角の「,」で区切ってください。",
        "Close the '[' with an ASCII ']' and separate the items with ASCII commas.",
        False,
    ),
    "did not find expected ',' or '}'": (
        "波括弧「{」のマッピングが閉じていないか、「,」が抜けています",
        "the mapping in '{' is not closed, or a ',' is missing",
        "「{」に対応する「}」（半角）を書き、項目を半角の「,」で区切ってください。",
        "Close the '{' with an ASCII '}' and separate the entries with ASCII commas.",
        False,
    ),
    "found undefined alias": (
        "定義されていないエイリアス（*）があります",
        "an alias (*) that no anchor defines",
        "「*」で始まる値は引用符で囲んでください。",
        "Put a value that starts with '*' in quotes.",
        False,
    ),
    "found unknown escape character": (
        "二重引用符の中の「\\」の後ろの文字は使えません",
        "the character after '\\' inside double quotes is not an escape",
        "「\\」そのものは「\\\\」と書くか、値を一重引用符（'）で囲んでください。",
        "Write a backslash as '\\\\', or put the value in single quotes (').",
        False,
    ),
    "found a tab character where an indentation space is expected": (
        "インデントにタブ文字があります",
        "a tab character in the indentation",
        _TAB_JA,
        _TAB_EN,
        False,
    ),
    "found a tab character that violates indentation": (
        "インデントにタブ文字があります",
        "a tab character in the indentation",
        _TAB_JA,
        _TAB_EN,
        False,
    ),
    "exceeded maximum nesting depth": (
        "括弧やインデントの入れ子が深すぎます",
        "the brackets or indentation nest too deep",
        "括弧の対応とインデントを確認してください。",
        "Check that the brackets match and the indentation is right.",
        False,
    ),
}
#: libyaml's context text when a quoted value is never closed.
_QUOTED = "while scanning a quoted scalar"
_OPEN_FLOW = {"while parsing a flow sequence": "[", "while parsing a flow mapping": "{"}


def _pos(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def describe(
    error: Exception, line_text: str, spans: list[tuple[int, int, int]] | None = None
) -> SyntaxProblem:
    """ERROR (a yaml.YAMLError) described in both languages; LINE_TEXT is the text of the line
    libyaml names, to tell a tab from other problems; SPANS the quoted values over several lines
    (`yaml_scan.quoted_spans`), to find a quote left open that the next quote closed."""
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None) or ""
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    mark = problem_mark or context_mark
    position = _pos(mark) if mark is not None else Position(1, 1)
    if context == _QUOTED and context_mark is not None:
        return SyntaxProblem(
            _pos(context_mark),
            "ここで始まる引用符が閉じていません",
            f"the quote that opens here is never closed ({problem})",
            "値の最後に、始めと同じ半角の引用符（\" または '）を書いてください。",
            "End the value with the same ASCII quote (\" or ') that starts it.",
        )
    unclosed = next((s for s in spans or () if s[2] == position.line), None)
    if unclosed is not None:
        return SyntaxProblem(
            Position(unclosed[0], unclosed[1]),
            f"ここで始まる引用符が閉じていません（{unclosed[2]} 行目の引用符までが 1 つの値として"
            "読まれました）",
            f"the quote that opens here is never closed (the value runs to the quote on line "
            f"{unclosed[2]}; {problem})",
            "値の最後に、始めと同じ半角の引用符（\" または '）を書いてください。",
            "End the value with the same ASCII quote (\" or ') that starts it.",
        )
    known = _KNOWN.get(problem)
    if known is None:
        tab = "\t" in line_text or "tab" in problem
        return SyntaxProblem(
            position,
            f"YAML として読めません（libyaml の英語のメッセージ: {problem}）",
            problem,
            _TAB_JA if tab else _CHECK_JA,
            _TAB_EN if tab else _CHECK_EN,
        )
    problem_ja, problem_en, advice_ja, advice_en, at_context = known
    if at_context and context_mark is not None:
        position = _pos(context_mark)
    opener = _OPEN_FLOW.get(context)
    if opener is not None and context_mark is not None:
        where = _pos(context_mark)
        problem_ja += f"（{where.line} 行 {where.column} 列目の「{opener}」）"
        problem_en += f" (the '{opener}' on line {where.line}, column {where.column})"
    elif "\t" in line_text and "tab" not in problem:
        advice_ja, advice_en = f"{advice_ja}{_TAB_JA}", f"{advice_en} {_TAB_EN}"
    return SyntaxProblem(position, problem_ja, f"{problem_en} ({problem})", advice_ja, advice_en)


#: Each place in both languages (the Japanese one is followed by に).
_PLACES = {
    "indentation": ("インデント（行頭の字下げ）", "in the indentation"),
    "after-colon": ("キーの「:」の直後", "right after a key's ':'"),
    "key-colon": ("キーの後ろ（「:」の位置）", "after a key, where ':' belongs"),
    "list-marker": ("リストの記号「-」の位置", "where the list marker '-' belongs"),
    "after-marker": ("リストの記号「-」の直後", "right after the list marker '-'"),
    "bracket": ("リスト・マッピングの括弧の位置", "where a bracket of a list or mapping belongs"),
    "quote": ("値を囲む引用符の位置", "where the quotes around a value belong"),
}
#: What was meant, in both languages.
_EXPECTED = {
    " ": ("半角スペース", "a plain space"),
    ":": ("半角のコロン「:」（後ろに半角スペース）", "an ASCII colon ':' followed by a space"),
    "-": ("半角のハイフン「-」（後ろに半角スペース）", "an ASCII hyphen '-' followed by a space"),
}
#: A sentence of advice after the hint, by the kind of character.
_ADVICE = {
    "space": (
        "値の中の全角スペースはそのままで構いません。",
        "A full-width space inside a value is fine as it is.",
    ),
    "tab": (
        "タブはエディタの設定で半角スペースに置き換えられます。",
        "Most editors can turn tabs into spaces.",
    ),
    "other": (
        "値の中の全角文字はそのままで構いません。値を囲むなら半角の引用符を使います。",
        "Full-width characters inside a value are fine; quote a value with ASCII quotes.",
    ),
}


def misplaced_findings(text: str, display_path: str) -> list[Finding]:
    """P022 for each character `scan_yaml_text` finds in TEXT, at its own line and column."""
    findings: list[Finding] = []
    for found in scan_yaml_text(text):
        place_ja, place_en = _PLACES[found.place]
        expected_ja, expected_en = _EXPECTED.get(
            found.expected, (f"半角の「{found.expected}」", f"the ASCII '{found.expected}'")
        )
        kind = "tab" if found.char == "\t" else "space" if found.expected == " " else "other"
        advice, advice_en = _ADVICE[kind]
        findings.append(
            codes.P022.make(
                display_path,
                Position(found.line, found.column),
                place_ja=place_ja,
                place_en=place_en,
                char_ja=found.name_ja,
                char_en=found.name_en[0].upper() + found.name_en[1:],
                codepoint=found.codepoint,
                expected_ja=expected_ja,
                expected_en=expected_en,
                advice=advice,
                advice_en=advice_en,
            )
        )
    return findings

"""How findings look everywhere in the UI: names in Chinese, highlight formats, the hover card."""

from __future__ import annotations

import html
from functools import cache

from desk.review.findings import Finding
from desk.ui.qt import QColor, QTextCharFormat

SEVERITY_LABELS = {"block": "屏蔽", "warn": "提醒", "info": "提示"}
KIND_LABELS = {
    "term": "词库",
    "headline": "标题规范",
    "pii": "个人信息",
    "secret": "涉密标志",
    "proofread": "校对",
    "link": "外链",
}
SEVERITY_COLOURS = {"block": "#c62828", "warn": "#e8710a", "info": "#1a73e8"}
BLOCK_BACKGROUND = "#ffd6d6"
# Links are coloured by what the whitelist check concluded, whatever their severity.
LINK_COLOURS = {
    "link.untrusted": "#b06000",  # amber: outside the whitelist, de-linked on publishing
    "link.suspicious": "#c62828",  # red: built to deceive
    "link.invalid": "#5f6368",  # grey: no browser can follow it
    "link.hidden": "#8e24aa",  # purple: a 暗链
}
# Rules whose suggestion is advice for the writer, not text to put in the span's place.
ADVICE_RULES = frozenset({"proofread.unpaired-punctuation"})


def can_apply(finding: Finding) -> bool:
    """Whether the finding's suggestion is replacement text."""
    return bool(finding.suggestion) and finding.rule not in ADVICE_RULES


@cache
def highlight_format(severity: str, rule: str) -> QTextCharFormat:
    """The inline highlight: block a light-red background, warn a wavy orange underline,
    info a dotted blue one; links underlined in their verdict's colour."""
    fmt = QTextCharFormat()
    if severity == "block":
        fmt.setBackground(QColor(BLOCK_BACKGROUND))
    if rule in LINK_COLOURS:
        style = (
            QTextCharFormat.UnderlineStyle.SpellCheckUnderline
            if severity == "warn"
            else QTextCharFormat.UnderlineStyle.DashUnderline
        )
        fmt.setUnderlineStyle(style)
        fmt.setUnderlineColor(QColor(LINK_COLOURS[rule]))
    elif severity == "warn":
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        fmt.setUnderlineColor(QColor(SEVERITY_COLOURS["warn"]))
    elif severity == "info":
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(QColor(SEVERITY_COLOURS["info"]))
    return fmt


def finding_card(finding: Finding) -> str:
    """The hover card (rich text): severity and category, message, suggestion, folds."""
    colour = LINK_COLOURS.get(finding.rule, SEVERITY_COLOURS[finding.severity])
    lines = [
        f'<b style="color:{colour}">{SEVERITY_LABELS[finding.severity]}</b>'
        f" · {html.escape(finding.category)}",
        html.escape(finding.message),
    ]
    if finding.suggestion:
        label = "建议改为" if can_apply(finding) else "建议"
        lines.append(f"{label}：{html.escape(finding.suggestion)}")
    if finding.explanation:
        lines.append(f"识别方式：{html.escape(' + '.join(finding.explanation))}")
    return "<br>".join(lines)


def finding_cards(findings: list[Finding]) -> str:
    """Cards of several findings at one spot, one under another."""
    return "<hr>".join(finding_card(finding) for finding in findings)


def quoted(finding: Finding, limit: int = 24) -> str:
    """The span as a reader would name it: 「百 家 樂」, shortened if long."""
    text = finding.text.replace("\n", " ")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"「{text}」"

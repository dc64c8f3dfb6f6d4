"""How findings look everywhere in the UI: their names, highlight formats, the hover card."""

from __future__ import annotations

import html
from functools import cache

from desk.review.findings import KIND_LABELS, SEVERITY_LABELS, Finding
from desk.ui.qt import QT_TRANSLATE_NOOP, QColor, QCoreApplication, QTextCharFormat

# The domain's labels (desk.review.findings), marked here so lupdate offers them for
# translation; a test keeps this list and the domain's in step.
TRANSLATED_LABELS = (
    QT_TRANSLATE_NOOP("findings", "屏蔽"),
    QT_TRANSLATE_NOOP("findings", "提醒"),
    QT_TRANSLATE_NOOP("findings", "提示"),
    QT_TRANSLATE_NOOP("findings", "词库"),
    QT_TRANSLATE_NOOP("findings", "标题规范"),
    QT_TRANSLATE_NOOP("findings", "个人信息"),
    QT_TRANSLATE_NOOP("findings", "涉密标志"),
    QT_TRANSLATE_NOOP("findings", "校对"),
    QT_TRANSLATE_NOOP("findings", "外链"),
)
SEVERITY_COLOURS = {"block": "#c62828", "warn": "#e8710a", "info": "#1a73e8"}
BLOCK_BACKGROUND = "#ffd6d6"
# Links are coloured by what the whitelist check concluded, whatever their severity.
LINK_COLOURS = {
    "link.untrusted": "#b06000",  # amber: outside the whitelist, de-linked on publishing
    "link.suspicious": "#c62828",  # red: built to deceive
    "link.invalid": "#5f6368",  # grey: no browser can follow it
    "link.hidden": "#8e24aa",  # purple: a 暗链
}


def can_apply(finding: Finding) -> bool:
    """Whether there is replacement text to apply (advice lives in the message, never here)."""
    return bool(finding.suggestion)


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


def translated(text: str) -> str:
    """A string of the "findings" context in the UI's language."""
    return QCoreApplication.translate("findings", text)


def severity_label(severity: str) -> str:
    return translated(SEVERITY_LABELS[severity])


def kind_label(kind: str) -> str:
    return translated(KIND_LABELS[kind])


def finding_card(finding: Finding) -> str:
    """The hover card (rich text): severity and category, message, suggestion, folds."""
    colour = LINK_COLOURS.get(finding.rule, SEVERITY_COLOURS[finding.severity])
    lines = [
        f'<b style="color:{colour}">{severity_label(finding.severity)}</b>'
        f" · {html.escape(finding.category)}",
        html.escape(finding.message),
    ]
    if finding.suggestion:
        label = QCoreApplication.translate("findings", "建议改为：")
        lines.append(label + html.escape(finding.suggestion))
    if finding.explanation:
        label = QCoreApplication.translate("findings", "识别方式：")
        lines.append(label + html.escape(" + ".join(finding.explanation)))
    return "<br>".join(lines)


def finding_cards(findings: list[Finding]) -> str:
    """Cards of several findings at one spot, one under another."""
    return "<hr>".join(finding_card(finding) for finding in findings)


def quoted(finding: Finding, limit: int = 24) -> str:
    """The span as a reader would name it: 「百 家 樂」, shortened if long."""
    text = finding.found_text.replace("\n", " ")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"「{text}」"

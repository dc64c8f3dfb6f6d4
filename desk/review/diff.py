"""Comparing two revisions of a draft, side by side, for reviewers (修改比对).

Paragraphs (the lines of ``body_text``) are aligned first; inside a changed pair the
characters are compared, since Chinese has no spaces to split words at. That keeps a
100,000-character draft with a few edits fast: only the changed paragraphs are
compared character by character, and a changed stretch too long for that
(``CHAR_DIFF_LIMIT``) is marked whole rather than compared.

Offsets are code points into the line's own text (Python string indices), so an emoji
or a CJK extension character counts as one.
"""

from __future__ import annotations

import html
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from itertools import zip_longest

from sqlalchemy import select

from desk.review.drafts import DraftNotFound
from desk.store import Store
from desk.store.models import Account, Draft, Revision

EQUAL, INSERT, DELETE, REPLACE = "equal", "insert", "delete", "replace"
# len(old) × len(new) of a changed stretch beyond which it is marked whole (~10 ms).
CHAR_DIFF_LIMIT = 4_000_000
# old × new paragraphs of a changed block beyond which they are paired in order.
PAIRING_LIMIT = 2_500
# Bigram similarity from which a deleted and an inserted paragraph are one edited one;
# unrelated paragraphs of government text score below 0.4, a 20% edit near 0.8.
SIMILAR = 0.4
CONTEXT = 2  # unchanged paragraphs shown around a change in diff_html
CLIP_CONTEXT = 20  # unchanged characters kept around a change in changes_html

Span = tuple[int, int]  # [start, end) in code points


@dataclass(frozen=True, slots=True)
class DiffLine:
    """One row of the side-by-side view: a paragraph of either text, or a pair of them.

    ``left`` is None on an insert row, ``right`` on a delete row. The spans mark the
    changed characters of each side, in code points into that side's text.
    """

    kind: str  # EQUAL, INSERT, DELETE or REPLACE
    left: str | None
    right: str | None
    left_number: int | None  # 1-based paragraph number in the old text
    right_number: int | None
    left_spans: tuple[Span, ...] = ()
    right_spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class RevisionText:
    """One saved revision with its text, to compare with another."""

    number: int  # 1, 2, 3 … per draft
    title: str
    body_text: str
    author: str  # login
    author_name: str  # 'Name（login）' when the account is known
    stage: str  # "draft" or the review level whose reviewer saved it
    created_at: datetime
    content_hash: str


def revision_texts(store: Store, draft_id: uuid.UUID) -> list[RevisionText]:
    """Every revision of the draft, oldest first; DraftNotFound if there is none."""
    with store.read() as session:
        if session.get(Draft, draft_id) is None:
            raise DraftNotFound(draft_id)
        rows = session.execute(
            select(
                Revision.number,
                Revision.title,
                Revision.body_text,
                Revision.author,
                Account.name,
                Revision.stage,
                Revision.created_at,
                Revision.content_hash,
            )
            .outerjoin(Account, Account.login == Revision.author)
            .where(Revision.draft_id == draft_id)
            .order_by(Revision.number)
        )
        return [
            RevisionText(
                number=number,
                title=title,
                body_text=body_text,
                author=author,
                author_name=f"{name}（{author}）" if name is not None else author,
                stage=stage,
                created_at=created_at,
                content_hash=digest,
            )
            for number, title, body_text, author, name, stage, created_at, digest in rows
        ]


def diff_revisions(old_text: str, new_text: str) -> list[DiffLine]:
    """The two texts paragraph by paragraph, with changed characters marked."""
    old, new = old_text.splitlines(), new_text.splitlines()
    rows: list[DiffLine] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == EQUAL:
            rows += [
                DiffLine(EQUAL, old[i], new[j], i + 1, j + 1)
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            ]
            continue
        rows += [
            _changed_row(old, new, None if i is None else i1 + i, None if j is None else j1 + j)
            for i, j in _pairs(old[i1:i2], new[j1:j2])
        ]
    return rows


def _changed_row(old: list[str], new: list[str], i: int | None, j: int | None) -> DiffLine:
    if j is None:
        assert i is not None
        return DiffLine(DELETE, old[i], None, i + 1, None, _whole(old[i]))
    if i is None:
        return DiffLine(INSERT, None, new[j], None, j + 1, (), _whole(new[j]))
    return DiffLine(REPLACE, old[i], new[j], i + 1, j + 1, *_char_spans(old[i], new[j]))


def _pairs(old: list[str], new: list[str]) -> list[tuple[int | None, int | None]]:
    """Which old and new paragraphs of a changed block share a row: similar ones
    (edited paragraphs), and between those the rest in order, side by side."""
    anchors = _similar_pairs(old, new) if len(old) * len(new) <= PAIRING_LIMIT else []
    pairs: list[tuple[int | None, int | None]] = []
    i = j = 0
    for anchor_i, anchor_j in [*anchors, (len(old), len(new))]:
        pairs += zip_longest(range(i, anchor_i), range(j, anchor_j))
        if anchor_i < len(old):
            pairs.append((anchor_i, anchor_j))
        i, j = anchor_i + 1, anchor_j + 1
    return pairs


def _similar_pairs(old: list[str], new: list[str]) -> list[tuple[int, int]]:
    """The in-order pairing of similar paragraphs with the greatest total similarity."""
    new_grams = [_bigrams(line) for line in new]
    similarity = [[_dice(a, b) for b in new_grams] for a in map(_bigrams, old)]
    best = [[0.0] * (len(new) + 1) for _ in range(len(old) + 1)]
    for i, row in enumerate(similarity):
        for j, score in enumerate(row):
            paired = best[i][j] + score if score >= SIMILAR else 0.0
            best[i + 1][j + 1] = max(best[i][j + 1], best[i + 1][j], paired)
    pairs = []
    i, j = len(old), len(new)
    while i and j:
        score = similarity[i - 1][j - 1]
        if score >= SIMILAR and best[i][j] == best[i - 1][j - 1] + score:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def _bigrams(line: str) -> Counter[str]:
    return Counter(line[k : k + 2] for k in range(len(line) - 1))


def _dice(a: Counter[str], b: Counter[str]) -> float:
    total = a.total() + b.total()
    return 2 * (a & b).total() / total if total else 0.0


def _char_spans(left: str, right: str) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """The changed characters of two versions of a paragraph."""
    start = _common(left, right, at_end=False)
    end = _common(left[start:], right[start:], at_end=True)
    old, new = left[start : len(left) - end], right[start : len(right) - end]
    if not old or not new or len(old) * len(new) > CHAR_DIFF_LIMIT:
        return _whole(old, start), _whole(new, start)
    changes = _changes(SequenceMatcher(None, old, new, autojunk=False).get_opcodes())
    return (
        tuple((start + a1, start + a2) for a1, a2, _, _ in changes if a2 > a1),
        tuple((start + b1, start + b2) for _, _, b1, b2 in changes if b2 > b1),
    )


def _common(a: str, b: str, *, at_end: bool) -> int:
    """How many characters ``a`` and ``b`` share at their start (or end): a binary search
    over slice comparisons, which run in C, so a long paragraph costs little."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        same = a[-middle:] == b[-middle:] if at_end else a[:middle] == b[:middle]
        low, high = (middle, high) if same else (low, middle - 1)
    return low


def _changes(opcodes: list[tuple[str, int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """The changed runs (a1, a2, b1, b2), an unchanged run between two changes absorbed
    when it is shorter than both: one common 的 between two longer edits is noise to
    a reader, not a match."""
    changes: list[tuple[int, int, int, int]] = []
    gap = 0  # the unchanged run before this change (SequenceMatcher puts one between two)
    for tag, a1, a2, b1, b2 in opcodes:
        if tag == EQUAL:
            gap = a2 - a1
        elif changes and gap < min(_size(changes[-1]), max(a2 - a1, b2 - b1)):
            changes[-1] = (changes[-1][0], a2, changes[-1][2], b2)
        else:
            changes.append((a1, a2, b1, b2))
    return changes


def _size(change: tuple[int, int, int, int]) -> int:
    a1, a2, b1, b2 = change
    return max(a2 - a1, b2 - b1)


def _whole(text: str, offset: int = 0) -> tuple[Span, ...]:
    return ((offset, offset + len(text)),) if text else ()


# --- HTML ------------------------------------------------------------------------------

_STYLE = """
body {
  font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei",
    sans-serif;
  font-size: 10.5pt;
  color: #222;
}
h1 { font-size: 15pt; text-align: center; margin: 0 0 6pt; }
p.summary { margin: 0 0 6pt; color: #555; }
table.diff { border-collapse: collapse; width: 100%; }
table.diff th, table.diff td { border: 1px solid #999; vertical-align: top; }
table.diff th { background-color: #eeeeee; }
td.text { white-space: pre-wrap; }
td.number { color: #888; text-align: right; font-size: 8pt; }
td.old { background-color: #fff6f6; }
td.new { background-color: #f4fbf4; }
td.none { background-color: #f3f3f3; }
td.skipped { color: #888; text-align: center; background-color: #fafafa; }
span.del { color: #b00000; background-color: #ffd9d9; text-decoration: line-through; }
span.ins { color: #006400; background-color: #ccefcc; }
span.where { color: #888; font-size: 9pt; }
"""


def diff_html(
    old_title: str,
    old_text: str,
    new_title: str,
    new_text: str,
    *,
    old_label: str = "原文",
    new_label: str = "修改后",
) -> str:
    """A self-contained page: the title and body compared in two columns, deletions red
    and struck through, insertions green, long unchanged stretches folded."""
    title_row = DiffLine(
        EQUAL if old_title == new_title else REPLACE,
        old_title,
        new_title,
        None,
        None,
        *_char_spans(old_title, new_title),
    )
    rows = diff_revisions(old_text, new_text)
    changed = Counter(row.kind for row in rows if row.kind != EQUAL)
    summary = (
        f"修改 {changed[REPLACE]} 段，新增 {changed[INSERT]} 段，删除 {changed[DELETE]} 段"
        if changed
        else "正文无改动"
    )
    if old_title != new_title:
        summary = "标题有改动；" + summary
    cells = [
        _row(title_row, "<th>标题</th>", "<th>标题</th>"),
        *(
            _skipped(item)
            if isinstance(item, int)
            else _row(item, _number(item.left_number), _number(item.right_number))
            for item in _folded(rows)
        ),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>修改比对</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        "<h1>修改比对</h1>\n"
        f'<p class="summary">{_escape(summary)}</p>\n'
        '<table class="diff" border="1" cellspacing="0" cellpadding="3" width="100%">\n'
        '<tr><th width="6%">段</th>'
        f'<th width="44%">{_escape(old_label)}</th>'
        f'<th width="6%">段</th><th width="44%">{_escape(new_label)}</th></tr>\n'
        + "\n".join(cells)
        + "\n</table>\n</body>\n</html>\n"
    )


def changes_html(
    old_title: str, old_text: str, new_title: str, new_text: str, *, limit: int = 20
) -> str:
    """Only the changed paragraphs, each as its old and new line, clipped to the changes:
    fits beside the editor, where two columns of whole paragraphs would not."""
    rows = [row for row in diff_revisions(old_text, new_text) if row.kind != EQUAL]
    if old_title != new_title:
        rows.insert(0, DiffLine(REPLACE, old_title, new_title, None, None,
                                *_char_spans(old_title, new_title)))  # fmt: skip
    if not rows:
        return '<p class="summary">正文无改动</p>'
    items = []
    for row in rows[:limit]:
        where = (
            f"第 {row.right_number or row.left_number} 段"
            if row.left_number or row.right_number
            else "标题"
        )
        lines = []
        # a side with nothing of its own changed is cut around where the other side's
        # first change is (both sides share the text before it)
        at = [(spans[0][0], spans[0][0]) for spans in (row.left_spans, row.right_spans) if spans]
        if row.left is not None:
            lines.append("－" + _clipped(row.left, row.left_spans or tuple(at[:1]), "del"))
        if row.right is not None:
            lines.append("＋" + _clipped(row.right, row.right_spans or tuple(at[:1]), "ins"))
        items.append(f'<p><span class="where">{where}</span><br>{"<br>".join(lines)}</p>')
    if len(rows) > limit:
        items.append(f'<p class="summary">另有 {len(rows) - limit} 处改动，请在修订记录中查看</p>')
    return f"<style>{_STYLE}</style>\n" + "\n".join(items)


def _clipped(text: str, spans: tuple[Span, ...], mark: str, keep: int = CLIP_CONTEXT) -> str:
    """``text`` with its changed spans marked and the unchanged stretches between them
    cut to ``keep`` characters either side."""
    if not spans:
        return _escape(_middle_cut(text, keep, first=False, last=True))
    parts, at = [], 0
    for start, end in spans:
        parts.append(_escape(_middle_cut(text[at:start], keep, first=at == 0, last=False)))
        if end > start:
            parts.append(f'<span class="{mark}">{_escape(text[start:end])}</span>')
        at = end
    parts.append(_escape(_middle_cut(text[at:], keep, first=False, last=True)))
    return "".join(parts)


def _middle_cut(text: str, keep: int, *, first: bool, last: bool) -> str:
    """An unchanged stretch shortened to the ``keep`` characters next to each change."""
    if len(text) <= 2 * keep + 1:
        return text
    if first:
        return "…" + text[-keep:]
    if last:
        return text[:keep] + "…"
    return text[:keep] + "…" + text[-keep:]


def _folded(rows: list[DiffLine]) -> list[DiffLine | int]:
    """The rows with each long unchanged stretch replaced by how many paragraphs it has,
    keeping ``CONTEXT`` paragraphs next to every change."""
    out: list[DiffLine | int] = []
    start = 0
    while start < len(rows):
        end = start
        while end < len(rows) and rows[end].kind == EQUAL:
            end += 1
        if end == start:
            out.append(rows[start])
            start += 1
            continue
        keep_before = CONTEXT if start > 0 else 0
        keep_after = CONTEXT if end < len(rows) else 0
        if end - start - keep_before - keep_after >= 2:
            out += [*rows[start : start + keep_before], end - start - keep_before - keep_after]
            out += rows[end - keep_after : end]
        else:
            out += rows[start:end]
        start = end
    return out


def _skipped(count: int) -> str:
    return f'<tr><td class="skipped" colspan="4">… 未改动 {count} 段 …</td></tr>'


def _number(number: int | None) -> str:
    return f'<td class="number">{number or ""}</td>'


def _row(line: DiffLine, left_head: str, right_head: str) -> str:
    left = _side(line.left, line.left_spans, "del", "old")
    right = _side(line.right, line.right_spans, "ins", "new")
    return f"<tr>{left_head}{left}{right_head}{right}</tr>"


def _side(text: str | None, spans: tuple[Span, ...], mark: str, changed: str) -> str:
    if text is None:
        return '<td class="text none"></td>'
    css = f"text {changed}" if spans else "text"
    parts, at = [], 0
    for start, end in spans:
        parts.append(_escape(text[at:start]))
        parts.append(f'<span class="{mark}">{_escape(text[start:end])}</span>')
        at = end
    parts.append(_escape(text[at:]))
    return f'<td class="{css}">{"".join(parts)}</td>'


def _escape(text: str) -> str:
    return html.escape(text, quote=True)

"""The draft editor, driven as a user would: typing, pasting, hovering, menus, actions."""

from unittest.mock import patch

import pytest
from PySide6.QtGui import QHelpEvent  # test-only: a hover as the platform reports it

from desk.review.findings import Finding
from desk.ui.findings.style import BLOCK_BACKGROUND, LINK_COLOURS, finding_card
from desk.ui.positions import Utf16Map
from desk.ui.qt import (
    QApplication,
    QEvent,
    QGuiApplication,
    QMimeData,
    QPoint,
    Qt,
    QTextCharFormat,
    QTextCursor,
    QToolTip,
)
from tests.ui.conftest import TIMEOUT_MS, block_until_answered, settle, spans, type_text

INPUT_DIALOG = "desk.ui.editor.draft_editor.QInputDialog.getText"


def put_cursor(editor, position: int) -> None:
    cursor = editor.body.textCursor()
    cursor.setPosition(position)
    editor.body.setTextCursor(cursor)


def point_of(editor, position: int) -> QPoint:
    """A viewport point inside the character at `position`."""
    cursor = QTextCursor(editor.body.document())
    cursor.setPosition(position)
    caret = editor.body.cursorRect(cursor)
    return QPoint(caret.x() + 3, caret.center().y())


def char_format(editor, position: int) -> QTextCharFormat:
    """The format of the character at `position`."""
    cursor = QTextCursor(editor.body.document())
    cursor.setPosition(position + 1)
    return cursor.charFormat()


def body_finding(editor, text: str) -> Finding:
    return next(f for f in editor.findings() if f.field == "body" and f.text == text)


# Highlights where the findings are


def test_typing_highlights_the_hit_by_severity(qtbot, editor):
    editor.body.setFocus()
    type_text(editor.body, "请立即清理百家乐广告，联系国家工商行政管理总局")
    settle(qtbot, editor)
    assert spans(editor) == [(5, 8), (13, 23)]
    block, warn = editor.body.extraSelections()
    assert block.format.background().color().name() == BLOCK_BACKGROUND
    assert warn.format.underlineStyle() == warn.format.UnderlineStyle.SpellCheckUnderline
    assert warn.format.underlineColor().name() == "#e8710a"


def test_ascii_typing_with_key_clicks_is_checked(qtbot, editor):
    qtbot.keyClicks(editor.body, "see https://t.cn/A6abcd now")
    settle(qtbot, editor)
    [link] = editor.findings()
    assert (link.rule, link.start, link.end) == ("link.suspicious", 4, 23)
    assert spans(editor) == [(4, 23)]


def test_links_are_coloured_by_verdict_and_info_is_dotted(qtbot, editor):
    qtbot.keyClicks(editor.body, "http://example.com/a https://t.cn/A6abcd ")
    type_text(editor.body, "联系电话：13812345678")
    settle(qtbot, editor)
    assert [f.rule for f in editor.findings()] == [
        "link.untrusted",
        "link.suspicious",
        "pii.mobile",
    ]
    selections = editor.body.extraSelections()  # owns the formats read below
    untrusted, suspicious, info = (selection.format for selection in selections)
    assert untrusted.underlineColor().name() == LINK_COLOURS["link.untrusted"]
    assert not untrusted.hasProperty(QTextCharFormat.Property.BackgroundBrush)
    assert suspicious.underlineColor().name() == LINK_COLOURS["link.suspicious"]
    assert suspicious.background().color().name() == BLOCK_BACKGROUND
    assert info.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    assert info.underlineColor().name() == "#1a73e8"


def test_highlights_land_after_emoji_and_extension_b(qtbot, editor):
    type_text(editor.body, "😀𠀋百 家 樂")
    settle(qtbot, editor)
    [finding] = editor.findings()
    assert (finding.start, finding.end) == (2, 7)  # code points, as the engine counts
    assert spans(editor) == [(4, 9)]  # UTF-16, as Qt counts
    [selection] = editor.body.extraSelections()
    assert selection.cursor.selectedText() == "百 家 樂"


def test_pasted_html_is_checked_and_highlighted(qtbot, editor):
    mime = QMimeData()
    mime.setHtml("<h1>通知</h1><p>😀网站被植入<b>百</b>家乐广告</p><p>𠀋澳门*赌场</p>")
    editor.body.insertFromMimeData(mime)
    settle(qtbot, editor)
    text = editor.body.toPlainText()
    assert text == "通知\n😀网站被植入百家乐广告\n𠀋澳门*赌场"
    assert [f.text for f in editor.findings()] == ["百家乐", "澳门*赌场"]
    assert spans(editor) == [(10, 13), (18, 23)]
    assert [
        text.encode("utf-16-le")[2 * a : 2 * b].decode("utf-16-le") for a, b in spans(editor)
    ] == [
        "百家乐",
        "澳门*赌场",
    ]


def test_highlights_follow_the_text_before_the_recheck(qtbot, editor):
    type_text(editor.body, "百家乐")
    settle(qtbot, editor)
    put_cursor(editor, 0)
    type_text(editor.body, "前面")
    assert spans(editor) == [(2, 5)]  # moved with the text at once
    settle(qtbot, editor)
    assert spans(editor) == [(2, 5)]


# Incremental checking


def test_an_edit_rechecks_only_its_paragraph_and_the_one_before(qtbot, editor, worker):
    editor.set_draft("", "<p>百家乐一</p><p>第二段</p><p>第三段</p><p>澳门赌场四</p>")
    settle(qtbot, editor)
    first_mark, last_mark = editor._marks
    requests = []
    worker.check_requested.connect(lambda *args: requests.append(args))
    put_cursor(editor, len("百家乐一\n第二段\n第三"))
    type_text(editor.body, "百家乐")
    settle(qtbot, editor)
    [(_generation, field, text, start, end, _anchors, _alts)] = requests
    # the edited paragraph, the one before (re-judged), the one after (context only)
    assert (field, text, start, end) == ("body", "第二段\n第三百家乐段\n澳门赌场四", 5, 21)
    assert spans(editor) == [(0, 3), (11, 14), (16, 20)]
    # marks outside the re-judged paragraphs are kept, not rebuilt
    marks = list(editor._marks)
    assert marks[0] is first_mark and marks[2] is last_mark


def test_a_quotation_running_on_is_rejudged_when_the_next_paragraph_changes(qtbot, editor):
    editor.set_draft("", "<p>“第一段</p><p>第二段”</p>")
    settle(qtbot, editor)
    assert [f.rule for f in editor.findings()] == ["proofread.unpaired-punctuation"] * 2
    put_cursor(editor, len("“第一段\n"))
    type_text(editor.body, "“")  # the quotation now runs on into the second paragraph
    settle(qtbot, editor)
    assert editor.findings() == []


def test_loading_a_draft_checks_it_whole(qtbot, editor, worker):
    requests = []
    worker.check_requested.connect(lambda *args: requests.append(args[1:5]))
    editor.set_draft("震惊！！", "<p>甲</p><p>百家乐</p>")
    settle(qtbot, editor)
    assert sorted(requests) == [("body", "甲\n百家乐", 0, 5), ("title", "震惊！！", 0, 4)]
    assert [(f.field, f.rule) for f in editor.findings()] == [
        ("title", "headline.term"),
        ("title", "headline.punctuation"),
        ("body", "lexicon.term"),
    ]
    assert editor.title.property("severity") == "warn"
    assert "标题规范" in editor.title.toolTip()


def test_a_result_for_text_that_has_changed_is_dropped(qtbot, editor, worker):
    requested = []
    worker.check_requested.connect(lambda generation, *_: requested.append(generation))
    wait_for_answer = block_until_answered(worker)
    type_text(editor.body, "百家乐")
    QApplication.processEvents()  # the request goes out
    assert len(requested) == 1
    wait_for_answer()  # the worker answers meanwhile; the result waits in the UI queue
    put_cursor(editor, 0)
    type_text(editor.body, "前")  # …and is stale by the time it is delivered
    delivered = []
    worker.checked.connect(lambda generation, *_: delivered.append((generation, spans(editor))))
    settle(qtbot, editor)
    assert delivered[0] == (requested[0], [])  # not applied: it would highlight 前百家
    assert spans(editor) == [(1, 4)]


def test_a_late_result_of_an_old_generation_is_not_applied(qtbot, editor, worker):
    type_text(editor.body, "百家乐")
    settle(qtbot, editor)
    before = spans(editor)
    bogus = Finding("term", "lexicon.term", "body", 0, 1, "百", "block", "涉赌", "旧结果")
    worker.checked.emit(1, "body", 0, 3, [bogus])
    assert spans(editor) == before


def test_findings_changed_fires_once_the_findings_settle(qtbot, editor):
    with qtbot.waitSignal(editor.findings_changed, timeout=TIMEOUT_MS):
        type_text(editor.body, "百")
        type_text(editor.body, "家乐")
    assert [f.text for f in editor.findings()] == ["百家乐"]


# Hover card and actions


def test_hovering_a_hit_shows_its_card(qtbot, editor):
    type_text(editor.body, "近期网站被植入“百 家 樂”广告")
    settle(qtbot, editor)
    event_point = point_of(editor, 10)  # 家
    event = QHelpEvent(
        QEvent.Type.ToolTip, event_point, editor.body.viewport().mapToGlobal(event_point)
    )
    QApplication.sendEvent(editor.body.viewport(), event)
    card = QToolTip.text()
    QToolTip.hideText()
    assert "屏蔽" in card and "涉赌" in card
    assert "「百家乐」属于涉赌词条" in card
    assert "繁→简 + 忽略空格" in card


def test_applying_a_suggestion_is_one_undoable_edit(qtbot, editor):
    type_text(editor.body, "请对照国家工商行政管理总局的要求")
    settle(qtbot, editor)
    assert editor.apply_suggestion(body_finding(editor, "国家工商行政管理总局"))
    assert editor.body.toPlainText() == "请对照国家市场监督管理总局的要求"
    settle(qtbot, editor)
    assert editor.findings() == []
    editor.body.undo()
    assert editor.body.toPlainText() == "请对照国家工商行政管理总局的要求"
    settle(qtbot, editor)
    assert spans(editor) == [(3, 13)]


def test_advice_is_not_applied_as_text(qtbot, editor):
    type_text(editor.body, "见《通知")
    settle(qtbot, editor)
    [unpaired] = editor.findings()
    assert "在适当位置补上 》" in unpaired.message and unpaired.suggestion is None
    assert not editor.apply_suggestion(unpaired)
    assert editor.body.toPlainText() == "见《通知"
    menu = editor.body_context_menu(point_of(editor, 1))
    assert not any(action.text().startswith("改为") for action in menu.actions())
    menu.deleteLater()


def test_the_card_offers_replacement_text_and_advice_in_the_message(qtbot, editor):
    type_text(editor.body, "见《通知，对照国家工商行政管理总局")
    settle(qtbot, editor)
    unpaired, outdated = editor.findings()
    assert "在适当位置补上 》" in finding_card(unpaired)
    assert "建议改为" not in finding_card(unpaired)
    assert "建议改为：国家市场监督管理总局" in finding_card(outdated)


def test_the_context_menu_offers_the_findings_actions(qtbot, editor):
    type_text(editor.body, "对照国家工商行政管理总局")
    settle(qtbot, editor)
    menu = editor.body_context_menu(point_of(editor, 4))
    texts = [action.text() for action in menu.actions()]
    assert texts[:2] == ["改为「国家市场监督管理总局」", "此处忽略「国家工商行政管理总局」…"]
    assert "粘贴为纯文本" in texts
    menu.actions()[0].trigger()
    assert editor.body.toPlainText() == "对照国家市场监督管理总局"
    menu.deleteLater()


def test_ignoring_needs_a_reason_and_hides_the_finding(qtbot, editor):
    type_text(editor.body, "网传和网传")
    settle(qtbot, editor)
    second = editor.findings()[1]
    with (
        patch(INPUT_DIALOG, return_value=("系报道原文引用，已核实", True)),
        qtbot.waitSignal(editor.ignore_requested, timeout=TIMEOUT_MS) as ignored,
    ):
        assert editor.ignore_finding(second)
    assert ignored.args == [second, "系报道原文引用，已核实"]
    assert spans(editor) == [(0, 2)]
    assert [f.start for f in editor.findings()] == [0]
    # still hidden after its paragraph is checked again
    put_cursor(editor, 0)
    type_text(editor.body, "又")
    settle(qtbot, editor)
    assert spans(editor) == [(1, 3)]


def test_ignoring_survives_a_recheck_while_the_dialog_is_open(qtbot, editor):
    type_text(editor.body, "网传，另见下文")
    settle(qtbot, editor)
    [finding] = editor.findings()
    [old_mark] = editor._marks

    def recheck_meanwhile(*_):
        bold = QTextCursor(editor.body.document())
        bold.setPosition(5)
        bold.setPosition(7, QTextCursor.MoveMode.KeepAnchor)
        emphasis = QTextCharFormat()
        emphasis.setFontWeight(700)
        bold.mergeCharFormat(emphasis)  # a format change re-checks the paragraph
        settle(qtbot, editor)
        return ("已核实", True)

    with patch(INPUT_DIALOG, side_effect=recheck_meanwhile):
        assert editor.ignore_finding(finding)
    assert list(editor._marks) == [] and old_mark not in editor._ignored
    assert spans(editor) == []


def test_an_empty_reason_is_refused(qtbot, editor):
    type_text(editor.body, "网传")
    settle(qtbot, editor)
    [finding] = editor.findings()
    with (
        patch(INPUT_DIALOG, return_value=("   ", True)),
        qtbot.assertNotEmitted(editor.ignore_requested),
        qtbot.waitSignal(editor.notice, timeout=TIMEOUT_MS) as notice,
    ):
        assert not editor.ignore_finding(finding)
    assert "原因" in notice.args[0]
    assert spans(editor) == [(0, 2)]
    with patch(INPUT_DIALOG, return_value=("", False)):  # cancelled
        assert not editor.ignore_finding(finding)
    assert editor.findings() == [finding]


def test_a_block_finding_cannot_be_ignored(qtbot, editor):
    type_text(editor.body, "百家乐")
    settle(qtbot, editor)
    [finding] = editor.findings()
    with (
        patch(INPUT_DIALOG, return_value=("已核实", True)) as asked,
        qtbot.assertNotEmitted(editor.ignore_requested),
        qtbot.waitSignal(editor.notice, timeout=TIMEOUT_MS) as notice,
    ):
        assert not editor.ignore_finding(finding)
    assert not asked.called and "屏蔽项不能忽略" in notice.args[0]
    assert editor.findings() == [finding]
    menu = editor.body_context_menu(
        editor.body.cursorRect(QTextCursor(editor.body.document())).center()
    )
    assert not [a.text() for a in menu.actions() if "忽略" in a.text()]
    menu.deleteLater()


def test_an_ignored_title_finding_stays_hidden(qtbot, editor):
    editor.title.setText("震惊：通知")
    settle(qtbot, editor)
    [finding] = editor.findings()
    with patch(INPUT_DIALOG, return_value=("引用原话", True)):
        assert editor.ignore_finding(finding)
    assert editor.findings() == []
    editor.title.setText("震惊：通知。")
    settle(qtbot, editor)
    assert editor.findings() == []


def test_selecting_a_finding_selects_its_span(qtbot, editor):
    type_text(editor.body, "😀联系澳门赌场")
    settle(qtbot, editor)
    assert editor.select_finding(editor.findings()[0])
    cursor = editor.body.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (4, 8)


# Paste


@pytest.mark.qt_log_ignore("QFont::setPixelSize")
def test_rich_paste_keeps_structure_and_drops_styling_that_hides_text(qtbot, editor):
    mime = QMimeData()
    mime.setHtml(
        "<html><head><style>.x{color:red}</style><script>alert(1)</script></head><body>"
        "<h2>一、总体要求</h2>"
        "<p>正文<b>加粗</b><i>倾斜</i><span style='color:#ffffff'>白字</span>"
        "<span style='font-size:0px'>零号字</span><a href='https://www.gov.cn/'>链接</a></p>"
        "<ul><li>第一项</li><li>第二项</li></ul>"
        "<table><tr><td style='background:#000'>单元格</td></tr></table>"
        "</body></html>"
    )
    editor.body.insertFromMimeData(mime)
    document = editor.body.document()
    text = editor.body.toPlainText()
    assert "alert" not in text
    heading = document.findBlockByNumber(0)
    assert (heading.text(), heading.blockFormat().headingLevel()) == ("一、总体要求", 2)
    assert char_format(editor, text.index("加粗")).fontWeight() == 700
    assert char_format(editor, text.index("倾斜")).fontItalic()
    assert char_format(editor, text.index("链接")).anchorHref() == "https://www.gov.cn/"
    white, tiny = char_format(editor, text.index("白字")), char_format(editor, text.index("零号字"))
    assert not white.hasProperty(QTextCharFormat.Property.ForegroundBrush)
    assert not tiny.hasProperty(QTextCharFormat.Property.FontPixelSize)
    items = [document.findBlockByNumber(n) for n in (2, 3)]
    assert [b.text() for b in items] == ["第一项", "第二项"]
    assert all(b.textList() is not None for b in items)
    cell = QTextCursor(document)
    cell.setPosition(text.index("单元格"))
    table = cell.currentTable()
    assert table is not None
    assert table.cellAt(cell).format().background().style() == Qt.BrushStyle.NoBrush
    editor.body.undo()  # the whole paste is one edit
    assert editor.body.toPlainText() == ""


@pytest.fixture
def clipboard():
    """The system clipboard, emptied afterwards: Qt must not free our data at exit."""
    board = QGuiApplication.clipboard()
    yield board
    board.clear()


def test_ctrl_shift_v_pastes_plain_text(qtbot, editor, clipboard):
    mime = QMimeData()
    mime.setHtml("<b>澳门赌场</b>")
    mime.setText("澳门赌场")
    clipboard.setMimeData(mime)
    editor.activateWindow()
    editor.body.setFocus()
    qtbot.waitUntil(editor.body.hasFocus, timeout=TIMEOUT_MS)
    qtbot.keyClick(
        editor.body,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert editor.body.toPlainText() == "澳门赌场"
    block = editor.body.document().firstBlock()
    assert all(r.format.fontWeight() != 700 for r in block.textFormats())
    settle(qtbot, editor)
    assert spans(editor) == [(0, 4)]


def test_links_in_rich_text_are_judged_where_their_text_is(qtbot, editor):
    editor.set_draft(
        "通知",
        '<p>😀𠀋见<a href="http://example.com/x">这里</a>和'
        '<a href="https://www.gov.cn/zhengce/">政策</a>'
        '<a href="http://casino.example/">\u200b</a>。</p>',
    )
    settle(qtbot, editor)
    links = {f.rule: f for f in editor.findings() if f.kind == "link"}
    assert set(links) == {"link.untrusted", "link.hidden"}
    text = editor.body.toPlainText()
    assert text[links["link.untrusted"].start : links["link.untrusted"].end] == "这里"
    assert "没有可见文字" in links["link.hidden"].message
    untrusted = Utf16Map(text)
    start = untrusted.to_utf16(links["link.untrusted"].start)
    assert (start, start + 2) in spans(editor)


def test_an_images_alt_text_is_checked_on_the_image_as_the_domain_checks_it(qtbot, editor, worker):
    from desk.review.recheck import StoredTextChecker, acknowledgement_key

    editor.set_draft("通知", '<p>😀见<img src="a.png" alt="澳门 赌场">图<img src="b.png">。</p>')
    settle(qtbot, editor)
    text = editor.body.toPlainText()
    (finding,) = editor.findings()
    assert (finding.origin, finding.origin_text, finding.text) == ("alt", "澳门 赌场", "\ufffc")
    assert text[finding.start : finding.end] == "\ufffc" and finding.start == 2
    assert finding.message.startswith("图片替代文字「澳门 赌场」：")
    start = Utf16Map(text).to_utf16(finding.start)
    assert spans(editor) == [(start, start + 1)]
    # the domain's re-check of the saved draft reports the same spot (acknowledgements match)
    saved = editor.draft_text()
    checker = StoredTextChecker(worker.checker)
    rechecked = checker.check(saved.title, saved.body_html, saved.body_text)
    assert [acknowledgement_key(f) for f in rechecked if f.origin == "alt"] == [
        acknowledgement_key(finding)
    ]

"""The findings list: grouped by severity then kind, counts, blocking reason, click to jump."""

from PySide6.QtWidgets import QSplitter

from desk.review.findings import Finding
from desk.ui.editor import DraftEditor
from desk.ui.findings import FindingsPanel, blocking_reason
from desk.ui.qt import Qt
from tests.ui.conftest import TIMEOUT_MS, settle, type_text


def finding(kind, severity, text, start=0, rule=None, field="body"):
    return Finding(
        kind,
        rule or f"{kind}.x",
        field,
        start,
        start + len(text),
        text,
        severity,
        "类别",
        f"{text}的说明",
    )


FINDINGS = [
    finding("headline", "warn", "震惊", field="title"),
    finding("term", "block", "百 家 樂", 0, "lexicon.term"),
    finding("link", "block", "https://t.cn/A6abcd", 10, "link.suspicious"),
    finding("term", "warn", "国家工商行政管理总局", 30),
    finding("proofread", "warn", "的的", 50),
    finding("pii", "info", "13812345678", 60),
]


def tree_texts(item) -> list:
    return [
        (item.child(i).text(0), tree_texts(item.child(i)))
        if item.child(i).childCount()
        else item.child(i).text(0)
        for i in range(item.childCount())
    ]


def test_findings_are_grouped_by_severity_then_kind_with_counts(qtbot):
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.set_findings(FINDINGS)
    assert tree_texts(panel.tree.invisibleRootItem()) == [
        ("屏蔽 (2)", [("词库 (1)", ["「百 家 樂」"]), ("外链 (1)", ["「https://t.cn/A6abcd」"])]),
        (
            "提醒 (3)",
            [
                ("词库 (1)", ["「国家工商行政管理总局」"]),
                ("标题规范 (1)", ["标题 「震惊」"]),
                ("校对 (1)", ["「的的」"]),
            ],
        ),
        ("提示 (1)", [("个人信息 (1)", ["「13812345678」"])]),
    ]
    block_group = panel.tree.topLevelItem(0)
    assert block_group.isExpanded()
    link_item = block_group.child(1).child(0)
    assert link_item.text(1) == "https://t.cn/A6abcd的说明"
    assert "屏蔽" in link_item.toolTip(0)


def test_no_findings_says_so():
    assert blocking_reason([]) == ""


def test_the_blocking_reason_names_the_blocking_findings(qtbot):
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.blocking_reason_changed, timeout=TIMEOUT_MS) as changed:
        panel.set_findings(FINDINGS)
    assert changed.args == ["有 2 处屏蔽项：「百 家 樂」、「https://t.cn/A6abcd」"]
    assert panel.blocking_reason == changed.args[0]
    many = [finding("secret", "block", f"机密★{n}年", 10 * n) for n in range(1, 6)]
    assert blocking_reason(many) == "有 5 处屏蔽项：「机密★1年」、「机密★2年」、「机密★3年」等"
    with qtbot.waitSignal(panel.blocking_reason_changed, timeout=TIMEOUT_MS) as changed:
        panel.set_findings(FINDINGS[3:])
    assert changed.args == [""]
    assert panel.tree.topLevelItem(0).text(0) == "提醒 (2)"
    panel.set_findings([])
    assert panel.tree.topLevelItem(0).text(0) == "未发现问题"


def test_clicking_a_finding_activates_it(qtbot):
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_findings(FINDINGS)
    item = panel.tree.topLevelItem(0).child(1).child(0)
    point = panel.tree.visualItemRect(item).center()
    with qtbot.waitSignal(panel.finding_activated, timeout=TIMEOUT_MS) as activated:
        qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert activated.args == [FINDINGS[2]]
    with qtbot.assertNotEmitted(panel.finding_activated):  # a group header is no finding
        group = panel.tree.visualItemRect(panel.tree.topLevelItem(0)).center()
        qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=group)


def test_clicking_a_finding_jumps_to_it_in_the_editor(qtbot, worker):
    window = QSplitter()  # as in the main window: editor and list side by side
    qtbot.addWidget(window)
    editor, panel = DraftEditor(worker), FindingsPanel()
    window.addWidget(editor)
    window.addWidget(panel)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    editor.findings_changed.connect(lambda: panel.set_findings(editor.findings()))
    panel.finding_activated.connect(editor.select_finding)
    with qtbot.waitSignal(editor.findings_changed, timeout=TIMEOUT_MS):
        type_text(editor.body, "😀第一段\n𠀋近期被植入“百 家 樂”广告")
    settle(qtbot, editor)
    item = panel.tree.topLevelItem(0).child(0).child(0)
    assert item.text(0) == "「百 家 樂」"
    qtbot.mouseClick(
        panel.tree.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.tree.visualItemRect(item).center(),
    )
    cursor = editor.body.textCursor()
    assert cursor.selectedText() == "百 家 樂"
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (14, 19)
    assert editor.body.hasFocus()

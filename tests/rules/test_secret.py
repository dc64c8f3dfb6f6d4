"""Confidentiality markings block; the vocabulary of public documents about secrecy does not."""

from __future__ import annotations

import pytest

from desk.rules.secret import find


def hits(text: str) -> list[tuple[str, str]]:
    """(rule, text) of each finding, checking kind, severity and that the text is the span."""
    findings = find(text, "body")
    for finding in findings:
        assert finding.text == text[finding.start : finding.end]
        assert (finding.kind, finding.category, finding.severity) == ("secret", "涉密", "block")
        assert finding.text in finding.message
    return [(f.rule, f.text) for f in findings]


CLASSIFICATION = "secret.classification"
INTERNAL = "secret.internal-marking"


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("机密★5年", "机密★5年"),
        ("秘密★", "秘密★"),
        ("绝密★长期", "绝密★长期"),
        ("机密 ★ 10年", "机密 ★ 10年"),
        ("秘密☆6个月", "秘密☆6个月"),
        ("绝密★启用前", "绝密★启用前"),
        ("关于某事项的通知 机密★１０年 2020年", "机密★１０年"),
        ("機密★５年", "機密★５年"),
        ("正文提到秘密★一年的文件", "秘密★一年"),
    ],
)
def test_level_with_star_blocks_anywhere(text: str, mark: str) -> None:
    assert hits(text) == [(CLASSIFICATION, mark)]


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("机密", "机密"),
        ("标题\n秘密\n正文", "秘密"),
        ("标题\r\n  秘密  \r\n正文", "秘密"),
        ("　　机密\n", "机密"),
        ("【秘密】\n正文", "秘密"),
        ("（机密）\n正文", "机密"),
        ("[绝密]", "绝密"),
        ("秘密·长期", "秘密·长期"),
        ("正文\n机密 5年\n", "机密 5年"),
        ("密级：秘密", "密级：秘密"),
        ("祕密", "祕密"),
    ],
)
def test_level_alone_on_its_line_blocks(text: str, mark: str) -> None:
    assert hits(text) == [(CLASSIFICATION, mark)]


@pytest.mark.parametrize(
    "text",
    [
        "此件绝密，不得外传",
        "一份绝密文件",
        "机密、秘密和绝密",
        "絕密檔案",
    ],
)
def test_top_secret_blocks_outside_a_list_of_levels(text: str) -> None:
    assert [rule for rule, _ in hits(text)] == [CLASSIFICATION]


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("内部资料 注意保存", "内部资料 注意保存"),
        ("内部资料，注意保存", "内部资料，注意保存"),
        ("内部资料\n注意保存", "内部资料\n注意保存"),
        ("会议材料（内部文件，妥善保管）", "内部文件，妥善保管"),
        ("內部資料　注意保存", "內部資料　注意保存"),
        ("内部资料★注意保存", "内部资料★注意保存"),
    ],
)
def test_internal_material_marking_blocks_anywhere(text: str, mark: str) -> None:
    assert hits(text) == [(INTERNAL, mark)]


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("此件不予公开", "此件不予公开"),
        ("正文完。\n此件不公开\n", "此件不公开"),
        ("  不予公开  \n", "不予公开"),
        ("（此件不予公开）", "此件不予公开"),
        ("本报告(此件不予公开)供领导参阅", "此件不予公开"),
        ("【不予公开】某某情况报告", "不予公开"),
        ("[ 此件不公开 ]", "此件不公开"),
        ("（此件不予公開）", "此件不予公開"),
    ],
)
def test_not_public_marking_blocks_when_standalone(text: str, mark: str) -> None:
    assert hits(text) == [(INTERNAL, mark)]


@pytest.mark.parametrize(
    "text",
    [
        "在正式文件中标注此件主动公开、此件部分公开、此件依申请公开、此件不予公开等属性",
        "拟制公文时要明确主动公开、依申请公开、不予公开、部分（区分）公开等属性",
        "每年对本单位不予公开的信息以及依申请公开较为集中的信息进行评估",
        "对拟不公开的政策性文件",
        "(此件可公开发布)",
        "国家秘密的密级分为绝密、机密、秘密三级",
        "绝密级国家秘密是最重要的国家秘密",
        "秘密、机密、绝密",
        "《中华人民共和国保守国家秘密法》",
        "妥善处理好政务公开与保守国家秘密的关系",
        "做好保密审查",
        "依法确定为国家秘密的政府信息",
        "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害",
        "涉及商业机密的信息",
        "这是一个公开的秘密",
        "机密文件管理办法的解读",
        "秘密地进行",
        "内部资料",
        "内部事务信息，包括人事管理、后勤管理、内部工作流程等",
        "机密是什么",
        "秘密，请勿外传",
    ],
)
def test_ordinary_words_pass(text: str) -> None:
    assert hits(text) == []


@pytest.mark.parametrize("prefix", ["😀", "𠀋", "😀𠀋", "\U0001f1e8\U0001f1f3"])
def test_offsets_are_code_points_into_the_original(prefix: str) -> None:
    text = f"{prefix}文件标注機密★5年，另附（此件不予公开）"
    findings = find(text, "body")
    assert [(f.start, f.end, f.text) for f in findings] == [
        (len(prefix) + 4, len(prefix) + 9, "機密★5年"),
        (len(prefix) + 13, len(prefix) + 19, "此件不予公开"),
    ]


def test_overlapping_patterns_report_one_finding() -> None:
    # Matches the ★ pattern, the alone-on-its-line pattern and the 绝密 pattern.
    assert hits("绝密★长期\n正文") == [(CLASSIFICATION, "绝密★长期")]


def test_findings_come_in_text_order() -> None:
    text = "绝密文件\n内部资料 注意保存\n机密★\n此件不予公开"
    assert [f.start for f in find(text, "body")] == [0, 5, 15, 19]


def test_title_field_is_checked_too() -> None:
    [finding] = find("关于机密★5年文件的说明", "title")
    assert finding.field == "title"

"""Personal data: ID numbers and bank cards block, mobile numbers warn, lookalikes pass."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.rules.pii import find

FULL_WIDTH_DIGITS = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")
ID_WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]


def id_number(body17: str) -> str:
    """body17 plus its GB 11643 check character: (12 - Σ aᵢ·Wᵢ mod 11) mod 11, 10 written X."""
    check = (12 - sum(int(d) * w for d, w in zip(body17, ID_WEIGHTS, strict=True)) % 11) % 11
    return body17 + ("X" if check == 10 else str(check))


def wrong_check(number: str) -> str:
    """The same ID number with a check character that is not the right one."""
    return number[:17] + ("0" if number[17] != "0" else "1")


def luhn_ok(digits: str) -> bool:
    """Double every second digit from the right, sum the digits of each, total % 10 == 0."""
    total = 0
    for i, d in enumerate(int(c) for c in reversed(digits)):
        total += sum(divmod(d * 2, 10)) if i % 2 else d
    return total % 10 == 0


def luhn_number(payload: str) -> str:
    """payload plus the digit that makes it pass Luhn."""
    return next(payload + d for d in "0123456789" if luhn_ok(payload + d))


def luhn_broken(payload: str) -> str:
    """payload plus a digit that makes it fail Luhn."""
    return next(payload + d for d in "0123456789" if not luhn_ok(payload + d))


def grouped(number: str, sep: str) -> str:
    return sep.join(number[i : i + 4] for i in range(0, len(number), 4))


def hits(text: str) -> list[tuple[str, str, str]]:
    """(rule, severity, text) of each finding, checking every finding quotes its span."""
    findings = find(text, "body")
    for finding in findings:
        assert finding.text == text[finding.start : finding.end]
        assert (finding.kind, finding.category, finding.field) == ("pii", "隐私", "body")
    return [(f.rule, f.severity, f.text) for f in findings]


ID = id_number("11010519900307123")
ID_X = "11010519491231002X"  # the worked example of GB 11643
CARD_16 = luhn_number("622202020000123")
CARD_19 = luhn_number("622848001234567890")
CARD_18 = luhn_number("62284800123456789")  # not ID-shaped: 0012 is no birth year


def test_helpers_agree_with_published_examples() -> None:
    assert id_number(ID_X[:17]) == ID_X
    assert luhn_ok("79927398713") and not luhn_ok("79927398710")
    assert luhn_ok("4539148803436467")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"身份证号：{ID}。", ID),
        (f"身份证号{ID_X}，", ID_X),
        (f"证件号码 {ID_X.lower()}", ID_X.lower()),
        (f"港澳居民居住证{id_number('81000019900307123')}", id_number("81000019900307123")),
        (f"公民身份号码{id_number('61010420000229001')}", id_number("61010420000229001")),
        (ID, ID),
        (f"号码{ID.translate(FULL_WIDTH_DIGITS)}", ID.translate(FULL_WIDTH_DIGITS)),
    ],
)
def test_valid_id_numbers_block(text: str, expected: str) -> None:
    assert hits(text) == [("pii.id-card", "block", expected)]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f"身份证号{wrong_check(ID)}", id="wrong check digit"),
        pytest.param(f"身份证号{wrong_check(ID_X)}", id="X replaced by a digit"),
        pytest.param(f"身份证号{ID_X[:17]}Y", id="letter other than X"),
        pytest.param(id_number("11010519990230123"), id="30 February"),
        pytest.param(id_number("11010519001301123"), id="month 13"),
        pytest.param(id_number("11010518991231123"), id="born before 1900"),
        pytest.param(id_number("71010519900307123"), id="area code starting 7"),
        pytest.param(id_number("91010519900307123"), id="area code starting 9"),
        pytest.param(id_number("01010519900307123"), id="area code starting 0"),
    ],
)
def test_invalid_id_numbers_are_not_id_cards(text: str) -> None:
    assert "pii.id-card" not in {rule for rule, _, _ in hits(text)}


def test_birth_date_in_the_future_is_not_an_id() -> None:
    tomorrow = (date.today() + timedelta(days=1)).strftime("%Y%m%d")
    assert hits(id_number(f"110105{tomorrow}123")) == []


def test_id_shaped_number_with_wrong_check_digit_is_never_a_bank_card() -> None:
    number = next(
        n
        for n in (wrong_check(id_number(f"11010519900307{seq:03}")) for seq in range(1000))
        if luhn_ok(n)
    )
    assert hits(number) == []


@pytest.mark.parametrize("digit", "0123456789")
def test_id_inside_a_longer_digit_run_is_not_an_id(digit: str) -> None:
    assert "pii.id-card" not in {rule for rule, _, _ in hits(f"编号{digit}{ID}")}
    assert "pii.id-card" not in {rule for rule, _, _ in hits(f"编号{ID}{digit}")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"银行卡号：{CARD_16}", CARD_16),
        (f"账号{CARD_19}。", CARD_19),
        (f"账号{CARD_18}。", CARD_18),
        (f"卡号 {grouped(CARD_19, ' ')} 开户行", grouped(CARD_19, " ")),
        (f"卡号{grouped(CARD_16, '-')}", grouped(CARD_16, "-")),
        (f"卡号{CARD_16.translate(FULL_WIDTH_DIGITS)}", CARD_16.translate(FULL_WIDTH_DIGITS)),
        (
            f"卡号{grouped(CARD_16, ' ').translate(FULL_WIDTH_DIGITS)}",
            grouped(CARD_16, " ").translate(FULL_WIDTH_DIGITS),
        ),
    ],
)
def test_luhn_valid_card_numbers_block(text: str, expected: str) -> None:
    assert hits(text) == [("pii.bank-card", "block", expected)]


def test_grouped_card_number_from_the_brief() -> None:
    # "6222 0202 0000 1234 567" with its last digit chosen to pass Luhn.
    number = grouped(luhn_number("622202020000123"), " ")[:-1]
    number = next(number + d for d in "0123456789" if luhn_ok((number + d).replace(" ", "")))
    assert hits(f"卡号{number}") == [("pii.bank-card", "block", number)]


def test_valid_id_that_also_passes_luhn_is_reported_once_as_id() -> None:
    number = next(
        n
        for n in (id_number(f"11010519900307{seq:03}") for seq in range(1000))
        if n.isdigit() and luhn_ok(n)
    )
    assert hits(number) == [("pii.id-card", "block", number)]


def test_id_ending_in_x_is_not_also_a_17_digit_card() -> None:
    number = next(
        n
        for n in (id_number(f"11010519900307{seq:03}") for seq in range(1000))
        if n.endswith("X") and luhn_ok(n[:17])
    )
    assert hits(f"身份证{number}") == [("pii.id-card", "block", number)]
    assert hits(f"身份证{wrong_check(number)[:17]}X") == [("pii.id-card", "block", number)]
    assert hits(f"号码{wrong_check(number)}") == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(luhn_broken("202003201234567"), id="16-digit serial failing Luhn"),
        pytest.param(f"订单号{luhn_broken('202003271737000012')}", id="19-digit order number"),
        pytest.param(f"流水号1{CARD_19}", id="valid card inside 20 digits"),
        pytest.param(f"流水号{CARD_16}0000", id="valid card followed by digits"),
        pytest.param(f"卡号{grouped(CARD_16, ' ')} 5678", id="one group too many"),
        pytest.param(f"1234 {grouped(CARD_16, ' ')}", id="one group too many before"),
        pytest.param(f"{CARD_16[:15]}", id="15 digits"),
        pytest.param(f"卡号{grouped(CARD_16, ' ')[:9]}-{grouped(CARD_16, ' ')[10:]}", id="mixed"),
    ],
)
def test_non_card_digit_runs_pass(text: str) -> None:
    assert hits(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("联系人手机13812345678。", "13812345678"),
        ("手机：139 1234 5678", "139 1234 5678"),
        ("手机：150-1234-5678", "150-1234-5678"),
        ("电话+86 138 1234 5678", "+86 138 1234 5678"),
        ("电话+8613812345678", "+8613812345678"),
        ("电话0086-19912345678", "0086-19912345678"),
        ("电话86 17712345678", "86 17712345678"),
        ("手机１３８１２３４５６７８", "１３８１２３４５６７８"),
        ("房号2086 13812345678", "13812345678"),
        ("手机13812345678和18612345678", "13812345678"),  # and the second, below
    ],
)
def test_private_mobile_numbers_warn(text: str, expected: str) -> None:
    found = hits(text)
    assert found[0] == ("pii.mobile", "warn", expected)
    assert all(severity == "warn" for _, severity, _ in found)


def test_masked_suggestions() -> None:
    findings = find(f"手机+86 138-1234-5678，身份证{ID_X}，卡号{grouped(CARD_16, ' ')}", "body")
    assert [f.suggestion for f in findings] == [
        "+86 138-****-5678",
        "110105********002X",
        f"6222 **** **** {CARD_16[-4:]}",
    ]


@pytest.mark.parametrize(
    "label",
    [
        "咨询电话",
        "联系电话：",
        "服务热线 ",
        "举报电话:",
        "监督电话（24小时）",
        "热线",
        "諮詢電話：",
    ],
)
def test_published_contact_mobile_is_info(label: str) -> None:
    findings = find(f"{label}13812345678", "body")
    assert [(f.rule, f.severity) for f in findings] == [("pii.mobile", "info")]
    assert "公开" in findings[0].message and findings[0].suggestion is None


def test_label_too_far_from_the_number_does_not_count() -> None:
    assert hits("咨询电话请在工作日拨打值班人员手机13812345678") == [
        ("pii.mobile", "warn", "13812345678")
    ]
    assert hits("咨询电话：\n13812345678") == [("pii.mobile", "warn", "13812345678")]


@pytest.mark.parametrize(
    "text",
    [
        "《中华人民共和国政府信息公开条例》（国务院令第711号）",
        "沪府办〔2020〕20号",
        "国办发〔2016〕80号",
        "2020年3月20日",
        "20200320",
        "2020-03-27 17:37",
        "联系电话：0571-87654321",
        "电话(021)12345678",
        "电话（021）12345678",
        "“12345”市民服务热线",
        "服务热线 400-123-4567",
        "金额1,234,567.89元",
        "预算12345678901元",  # 11 digits, but 12… is no mobile prefix
        "编号213812345678",
        "编号13812345678901",
        "号码138 1234 5678 9",
        "10086138123456789",
        "1381234567",
        "10:30",
    ],
)
def test_lookalikes_pass(text: str) -> None:
    assert hits(text) == []


@pytest.mark.parametrize("prefix", ["😀", "𠀋", "😀𠀋\n", "👨‍👩‍👧 ", "𠀋𠀋𠀋"])
def test_offsets_are_code_points_into_the_original(prefix: str) -> None:
    text = f"{prefix}身份证{ID}，手机１３８１２３４５６７８"
    findings = find(text, "body")
    assert [(f.start, f.end) for f in findings] == [
        (len(prefix) + 3, len(prefix) + 21),
        (len(prefix) + 24, len(prefix) + 35),
    ]


CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF) | st.sampled_from("😀𠀋，。 ")
birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=date.today())
id_bodies = st.builds(
    lambda area, born, seq: f"{area}{born:%Y%m%d}{seq:03}",
    st.from_regex(r"[1-68][0-9]{5}", fullmatch=True),
    birth_dates,
    st.integers(0, 999),
)


@given(st.text(CJK), id_bodies, st.text(CJK), st.booleans())
def test_any_valid_id_in_cjk_text_is_found_exactly(
    before: str, body: str, after: str, full_width: bool
) -> None:
    number = id_number(body)
    if full_width:
        number = number.translate(FULL_WIDTH_DIGITS)
    text = before + number + after
    findings = find(text, "body")
    assert [(f.rule, f.start, f.end) for f in findings] == [
        ("pii.id-card", len(before), len(before) + 18)
    ]


@given(st.text(CJK), id_bodies, st.sampled_from("0123456789X"), st.text(CJK))
def test_id_shaped_numbers_with_a_wrong_check_digit_never_block(
    before: str, body: str, check: str, after: str
) -> None:
    if id_number(body)[17] == check:
        check = wrong_check(id_number(body))[17]
    assert find(before + body + check + after, "body") == []


@given(st.sampled_from([16, 17, 19]), st.data())
def test_any_luhn_valid_card_number_is_found(length: int, data: st.DataObject) -> None:
    payload = data.draw(st.from_regex(rf"[1-9][0-9]{{{length - 2}}}", fullmatch=True))
    number = luhn_number(payload)
    text = f"卡号{number}。"
    assert [(f.rule, f.start, f.end) for f in find(text, "body")] == [
        ("pii.bank-card", 2, 2 + length)
    ]

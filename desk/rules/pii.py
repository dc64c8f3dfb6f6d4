"""Personal data that must not reach a public page: ID numbers, bank cards, mobile numbers.

Numbers are read in the same-length fold of the text, so full-width digits count and
every offset still points into the original.  A candidate must stand alone: digits
right before or after it mean it is a slice of some longer number (an order or
serial number), which is not personal data.
"""

from __future__ import annotations

import re
from datetime import date

from desk.lexicon.normalize import fold_in_place
from desk.review.findings import Field, Finding
from desk.rules._spans import Reporter

_REPORT = Reporter(kind="pii", category="隐私")
_DIGITS = frozenset("0123456789")

# GB 11643: area code (first digit 1–6, or 8 for Hong Kong/Macao/Taiwan residence
# permits), birth date, 3-digit sequence, check character.  The first digit comes
# before the "no digit before" look-behind so the engine can skip to candidates.
_ID_SHAPED = re.compile(
    r"[1-68](?<![0-9].)[0-9]{5}"
    r"(?P<birth>(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]))"
    r"[0-9]{3}[0-9Xx](?![0-9])"
)
_ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))  # ISO 7064 MOD 11-2
_ID_CHECK = "10X98765432"

# 16–19 digits, run together or in groups of four split by one space or hyphen
# ("6222 0202 0000 1234 567"); a grouped number must not continue into more groups.
_CARD = re.compile(
    r"[0-9](?<![0-9].)"
    r"(?:[0-9]{15,18}(?![0-9])"
    r"|(?<![0-9][ -].)[0-9]{3}(?P<sep>[ -])[0-9]{4}(?P=sep)[0-9]{4}(?P=sep)[0-9]{4}"
    r"(?:(?P=sep)[0-9]{1,3})?(?![0-9])(?![ -][0-9]))"
)

# 1[3-9]X XXXX XXXX, optionally grouped 3-4-4, optionally after +86 / 0086 / 86.  The
# country code and the "no digit before" test are checked on each hit (see _mobile_start)
# so the pattern can begin with a literal, which the engine scans for quickly.
_MOBILE = re.compile(r"1[3-9][0-9](?P<sep>[ -]?)[0-9]{4}(?P=sep)[0-9]{4}(?![0-9])(?!(?P=sep)[0-9])")
_COUNTRY_CODE = re.compile(r"(?:\+|00)?86[ -]?\Z")  # searched in the 5 characters before
# A number printed after one of these labels (at most 8 characters later, same line)
# is offered to the public as a contact, usually the unit's own line.
_CONTACT_LABEL = re.compile(r"(?:(?:咨询|联系|举报|监督|投诉)电话|热线)[^\n]{0,8}\Z")
_CONTACT_LOOKBACK = 4 + 8  # longest label + the gap allowed after it


def find(text: str, field: Field) -> list[Finding]:
    """ID and bank card numbers block; private mobile numbers warn."""
    folded = fold_in_place(text)
    findings: list[Finding] = []
    id_starts: set[int] = set()

    for match in _ID_SHAPED.finditer(folded):
        # An ID-shaped number with a wrong check digit is a typo or a code, never a card.
        id_starts.add(match.start())
        if _valid_id(match.group(), match["birth"]):
            findings.append(
                _REPORT.finding(
                    text,
                    field,
                    *match.span(),
                    rule="pii.id-card",
                    severity="block",
                    message="疑似居民身份证号码（出生日期与校验码均有效），"
                    "属于个人敏感信息，公开前须删除或作去标识化处理",
                    suggestion=_masked(match.group().upper(), keep_head=6, keep_tail=4),
                )
            )

    for match in _CARD.finditer(folded):
        # Sharing a start with an ID-shaped number: the number itself, or its first 17
        # digits when the check character is X.
        if match.start() in id_starts or not _luhn_valid(re.sub("[ -]", "", match.group())):
            continue
        findings.append(
            _REPORT.finding(
                text,
                field,
                *match.span(),
                rule="pii.bank-card",
                severity="block",
                message="疑似银行卡号（通过 Luhn 校验），属于个人金融信息，"
                "公开前须删除或作去标识化处理",
                suggestion=_masked(match.group(), keep_head=4, keep_tail=4),
            )
        )

    for match in _MOBILE.finditer(folded):
        start, end = _mobile_start(folded, match.start()), match.end()
        if start is None:
            continue
        if _CONTACT_LABEL.search(folded, max(0, start - _CONTACT_LOOKBACK), start):
            findings.append(
                _REPORT.finding(
                    text,
                    field,
                    start,
                    end,
                    rule="pii.mobile",
                    severity="info",
                    message="手机号码标注为对外联系电话，请确认是本单位公开的工作号码而非个人号码",
                )
            )
        else:
            country_code = folded[start : match.start()]
            findings.append(
                _REPORT.finding(
                    text,
                    field,
                    start,
                    end,
                    rule="pii.mobile",
                    severity="warn",
                    message="疑似个人手机号码，公开前须确认已获本人同意，否则删除或作去标识化处理",
                    suggestion=country_code + _masked(match.group(), keep_head=3, keep_tail=4),
                )
            )

    findings.sort(key=lambda finding: finding.start)
    return findings


def _mobile_start(folded: str, number_start: int) -> int | None:
    """Where the mobile number starts, country code included; None inside a longer run."""
    country_code = _COUNTRY_CODE.search(folded, max(0, number_start - 5), number_start)
    if country_code and not _digit_before(folded, country_code.start()):
        return country_code.start()
    return None if _digit_before(folded, number_start) else number_start


def _digit_before(folded: str, offset: int) -> bool:
    return offset > 0 and folded[offset - 1] in _DIGITS


def _valid_id(number: str, birth: str) -> bool:
    try:
        born = date(int(birth[:4]), int(birth[4:6]), int(birth[6:]))
    except ValueError:  # 19990230 and the like
        return False
    weighted = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return born <= date.today() and _ID_CHECK[weighted % 11] == number[17].upper()


def _luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def _masked(number: str, *, keep_head: int, keep_tail: int) -> str:
    """The number with its middle digits starred out; separators stay where they were."""
    places = [i for i, char in enumerate(number) if char not in " -"]
    hidden = set(places[keep_head : len(places) - keep_tail])
    return "".join("*" if i in hidden else char for i, char in enumerate(number))

"""The reasons earlier levels gave for letting a 提醒 stand, for the next level to confirm.

Every level acknowledges every 提醒 with a reason (desk.review.recheck). A reviewer need
not retype what the levels before them wrote: they are shown the acknowledgements of the
standing approvals of the earlier levels, and may send them again as their own, where
the domain checks them like any other acknowledgement.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desk.review.findings import Finding
from desk.review.roles import LEVELS
from desk.review.stages import standing_approvals
from desk.store import Store
from desk.store.models import Account, Draft

# (rule, field, start, end): how an acknowledgement names its finding (recheck.spot_key)
SpotKey = tuple[str, str, int, int]


@dataclass(frozen=True, slots=True)
class PriorReason:
    """One earlier level's acknowledgement of a 提醒."""

    level: str
    reviewer: str  # the reviewer's name
    rule: str
    field: str
    start: int
    end: int
    text: str
    reason: str


def prior_reasons(store: Store, draft_id: uuid.UUID, level: str) -> tuple[PriorReason, ...]:
    """The acknowledgements with a reason in the draft's standing approvals at the
    levels before ``level``, lowest level first (none before 一审, or at no level)."""
    earlier = LEVELS[: LEVELS.index(level)] if level in LEVELS else ()
    with store.read() as session:
        draft = session.get(Draft, draft_id)
        if draft is None:
            return ()
        approvals = [a for a in standing_approvals(session, draft) if a.level in earlier]
        logins = {approval.actor for approval in approvals}
        names = {
            login: name
            for login, name in session.execute(
                select(Account.login, Account.name).where(Account.login.in_(logins))
            )
        }
        return tuple(
            _prior(approval.level, names.get(approval.actor, approval.actor), ack)
            for approval in sorted(approvals, key=lambda a: LEVELS.index(a.level))
            for ack in approval.acknowledgements
            if str(ack.get("reason", "")).strip()
        )


def reasons_for(
    findings: Iterable[Finding], prior: Sequence[PriorReason]
) -> dict[SpotKey, tuple[PriorReason, ...]]:
    """The earlier reasons about each finding, by its (rule, field, start, end).

    The same spot and text is the same finding. Of the others, per level: when as many
    acknowledgements of a rule, field and text are left as findings of them, the n-th is
    about the n-th (a correction elsewhere in the text moved them); when the numbers
    differ, which is which can't be told, and none is offered.
    """
    findings = [f for f in findings if f.severity == "warn"]
    found: dict[SpotKey, list[PriorReason]] = defaultdict(list)
    for level in dict.fromkeys(reason.level for reason in prior):
        acks = [reason for reason in prior if reason.level == level]
        exact = {(r.rule, r.field, r.start, r.end, r.text): r for r in acks}
        left: dict[tuple[str, str, str], list[PriorReason]] = defaultdict(list)
        unmatched: list[Finding] = []
        for finding in findings:
            reason = exact.pop(
                (finding.rule, finding.field, finding.start, finding.end, finding.text), None
            )
            if reason is not None:
                found[_spot(finding)].append(reason)
            else:
                unmatched.append(finding)
        for reason in sorted(exact.values(), key=lambda r: r.start):
            left[(reason.rule, reason.field, reason.text)].append(reason)
        moved: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
        for finding in sorted(unmatched, key=lambda f: f.start):
            moved[(finding.rule, finding.field, finding.text)].append(finding)
        for key, moved_findings in moved.items():
            if len(left[key]) == len(moved_findings):
                for finding, reason in zip(moved_findings, left[key], strict=True):
                    found[_spot(finding)].append(reason)
    return {spot: tuple(reasons) for spot, reasons in found.items()}


def _spot(finding: Finding) -> SpotKey:
    return (finding.rule, finding.field, finding.start, finding.end)


def _prior(level: str, reviewer: str, ack: dict[str, Any]) -> PriorReason:
    return PriorReason(
        level=level,
        reviewer=reviewer,
        rule=str(ack.get("rule", "")),
        field=str(ack.get("field", "")),
        start=_offset(ack.get("start")),
        end=_offset(ack.get("end")),
        text=str(ack.get("text", "")),
        reason=str(ack.get("reason", "")).strip(),
    )


def _offset(value: object) -> int:
    """An offset as recorded; -1 (matching no finding) for anything but a number."""
    return value if isinstance(value, int) and not isinstance(value, bool) else -1

"""The flow's names marked for translation are exactly the domain's."""

from desk.review.inbox import INBOX_GROUPS
from desk.review.roles import LEVEL_LABELS
from desk.review.stages import ACTION_LABELS, APPROVAL_LABELS, STAGE_LABELS, STATUS_LABELS
from desk.ui.review.labels import (
    DRAFTING,
    PUBLISHING,
    TRANSLATED_ACTIONS,
    TRANSLATED_APPROVALS,
    TRANSLATED_INBOX_GROUPS,
    TRANSLATED_LEVELS,
    TRANSLATED_STATUSES,
    action_label,
    inbox_group_label,
    level_label,
    stage_label,
    status_label,
)


def test_the_marked_names_are_the_domains():
    assert list(TRANSLATED_LEVELS) == list(LEVEL_LABELS.values())
    assert list(TRANSLATED_STATUSES) == list(STATUS_LABELS.values())
    assert list(TRANSLATED_INBOX_GROUPS) == list(INBOX_GROUPS.values())
    assert list(TRANSLATED_ACTIONS) == list(ACTION_LABELS.values())
    assert list(TRANSLATED_APPROVALS) == list(APPROVAL_LABELS.values())
    assert [DRAFTING, *TRANSLATED_LEVELS, PUBLISHING] == list(STAGE_LABELS.values())


def test_names_in_chinese_without_a_translation_and_unknown_keys_as_they_are(qapp):
    assert (level_label("review3"), status_label("ready"), inbox_group_label("returned")) == (
        "三审签发",
        "待发布",
        "被退回",
    )
    assert status_label("archived") == "archived"
    assert (stage_label("draft"), stage_label("review1"), stage_label("ready")) == (
        "起草",
        "一审",
        "发布",
    )
    assert [action_label("approve", level) for level in ("review2", "review3", "principal")] == [
        "通过",
        "签发",
        "审定",
    ]
    assert (action_label("retract", "review3"), action_label("withdraw")) == ("撤稿", "撤回")

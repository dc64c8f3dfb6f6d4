"""Who to ask for a 撤稿: for everyone looking at a published item who can't take it down
themselves (撤稿 is decided at the 签发 level, desk.review.workflow.Retract)."""

from __future__ import annotations

from desk.review.directory import reviewers_for
from desk.review.inbox import ReviewState
from desk.review.workflow import can_retract
from desk.store import Store, StoreError
from desk.ui.qt import QCoreApplication
from desk.ui.review.labels import level_label

translate = QCoreApplication.translate  # by this name lupdate finds the texts below


def retraction_contact(store: Store, state: ReviewState | None, login: str) -> str:
    """ "如需撤稿，请联系…" while a published version is out and ``login`` may not take
    it down ("" otherwise, or when the store can't say)."""
    if state is None or state.release is None or state.release.kind != "publish":
        return ""
    try:
        if can_retract(store, login, state.draft_id):
            return ""
        signers = reviewers_for(store, state.unit_id, "review3")
    except StoreError:
        return ""
    if not signers:
        return translate("retraction", "目前无人能撤稿：请管理员为「{unit}」设置分管领导").format(
            unit=state.unit
        )
    names = "、".join(signer.name for signer in signers)
    return translate("retraction", "如需撤稿，请联系分管领导 {names}（{level}）").format(
        names=names, level=level_label("review3")
    )

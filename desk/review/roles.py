"""Roles of accounts and the review levels they hold (三审三校).

A role is stored by its id; wherever a person types one, the Chinese names are
accepted too (`parse_role`). Being admin grants no review right.
"""

from __future__ import annotations

ROLES: dict[str, str] = {
    "drafter": "信息发布联络员",
    "review1": "一审（工作人员）",
    "review2": "二审（处/科室负责人）",
    "review3": "三审签发（分管领导）",
    "principal": "审定（主要领导）",
    "admin": "管理员",
}
# What a holder of each role is called where a message names them: 李联络（联络员）.
ROLE_TITLES: dict[str, str] = {
    "drafter": "联络员",
    "review1": "一审人员",
    "review2": "处/科室负责人",
    "review3": "分管领导",
    "principal": "主要领导",
    "admin": "管理员",
}
# The role that writes drafts, submits them and publishes what was signed: only it may
# create a draft (desk.review.directory.drafting_refusal).
DRAFTER = "drafter"
# The actor of the local command line before anyone can sign in, ``cli:<OS user>``: no
# account, so it holds no role. It may create the first admin of an empty store (as
# anyone may) and RecoverAdmin on a store with accounts but no admin (it alone may: it
# runs where the data folder can be written); no login may contain a colon.
CLI_ACTOR_PREFIX = "cli:"
# The review levels in the order a draft passes them; each is held by the role of
# the same id. "principal" is only for drafts marked 重大事项.
LEVELS: tuple[str, ...] = ("review1", "review2", "review3", "principal")
LEVEL_LABELS: dict[str, str] = {
    "review1": "一审",
    "review2": "二审",
    "review3": "三审签发",
    "principal": "主要领导审定",
}
_ALIASES: dict[str, str] = {
    "信息发布联络员": "drafter",
    "联络员": "drafter",
    "起草": "drafter",
    "一审": "review1",
    "工作人员": "review1",
    "二审": "review2",
    "处室负责人": "review2",
    "科室负责人": "review2",
    "处/科室负责人": "review2",
    "三审": "review3",
    "签发": "review3",
    "分管领导": "review3",
    "主要领导": "principal",
    "审定": "principal",
    "管理员": "admin",
}


class UnknownRole(ValueError):
    """A role name that is neither an id nor a Chinese name; says which exist."""


def parse_role(name: str) -> str:
    """The role id for an id or a Chinese name (``签发`` → ``review3``)."""
    cleaned = name.strip()
    if cleaned.lower() in ROLES:
        return cleaned.lower()
    if cleaned in _ALIASES:
        return _ALIASES[cleaned]
    known = "、".join(f"{role}（{label}）" for role, label in ROLES.items())
    raise UnknownRole(f"未知角色 {name!r}，可选：{known}")

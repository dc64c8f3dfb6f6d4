"""Whether the journal is being replayed (desk.review.commands.replay) rather than a new
command applied.

The rules of who may do what are judged when a command is applied; a journaled command
was judged then, under the rules of its day, and the chain vouches that it was accepted.
Replay re-applies its effects; a rule added since (only an admin administers, only a
drafter drafts, no overlapping delegations, no look-alike names …) must not refuse it, or
every store older than the rule would fail `desk audit verify`. Such rules ask here.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

REPLAYING = "desk.replaying"  # key in the session's info, set while the journal is replayed


def replaying(session: Session) -> bool:
    """Whether the handler runs to replay the journal rather than to apply a new command."""
    return bool(session.info.get(REPLAYING))

"""The review panel: a draft's place in the 三审 flow and the step one can take."""

from desk.ui.review.panel import ReviewPanel

__all__ = ["ReviewPanel"]

"""Desk 审校台: content review for the publication desks of government bodies."""

__version__ = "0.1.0"

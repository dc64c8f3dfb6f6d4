"""Where the shipped resources (starter lexicon, templates) live."""

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource file, e.g. resource_path("lexicon", "gov.csv")."""
    return RESOURCES_DIR.joinpath(*parts)

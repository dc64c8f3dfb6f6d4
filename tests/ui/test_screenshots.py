"""`desk screenshots DIR`: the demo desk it builds, every screen written and showing
something, and the printed 审核表's picture matching the real PDF."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from dataclasses import astuple
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument  # test-only: reads back what was printed

from desk.links import load_default_whitelist
from desk.review.approval_form import approval_form, form_html
from desk.review.drafts import load_draft
from desk.review.editing import DraftText, EditingSession
from desk.review.inbox import inbox_counts, review_state
from desk.review.register import register_rows
from desk.store import DATABASE_NAME, open_store
from desk.ui.editor.body import BodyEdit
from desk.ui.printing import print_html_to_pdf
from desk.ui.qt import QSize
from desk.ui.screenshots.demo import (
    CHIEF,
    DRAFTER,
    LEADER,
    PRINCIPAL,
    RETURN_ANCHOR,
    DemoClock,
    DemoDesk,
    demo_lexicon,
)
from desk.ui.screenshots.dialogs import printed_page

REPO = Path(__file__).resolve().parents[2]
WRITTEN = (  # in the order `desk screenshots` writes them
    "drafts.png",
    "editor.png",
    "preview-portal.png",
    "preview-mobile.png",
    "first-admin.png",
    "login.png",
    "inbox.png",
    "review.png",
    "returned.png",
    "history.png",
    "approval-form.png",
    "register.png",
    "admin.png",
    "account.png",
)
WINDOWS = {  # the main window, at the screenshots' size; the others are dialogs or a page
    "drafts.png",
    "editor.png",
    "preview-portal.png",
    "preview-mobile.png",
    "inbox.png",
    "review.png",
    "returned.png",
    "account.png",
}


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    """The folder `desk screenshots` wrote, and what it printed."""
    folder = tmp_path_factory.mktemp("shots")
    done = subprocess.run(
        [sys.executable, "-m", "desk", "screenshots", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    return folder, done.stdout.splitlines()


@pytest.fixture
def demo(qapp, tmp_path):
    """A store holding the demo desk, and the drafts it made."""
    store = open_store(tmp_path / DATABASE_NAME, clock=(clock := DemoClock()))
    drafts = DemoDesk(store, demo_lexicon(), load_default_whitelist(), clock).build()
    yield store, drafts
    store.close()


def picture_facts(path: Path) -> tuple[int, int, int, float]:
    """Width, height, distinct colours and the share of the commonest colour (sampled)."""
    image = QImage(str(path))
    assert not image.isNull(), path
    colours = Counter(
        image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
    )
    commonest = colours.most_common(1)[0][1] / sum(colours.values())
    return image.width(), image.height(), len(colours), commonest


@pytest.mark.slow
def test_every_screen_is_written_in_order(shots):
    folder, printed = shots
    assert printed == [str(folder / name) for name in WRITTEN]
    assert sorted(p.name for p in folder.iterdir()) == sorted(WRITTEN)


@pytest.mark.slow
@pytest.mark.parametrize("name", WRITTEN)
def test_every_screen_shows_something(shots, name):
    folder, _printed = shots
    width, height, colours, commonest = picture_facts(folder / name)
    if name in WINDOWS:
        assert (width, height) == (1440, 860)
    else:
        assert width >= 300 and height >= 90
    assert colours > 50, f"{name}: {colours} colours, nearly blank"
    assert commonest < 0.9, f"{name}: one colour covers {commonest:.0%}"


def test_the_demo_desk_has_drafts_at_every_stage(demo):
    store, drafts = demo
    statuses = {load_draft(store, draft_id).status for draft_id in astuple(drafts)}
    assert {"draft", "review2", "review3", "published"} <= statuses
    assert inbox_counts(store, CHIEF) == {"review1": 2, "review2": 1}
    assert inbox_counts(store, LEADER) == {"review3": 1}
    assert inbox_counts(store, PRINCIPAL) == {"principal": 1}
    assert inbox_counts(store, DRAFTER) == {"returned": 1, "publish": 1}
    assert [(row.kind, row.channels) for row in register_rows(store)] == [
        ("publish", ("门户网站", "微信", "微博")),
        ("publish", ("门户网站", "微信")),
        ("retract", ("门户网站", "微信", "微博")),
    ]
    assert load_draft(store, drafts.signing).status == "review3"


def test_the_demo_drafts_are_what_the_editor_saves(demo):
    """So opening one in the window and leaving it saves no revision."""
    store, drafts = demo
    body = BodyEdit()
    for draft_id in astuple(drafts):
        draft = load_draft(store, draft_id)
        body.set_html(draft.body_html)
        shown = DraftText(draft.title, body.to_html(), body.toPlainText())
        assert EditingSession(store, draft.created_by, draft).is_saved(shown), draft.title


def test_the_returned_draft_s_comment_is_pinned_to_its_text(demo):
    store, drafts = demo
    returned = review_state(store, drafts.returned).returned
    assert returned is not None and returned.level == "review2"
    anchor = returned.anchor
    assert anchor is not None and anchor["text"] == RETURN_ANCHOR
    body = load_draft(store, drafts.returned).body_text
    assert body[anchor["start"] : anchor["end"]] == RETURN_ANCHOR


def test_the_corrected_draft_has_a_reviewer_s_revision(demo):
    store, drafts = demo
    form = approval_form(store, drafts.corrected)
    assert form.status == "published" and form.revision_number == 3
    numbers = {action.level: action.revision_number for action in form.actions}
    assert numbers == {"draft": 2, "review1": 2, "review2": 3, "review3": 3}


def test_the_printed_form_picture_is_the_pdf_s_first_page(demo, qapp, tmp_path):
    store, drafts = demo
    html = form_html(approval_form(store, drafts.corrected))
    pdf = tmp_path / "审核表.pdf"
    print_html_to_pdf(html, pdf)
    document = QPdfDocument(qapp)
    assert document.load(str(pdf)) == QPdfDocument.Error.None_
    ours = printed_page(html)
    theirs = document.render(0, QSize(ours.width(), ours.height()))
    assert ink_box(ours) == pytest.approx(ink_box(theirs), abs=0.008)


def ink_box(image: QImage) -> tuple[float, float, float, float]:
    """The box around everything printed (neither white nor transparent), as fractions of
    the page."""
    xs, ys = [], []
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            colour = image.pixelColor(x, y)
            if colour.alpha() > 128 and min(colour.red(), colour.green(), colour.blue()) < 200:
                xs.append(x)
                ys.append(y)
    return (
        min(xs) / image.width(),
        min(ys) / image.height(),
        max(xs) / image.width(),
        max(ys) / image.height(),
    )

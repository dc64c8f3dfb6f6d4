"""Shared test fixtures."""

from pathlib import Path

import pytest

from desk.corpus import CORPUS_DIR, reference_corpus

SEED_PATHS = [CORPUS_DIR / document.name for document in reference_corpus()]


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """The five real, clean government documents of the reference corpus, by file name."""
    return {document.name: document.text for document in reference_corpus()}


_DOCX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    ),
}


@pytest.fixture
def make_docx(tmp_path):
    """Write a minimal .docx whose body is the given WordprocessingML paragraphs, with
    paragraph styles given as {styleId: name} (Chinese Word names its built-in ones
    by English names under ids such as "a3")."""
    import zipfile

    def make(body_xml: str, name: str = "draft.docx", styles: dict[str, str] | None = None) -> Path:
        path = tmp_path / name
        w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        document = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f"<w:document {w}><w:body>{body_xml}</w:body></w:document>"
        )
        with zipfile.ZipFile(path, "w") as archive:
            for part, xml in _DOCX_PARTS.items():
                archive.writestr(part, xml)
            archive.writestr("word/document.xml", document)
            if styles:
                defined = "".join(
                    f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{style}"/></w:style>'
                    for style_id, style in styles.items()
                )
                archive.writestr("word/styles.xml", f"<w:styles {w}>{defined}</w:styles>")
                archive.writestr(
                    "word/_rels/document.xml.rels",
                    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                    "</Relationships>",
                )
        return path

    return make


def docx_paragraph(*runs: str, bold: tuple[int, ...] = (), style: str | None = None) -> str:
    """A paragraph whose runs are the given texts; runs listed in `bold` are bold;
    `style` is its paragraph style's id."""
    parts = []
    for i, run in enumerate(runs):
        props = "<w:rPr><w:b/></w:rPr>" if i in bold else ""
        parts.append(f'<w:r>{props}<w:t xml:space="preserve">{run}</w:t></w:r>')
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{properties}{''.join(parts)}</w:p>"


@pytest.fixture
def fast_passwords(monkeypatch):
    """Cheap argon2 parameters, so tests that hash passwords stay fast (production keeps
    argon2-cffi's defaults)."""
    from argon2 import PasswordHasher

    from desk.review import passwords

    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(passwords, "HASHER", cheap)
    return cheap


@pytest.fixture
def store(tmp_path):
    """An empty store in the test's folder (tests/store has its own, with a fake clock)."""
    from desk.store import DATABASE_NAME, open_store

    store = open_store(tmp_path / DATABASE_NAME)
    yield store
    store.close()


@pytest.fixture
def org(store):
    """A unit with its drafters and reviewers (tests.flow.Org) in ``store``."""
    from tests.flow import Org

    return Org(store)

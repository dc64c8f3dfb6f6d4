"""The reference corpus ships with the repository and says where each text comes from."""

from __future__ import annotations

from desk.corpus import CORPUS_DIR, reference_corpus


def test_the_five_documents_load_with_their_sources():
    documents = reference_corpus()
    assert [d.name[:3] for d in documents] == ["000", "001", "002", "003", "004"]
    for document in documents:
        assert document.title and document.issuer and document.source
        assert len(document.text) > 4_000, document.name
    assert "三审三校" in documents[0].text  # 附件1 第四条, the rule Desk implements
    assert str(documents[0].published) == "2022-01-28"


def test_every_text_file_in_the_folder_is_listed():
    listed = {document.name for document in reference_corpus()}
    assert {path.name for path in CORPUS_DIR.glob("*.txt")} == listed

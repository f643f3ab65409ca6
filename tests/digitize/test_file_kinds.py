from digitize.file_kinds import ALTO, DOWNLOADS, FILE_KINDS, METADATA, PDF, kind_of


def test_a_file_name_gives_back_its_kind_and_page():
    for kind in FILE_KINDS.values():
        assert kind_of(kind.file_name(12)) == (kind, 12 if kind.per_page else 0)
    assert kind_of("page-0003.alto.xml") == (ALTO, 3)
    assert kind_of("mets.xml") is None
    assert kind_of("page-x.alto.xml") is None


def test_readers_download_the_documents_and_pages_text_but_not_its_working_metadata():
    assert PDF.name in DOWNLOADS and ALTO.name in DOWNLOADS and METADATA.name not in DOWNLOADS
    assert ALTO.download_name("doc-1", 2) == "doc-1-0002.alto.xml"
    assert PDF.download_name("doc-1") == "doc-1.pdf"
    assert all(kind.label_vi and kind.label_en for kind in DOWNLOADS.values())

"""A document's label: what a reader calls it, never where the server keeps it."""

from digitize.labels import document_label


def test_a_title_is_the_label():
    assert document_label(" Công văn về chuyển đổi số ", "Công văn", "12/UBND", "/srv/a.pdf", "d1") == (
        "Công văn về chuyển đổi số"
    )


def test_without_a_title_the_type_and_number_name_the_document():
    assert document_label("", "Quyết định", "505/QĐ-TTg", "/srv/scans/qd.pdf", "d1") == "Quyết định 505/QĐ-TTg"
    assert document_label("", "Sắc phong", "", "/srv/scans/sp.png", "d1") == "Sắc phong"


def test_without_either_the_file_name_without_its_folders():
    assert document_label("", "", "", "/srv/archive/scans-rare/sac-phong.png", "d1") == "sac-phong.png"
    assert document_label("", "", "", r"D:\quet\sac-phong.tif", "d1") == "sac-phong.tif"
    assert document_label("", "", "", "", "d1") == "d1"

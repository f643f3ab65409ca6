from digitize.metadata.model import Reference
from digitize.metadata.references import find


def test_citations_with_their_dates_in_either_form():
    text = (
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;\n"
        "Theo đề nghị tại Tờ\ntrình số 45/TTr-SVHTTDL ngày 2 tháng 6 năm 2023.\n"
        "quyet dinh so 12/QD-UBND ngay 3 thang 4 nam 2021"
    )
    assert find(text) == (
        Reference("Nghị định", "30/2020/NĐ-CP", "2020-03-05", 0.9),
        Reference("Tờ trình", "45/TTr-SVHTTDL", "2023-06-02", 0.9),
        Reference("Quyết định", "12/QĐ-UBND", "2021-04-03", 0.9),
    )


def test_party_documents_bare_numbers_and_numbers_without_symbol():
    text = "Thực hiện Nghị quyết số 36-NQ/TW, Quyết định số 749 của Thủ tướng và văn bản 2145/SVHTTDL-TV."
    assert find(text) == (
        Reference("Nghị quyết", "36-NQ/TW", None, 0.9),
        Reference("Quyết định", "749", None, 0.5),
        Reference(None, "2145/SVHTTDL-TV", None, 0.7),
    )


def test_type_and_symbol_that_disagree_are_doubted():
    assert find("Quyết định số 45/TTr-SNV")[0].confidence == 0.6
    assert find("Chương trình hành động số 41-CTr/TU")[0].confidence == 0.9


def test_own_number_is_not_a_reference_and_repeats_keep_their_date():
    text = "Số: 5/KH-UBND. Quyết định số 505/QĐ-TTg; Quyết định số 505/QĐ-TTg ngày 22/4/2022; Kế hoạch số 5/KH-UBND"
    assert find(text, own_number="5/KH-UBND") == (Reference("Quyết định", "505/QĐ-TTg", "2022-04-22", 0.9),)


def test_a_number_under_the_label_is_the_documents_own_however_damaged():
    assert find("Số: 2767/CT-.UBND Nghệ An, ngày 28 tháng 06 năm 2023") == ()

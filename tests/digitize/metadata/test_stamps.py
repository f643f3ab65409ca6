from digitize.metadata.stamps import scrub


def test_stamp_number_and_date_are_cut_out_wherever_ocr_put_them():
    lines = [
        "Số:0+ /CT-UBND CV ĐẾN Số 2352 Ngày 21/3/18",
        "CÔNG VĂN ĐẾN Vĩnh Long, ngày 14 tháng 6 năm 2023",
        "Số: 2352",
        "Ngày: 21/3/18",
        "Chuyển: PCT",
        "CHỈ THỊ",
    ]
    assert scrub(lines) == ["Số:0+ /CT-UBND", "Vĩnh Long, ngày 14 tháng 6 năm 2023", "", "", "", "CHỈ THỊ"]


def test_without_a_stamp_nothing_is_touched():
    lines = ["Số: 1287/QĐ-UBND", "Ngày 21/3/2018 Sở đã có văn bản số 12"]
    assert scrub(lines) == lines

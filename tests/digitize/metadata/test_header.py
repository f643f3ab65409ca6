from digitize.metadata.header import read


def test_title_broken_after_viet_leaves_nam_off_the_agency_line():
    head = read(
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT\nTĨNH VĨNH LONG NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 1287/QĐ-UBND Vĩnh Long, ngày 14 tháng 6 năm 2023\nQUYẾT ĐỊNH\nVề việc phê duyệt\n"
    )
    assert head.national_title and head.agency.value == "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG"
    assert (head.place.value, head.date.value) == ("Vĩnh Long", "2023-06-14")


def test_cong_glued_to_the_agency_is_cut_from_it():
    head = read(
        "ỦY BAN NHÂN DÂN TỈNH LÀOỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCAI Độc lập - Tự do - Hạnh phúc\n"
        "SỞ NỘI VỤ\nLào Cai, ngày 8 tháng 03 năm 2020\nSố: 813/TTr-SNV\n"
    )
    assert (head.parent_agency.value, head.agency.value) == ("ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "SỞ NỘI VỤ")


def test_rule_specks_are_dropped_and_a_lost_letter_of_a_known_name_put_back():
    head = read(
        "BỘ VĂN HÓA, THỂ THAO V _ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nDU LỊCH ˆ\nTHƯ VIỆN QUỐC GIA VIỆT\n"
        "NAM Hà Nội, ngày 13 tháng 12 năm 2020\nSố: 98/GM-TVQG\n"
    )
    assert head.parent_agency.value == "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH" and head.parent_agency.confidence < 0.8
    assert head.agency.value == "THƯ VIỆN QUỐC GIA VIỆT NAM"
    assert head.place.value == "Hà Nội"


def test_a_place_glued_to_its_date_is_cut_at_the_comma_and_one_unknown_word_of_it_doubted():
    glued = read("Số: 765/2021/NQ-HĐND Vĩnh Long,ngày 15 tháng 03 năm 2021\nNGHỊ QUYẾT\n")
    assert (glued.place.value, glued.place.confidence, glued.date.value) == ("Vĩnh Long", 0.9, "2021-03-15")
    half = read("Số: 765/2021/NQ-HĐND Định,ngày ngày 15 tháng 03 năm 2021\nNGHỊ QUYẾT\n")  # "Bình" lost
    assert half.place.value == "Định" and half.place.confidence < 0.8 and "lost" in half.place.provenance
    assert read("Huế, ngày 15 tháng 03 năm 2021\nSố: 7/QĐ-UBND\n").place.confidence == 0.9  # one word, known


def test_date_without_a_place_is_doubted():
    head = read("Số: 12/KH-UBND\nngày 14 tháng 6 năm 2023\nKẾ HOẠCH\n")
    assert head.date.value == "2023-06-14" and head.date.confidence <= 0.6 and head.place.value is None


def test_summary_stops_at_the_enacting_authority_and_the_header_ends_after_it():
    head = read(
        "Số: 5/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\nsố hóa tài liệu\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
    )
    assert head.summary.value == "Về việc thành lập Tổ công tác số hóa tài liệu"
    assert head.end == 5  # the line of "Căn cứ"


def test_summary_may_open_like_a_body_but_is_then_doubted():
    head = read("Số: 62/HD-SVHTTDL\nHƯỚNG DẪN\nThực hiện thu thập hồ sơ năm\n2016\n\nThực hiện Quyết định số 5\n")
    assert head.summary.value == "Thực hiện thu thập hồ sơ năm 2016" and head.summary.confidence < 0.85


def test_agency_wrapped_onto_a_two_letter_line_and_specks_in_lower_case():
    head = read(
        "SỞ NỘI VỤ TỈNH BÌNH ĐỊNHCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TRUNG TÂM LƯU TRỮ LỊCH ất Độc lập - Tự do - Hạnh phúc\nSỬ\n"
        "Số: 41/BC-TTLTLS Bình Định, ngày 18 tháng 01 năm 2022\n"
    )
    assert (head.parent_agency.value, head.agency.value) == ("SỞ NỘI VỤ TỈNH BÌNH ĐỊNH", "TRUNG TÂM LƯU TRỮ LỊCH SỬ")


def test_a_number_line_ocr_could_not_parse_is_not_taken_for_the_agency():
    head = read("ỦY BAN NHÂN DÂN\nTỈNH NGHỆAN\nSố: /ÑQĐ-UBND\n")
    assert head.agency.value == "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN" and head.number.digits is None


def test_party_and_pre_1976_documents_carry_another_title_on_the_right():
    party = read("TỈNH ỦY QUẢNG TRỊ ĐẢNG CỘNG SẢN VIỆT NAM\nSố 41-CTr/TU Quảng Trị, ngày 15 tháng 12 năm 2021\n")
    assert party.national_title and party.agency.value == "TỈNH ỦY QUẢNG TRỊ" and party.number.text == "41-CTr/TU"
    old = read(
        "BỘ VĂN HÓA VIỆT NAM DÂN CHỦ CỘNG HÒA\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/VH Hà Nội, ngày 3 tháng 5 năm 1960\n"
    )
    assert old.agency.value == "BỘ VĂN HÓA" and (old.place.value, old.date.value) == ("Hà Nội", "1960-05-03")


def test_a_vv_summary_goes_on_under_the_date_beside_it():
    head = read(
        "ỦY BAN NHÂN DÂN\nHUYỆN HẢI LĂNG\nSố: 2637/UBND-VP\nV/v đề nghị phối hợp thu thập hồ\n"
        "Hải Lăng, ngày 9 tháng 4 năm 2022\n\nsơ, tài liệu vào Lưu trữ lịch sử\n\nKính gửi: Các cơ quan\n"
    )
    assert head.summary.value == "V/v đề nghị phối hợp thu thập hồ sơ, tài liệu vào Lưu trữ lịch sử"
    assert head.date.value == "2022-04-09"

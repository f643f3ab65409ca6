from digitize.metadata.mentions import agencies, canonical_province, provinces, spell_place


def test_provinces_in_order_of_first_mention_properly_spelt():
    text = "UBND tỉnh Vinh Long phối hợp với Quảng Trị và TP. Hồ Chí Minh; Vĩnh Long chủ trì."
    assert provinces(text) == ("Vĩnh Long", "Quảng Trị", "Thành phố Hồ Chí Minh")


def test_a_person_named_ho_chi_minh_is_no_province():
    assert provinces("Học tập và làm theo tư tưởng Hồ Chí Minh") == ()


def test_agencies_national_ministries_and_local_councils():
    text = (
        "Căn cứ Nghị định của Chính phủ; Thủ tướng Chính phủ giao Bộ Văn hóa, Thể thao và Du lịch, "
        "Sở Văn hóa - Thể thao và Du lịch, UBND tỉnh Vinh Long và Hội đồng nhân dân thành phố Cần Thơ."
    )
    assert agencies(text) == (
        "Chính phủ",
        "Thủ tướng Chính phủ",
        "Bộ Văn hóa, Thể thao và Du lịch",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Ủy ban nhân dân tỉnh Vĩnh Long",
        "Hội đồng nhân dân thành phố Cần Thơ",
    )


def test_a_symbol_is_no_mention():
    assert agencies("Số: 1741/CĐ-UBND Bình Định, ngày 13 tháng 8 năm 2023") == ()


def test_place_spelling():
    assert canonical_province("Vinh Long") == "Vĩnh Long" and canonical_province("Trung Sơn") is None
    assert spell_place("Khánh Hoà") == "Khánh Hoà"  # either tone placement is a right spelling
    assert spell_place("TP. Ho Chi Minh") == "TP. Hồ Chí Minh"

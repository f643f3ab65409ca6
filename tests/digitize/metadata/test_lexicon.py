from digitize.metadata import gazetteer
from digitize.metadata.lexicon import closest, is_caps, repair, restore


def test_restore_puts_back_marks_and_dots_ocr_lost():
    assert restore("TĨNH VĨNH LONG") == "TỈNH VĨNH LONG"
    assert restore("KT CHỦ TICH") == "KT. CHỦ TỊCH" and restore("TM.ỦY BAN NHÂN DÂN") == "TM. ỦY BAN NHÂN DÂN"
    assert restore("SO VAN HOA, THE THAO VA DU LICH") == "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"
    assert restore("TINH HA TINH") == "TỈNH HÀ TĨNH"


def test_restore_keeps_the_old_tone_placement_as_printed():
    assert restore("UỶ BAN NHÂN DÂN") == "UỶ BAN NHÂN DÂN"
    assert restore("BỘ VĂN HOÁ, THỂ THAO VÀ DU LỊCH") == "BỘ VĂN HOÁ, THỂ THAO VÀ DU LỊCH"


def test_repair_fills_in_one_damaged_word_of_a_known_name():
    known = ("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "SỞ NỘI VỤ", "SỞ NGOẠI VỤ")
    assert repair("BỘ VĂN HÓA, THỂ THAO V DU LỊCH", known) == "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH"
    assert repair("SỞ NỘI VỤ", known) is None  # already a known name: nothing to repair


def test_closest_position():
    assert closest("PHÓ CHU TJCH", gazetteer.POSITIONS) == "PHÓ CHỦ TỊCH"
    assert closest("NGUYỄN VĂN AN", gazetteer.POSITIONS) is None


def test_capitals_allow_a_slip():
    assert is_caps("ỦY BAN NHÂN DÂN TỈNH VĨNH LoNG") and not is_caps("Về việc phê duyệt")

from digitize.metadata.signature import read

INTERLEAVED = """Điều 3. Quyết định này có hiệu lực kể từ ngày ký.

Nơi nhận: TM. ỦY BAN NHÂN DÂN
- Như Điều 3; KT CHỦ TICH
- CT, các PCT UBND tỉnh; he,
- Lưu: VŨ VX. PHÓ CHỦ TỊCH

Bui Văn Liệt
"""


def test_columns_interleaved_by_ocr_are_told_apart_and_repaired():
    foot = read(INTERLEAVED)
    assert foot.signer_position.value == "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
    assert foot.recipients.value == ("Như Điều 3", "CT, các PCT UBND tỉnh", "Lưu: VT, VX")
    # The family name regains its marks; the given names could not, so the name is doubted.
    assert foot.signer.value == "Bùi Văn Liệt" and foot.signer.confidence < 0.85


def test_signature_block_read_before_the_recipients():
    foot = read("Nội dung.\n\nGIÁM ĐỐC\n\nLê Thị Mai\n\nNơi nhận:\n- Như trên;\n- UBND tỉnh (để b/€);\n- Lưu: VT.")
    assert (foot.signer_position.value, foot.signer.value) == ("GIÁM ĐỐC", "Lê Thị Mai")
    assert foot.recipients.value == ("Như trên", "UBND tỉnh (để b/c)", "Lưu: VT")


def test_file_copy_codes_in_capitals_are_no_position():
    foot = read("Nơi nhận:\n- Như trên;\n- Lưu: VT, KT.\n\nCHÁNH VĂN PHÒNG\n\nNguyễn Văn Nam\n")
    assert foot.signer_position.value == "CHÁNH VĂN PHÒNG"
    assert foot.recipients.value == ("Như trên", "Lưu: VT, KT")


def test_without_recipients_capitals_need_a_name_under_them():
    assert read("Văn bản.\nHỘI ĐỒNG NHÂN DÂN TỈNH\nQUYẾT NGHỊ:\nĐiều 1. Thông qua.").signer_position.value is None
    assert read("Văn bản.\n\nTL. BỘ TRƯỞNG\nVỤ TRƯỞNG\n\nTrần Hữu Sơn\n").signer.value == "Trần Hữu Sơn"


def test_a_speck_read_as_a_word_before_the_family_name_is_dropped():
    assert read("Nơi nhận:\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nla HH ảnh Dài Bùi Hữu Liệt\n").signer.value == "Bùi Hữu Liệt"


# The foot of a decision as OCR reads it through a red seal: the mark, a letter of the title and of the name lost.
UNDER_THE_SEAL = """Điều 4. Quyết định này có hiệu lực kể từ ngày ký.

Nơi nhận:
- Như Điều 4;
- Lưu: VT, KTTHh20.

FM-ỦY BAN NHÂN DÂN

HỦ TỊCH

guyễn Hoàng Giang
"""


def test_a_title_and_a_family_name_a_seal_took_a_letter_of_are_read_again():
    foot = read(UNDER_THE_SEAL)
    assert foot.signer.value == "Nguyễn Hoàng Giang"
    assert "CHỦ TỊCH" in foot.signer_position.value


def test_a_name_with_no_position_read_above_it_is_given_doubted():
    foot = read(UNDER_THE_SEAL.replace("FM-ỦY BAN NHÂN DÂN\n\nHỦ TỊCH\n", ""))
    assert foot.signer.value == "Nguyễn Hoàng Giang" and foot.signer.confidence < 0.8
    assert foot.signer.notes == ("no position read above the name",)


def test_given_names_alone_are_no_trusted_name():
    foot = read(UNDER_THE_SEAL.replace("guyễn Hoàng Giang", "Phước Hiền"))
    assert foot.signer.value == "Phước Hiền" and foot.signer.confidence < 0.8

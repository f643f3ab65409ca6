"""Names the extractor knows: provinces, ministries' and departments' sectors, national bodies, positions.

Header lines, signature blocks and the bodies of official documents name the
same few hundred bodies and titles. Knowing them lets the extractor repair
what OCR damages in capitals (``TĨNH`` for ``TỈNH``) and list which provinces
and agencies a document mentions.
"""

from __future__ import annotations

#: The 63 provinces and centrally-run cities before July 2025, and Huế, a city-province since.
PROVINCES: tuple[str, ...] = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định",
    "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cần Thơ", "Cao Bằng", "Đà Nẵng", "Đắk Lắk", "Đắk Nông",
    "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
    "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng",
    "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên",
    "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh",
    "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thành phố Hồ Chí Minh", "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh",
    "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái", "Huế",
)  # fmt: skip

#: Other spellings of a province, mapped to its name above.
PROVINCE_ALIASES: dict[str, str] = {
    "TP. Hồ Chí Minh": "Thành phố Hồ Chí Minh",
    "TP Hồ Chí Minh": "Thành phố Hồ Chí Minh",
    "Tp. Hồ Chí Minh": "Thành phố Hồ Chí Minh",
    "TP.HCM": "Thành phố Hồ Chí Minh",
    "TP. HCM": "Thành phố Hồ Chí Minh",
    "Thừa Thiên - Huế": "Thừa Thiên Huế",
    "Bà Rịa-Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "Bà Rịa – Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "Bắc Cạn": "Bắc Kạn",
    "Đắc Lắc": "Đắk Lắk",
}

#: Fields of ministries (Bộ …) and provincial departments (Sở …), current and recently merged.
SECTORS: tuple[str, ...] = (
    "Nội vụ", "Tư pháp", "Tài chính", "Công Thương", "Xây dựng", "Y tế", "Ngoại giao", "Ngoại vụ", "Quốc phòng",
    "Công an", "Giao thông vận tải", "Kế hoạch và Đầu tư", "Giáo dục và Đào tạo", "Khoa học và Công nghệ",
    "Thông tin và Truyền thông", "Văn hóa, Thể thao và Du lịch", "Văn hóa và Thể thao", "Du lịch",
    "Tài nguyên và Môi trường", "Nông nghiệp và Phát triển nông thôn", "Nông nghiệp và Môi trường",
    "Lao động - Thương binh và Xã hội", "Dân tộc và Tôn giáo",
)  # fmt: skip

#: Bodies named without a place.
NATIONAL_BODIES: tuple[str, ...] = (
    "Chính phủ", "Thủ tướng Chính phủ", "Văn phòng Chính phủ", "Quốc hội", "Ủy ban Thường vụ Quốc hội",
    "Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương", "Ban Tuyên giáo Trung ương", "Thanh tra Chính phủ",
    "Kiểm toán Nhà nước", "Ngân hàng Nhà nước Việt Nam", "Mặt trận Tổ quốc Việt Nam",
    "Cục Văn thư và Lưu trữ nhà nước", "Thư viện Quốc gia Việt Nam", "Trung tâm Lưu trữ quốc gia",
)  # fmt: skip

#: Councils and committees of a province, district or commune: "Ủy ban nhân dân tỉnh Vĩnh Long".
LOCAL_BODIES: tuple[str, ...] = (
    "Ủy ban nhân dân", "UBND", "Hội đồng nhân dân", "HĐND", "Ủy ban Mặt trận Tổ quốc Việt Nam", "Tỉnh ủy",
    "Thành ủy", "Huyện ủy", "Thị ủy", "Đảng ủy",
)  # fmt: skip

#: Administrative units, as written before a place name.
UNITS: tuple[str, ...] = ("tỉnh", "thành phố", "huyện", "thị xã", "quận", "xã", "phường", "thị trấn")

#: The first words of an agency's name in a header: a new name starts at each of them.
AGENCY_HEADS: tuple[str, ...] = (
    "ỦY BAN NHÂN DÂN", "UBND", "HỘI ĐỒNG NHÂN DÂN", "HĐND", "BỘ", "SỞ", "CỤC", "TỔNG CỤC", "CHI CỤC", "VỤ",
    "VIỆN", "BAN", "PHÒNG", "VĂN PHÒNG", "THANH TRA", "TRUNG TÂM", "THƯ VIỆN", "BẢO TÀNG", "TRƯỜNG", "ĐẠI HỌC",
    "HỌC VIỆN", "BỆNH VIỆN", "CÔNG AN", "BỘ CHỈ HUY", "TỈNH ỦY", "THÀNH ỦY", "HUYỆN ỦY", "THỊ ỦY", "ĐẢNG ỦY",
    "ĐẢNG BỘ", "CÔNG TY", "TỔNG CÔNG TY", "HỘI", "LIÊN ĐOÀN", "ỦY BAN", "KHO BẠC", "BẢO HIỂM XÃ HỘI", "NGÂN HÀNG",
    "TÒA ÁN", "VIỆN KIỂM SÁT", "CHÍNH PHỦ", "THỦ TƯỚNG CHÍNH PHỦ", "QUỐC HỘI", "ĐÀI", "BÁO", "NHÀ XUẤT BẢN",
    "HỢP TÁC XÃ", "ĐOÀN", "TRẠM", "HẠT", "KHU",
)  # fmt: skip

#: Signers' positions, in capitals as signature blocks print them.
POSITIONS: tuple[str, ...] = (
    "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC", "BỘ TRƯỞNG",
    "THỨ TRƯỞNG", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", "TỔNG CỤC TRƯỞNG",
    "CHI CỤC TRƯỞNG", "VỤ TRƯỞNG", "PHÓ VỤ TRƯỞNG", "VIỆN TRƯỞNG", "PHÓ VIỆN TRƯỞNG", "TRƯỞNG PHÒNG",
    "PHÓ TRƯỞNG PHÒNG", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "BÍ THƯ",
    "PHÓ BÍ THƯ", "HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA", "CHỦ NHIỆM",
    "TRƯỞNG ĐOÀN", "THƯ KÝ", "CHỦ TỌA", "KẾ TOÁN TRƯỞNG", "TRƯỞNG THÔN",
)  # fmt: skip

#: How a signer's authority is marked before the position (Decree 30/2020, Appendix I, item 7a).
AUTHORITY_MARKS: tuple[str, ...] = ("TM.", "KT.", "TL.", "TUQ.", "Q.")

#: Words of agency names in headers, beyond those above: their diacritics are restored when OCR drops them.
HEADER_WORDS: tuple[str, ...] = (
    "NHÂN DÂN", "LƯU TRỮ", "LỊCH SỬ", "VĂN THƯ", "NHÀ NƯỚC", "QUỐC GIA", "VIỆT NAM", "HÀNH CHÍNH", "TỔNG HỢP",
    "DI TÍCH", "DI SẢN", "CHUYỂN ĐỔI SỐ", "TÀI LIỆU", "VĂN HÓA", "THÔNG TIN", "THỂ THAO", "DU LỊCH", "THƯỜNG VỤ",
    "CHẤP HÀNH", "MẶT TRẬN", "TỔ QUỐC", "NHÀ XUẤT BẢN",
)  # fmt: skip

#: Family names: few enough that one OCR stripped of its marks (``Bui``) can be put back (``Bùi``).
SURNAMES: tuple[str, ...] = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Đinh", "Đào", "Lương", "Trương", "Mai", "Tạ", "Lâm", "Cao", "Hà", "Tô", "Châu", "Quách",
    "Thái", "Kiều", "Đoàn", "Tăng", "Triệu", "Lưu", "Phùng", "Đàm", "Khúc", "Chu", "Mạc", "Lại", "Từ", "Giang",
    "Tống", "Nông", "Hứa", "Âu",
)  # fmt: skip

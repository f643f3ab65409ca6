"""The agencies that issue the generated Decree 30 documents (``benchmarks/admin_docs.py``), and the names, places,
topics and documents they write with: a province's people's committee and its departments, a district, a
ministry, an archive, a library, each with its header, symbol code, signers and recipients."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

PROVINCES = (
    ("VĨNH LONG", "Vĩnh Long"), ("QUẢNG TRỊ", "Quảng Trị"), ("HÀ TĨNH", "Hà Tĩnh"), ("ĐẮK LẮK", "Đắk Lắk"),
    ("KHÁNH HÒA", "Khánh Hòa"), ("BÌNH ĐỊNH", "Bình Định"), ("LÀO CAI", "Lào Cai"), ("NGHỆ AN", "Nghệ An"),
    ("THANH HÓA", "Thanh Hóa"), ("BẮC NINH", "Bắc Ninh"), ("TUYÊN QUANG", "Tuyên Quang"), ("SÓC TRĂNG", "Sóc Trăng"),
)  # fmt: skip
DISTRICTS = (("GIO LINH", "Gio Linh"), ("HẢI LĂNG", "Hải Lăng"), ("LONG HỒ", "Long Hồ"), ("CAN LỘC", "Can Lộc"))
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô")
MIDDLE_NAMES = ("Văn", "Thị", "Hữu", "Minh", "Quốc", "Thanh", "Ngọc", "Đức", "Thu", "Anh", "Xuân")
GIVEN_NAMES = (
    "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Liệt", "Long", "Mai", "Nam", "Phong", "Quang",
    "Sơn", "Tâm", "Thắng", "Trung", "Tuấn", "Vinh", "Yến", "Ánh", "Ân",
)  # fmt: skip
TOPICS = (
    "số hóa tài liệu lưu trữ lịch sử", "chỉnh lý tài liệu tồn đọng", "bảo quản tài liệu Hán Nôm",
    "xây dựng cơ sở dữ liệu tài liệu lưu trữ điện tử", "phát triển văn hóa đọc trong cộng đồng",
    "kiểm kê tài liệu lưu trữ tại các cơ quan", "chuyển đổi số trong hoạt động thư viện",
    "tu bổ, phục chế tài liệu lưu trữ quý hiếm", "thu thập hồ sơ, tài liệu vào Lưu trữ lịch sử",
    "bảo tồn di sản văn hóa phi vật thể", "triển khai phần mềm quản lý văn bản và hồ sơ công việc",
)  # fmt: skip
#: Real documents the bodies cite: type, number, date, issuer, subject.
CITED = (
    ("Nghị định", "30/2020/NĐ-CP", date(2020, 3, 5), "Chính phủ", "công tác văn thư"),
    ("Quyết định", "505/QĐ-TTg", date(2022, 4, 22), "Thủ tướng Chính phủ", "Ngày Chuyển đổi số quốc gia"),
    ("Quyết định", "749/QĐ-TTg", date(2020, 6, 3), "Thủ tướng Chính phủ", "Chương trình Chuyển đổi số quốc gia"),
    ("Chỉ thị", "35/CT-TTg", date(2017, 9, 7), "Thủ tướng Chính phủ", "tăng cường công tác lập hồ sơ"),
    ("Thông tư", "02/2019/TT-BNV", date(2019, 1, 24), "Bộ Nội vụ", "dữ liệu đầu vào của tài liệu lưu trữ điện tử"),
    ("Nghị quyết", "36-NQ/TW", None, "Bộ Chính trị", "đẩy mạnh ứng dụng, phát triển công nghệ thông tin"),
)
TYPES = (
    "Quyết định", "Kế hoạch", "Chỉ thị", "Thông báo", "Báo cáo", "Tờ trình", "Công văn", "Hướng dẫn", "Giấy mời",
    "Công điện", "Chương trình", "Đề án", "Phương án", "Nghị quyết",
)  # fmt: skip
ABBREVIATIONS = {
    "Quyết định": "QĐ", "Kế hoạch": "KH", "Chỉ thị": "CT", "Thông báo": "TB", "Báo cáo": "BC", "Tờ trình": "TTr",
    "Hướng dẫn": "HD", "Giấy mời": "GM", "Công điện": "CĐ", "Chương trình": "CTr", "Đề án": "ĐA", "Phương án": "PA",
    "Nghị quyết": "NQ",
}  # fmt: skip


@dataclass(frozen=True)
class Issuer:
    """An agency as its header prints it, with what it signs and sends."""

    header: tuple[str, ...]  # left-column lines, parent first
    agency: str | None  # None when the header is the agency's name alone
    parent: str | None
    code: str  # the issuer's part of the symbol
    units: tuple[str, ...]  # drafting units, for a công văn's symbol
    place: str
    types: tuple[str, ...]
    signatures: tuple[tuple[str, ...], ...]
    head_title: str  # who enacts a decision: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"
    recipients: tuple[str, ...]


def issuers(rng: random.Random) -> list[Issuer]:
    """The agencies of one generated province: each with its header, code, signers and recipients."""
    caps, province = rng.choice(PROVINCES)
    district_caps, district = rng.choice(DISTRICTS)
    council = f"ỦY BAN NHÂN DÂN TỈNH {caps}"
    ubnd_recipients = ("Như Điều 3", "TT Tỉnh ủy, TT HĐND tỉnh", "CT, các PCT UBND tỉnh", "Lưu: VT, VX")
    department_recipients = ("Như trên", "UBND tỉnh (để b/c)", "Giám đốc Sở", "Lưu: VT, VP")
    return [
        Issuer(
            (rng.choice(("ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN")), f"TỈNH {caps}"),
            None,
            None,
            "UBND",
            ("VX", "KT", "NC"),
            province,
            ("Quyết định", "Kế hoạch", "Chỉ thị", "Công văn", "Công điện", "Chương trình", "Đề án", "Thông báo"),
            (("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
            f"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH {caps}",
            ubnd_recipients,
        ),
        Issuer(
            ("HỘI ĐỒNG NHÂN DÂN", f"TỈNH {caps}"),
            None,
            None,
            "HĐND",
            ("VP",),
            province,
            ("Nghị quyết", "Báo cáo", "Thông báo"),
            (("CHỦ TỊCH",), ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")),
            f"HỘI ĐỒNG NHÂN DÂN TỈNH {caps}",
            ("UBTV Quốc hội", "Chính phủ", "TT Tỉnh ủy", "Lưu: VT"),
        ),
        Issuer(
            (f"UBND TỈNH {caps}", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"),
            "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
            f"UBND TỈNH {caps}",
            "SVHTTDL",
            ("TV", "QLVH", "VP"),
            province,
            ("Quyết định", "Kế hoạch", "Báo cáo", "Tờ trình", "Công văn", "Hướng dẫn", "Giấy mời", "Phương án"),
            (("GIÁM ĐỐC",), ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
            "GIÁM ĐỐC SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
            department_recipients,
        ),
        Issuer(
            (council, "SỞ NỘI VỤ"),
            "SỞ NỘI VỤ",
            council,
            "SNV",
            ("VTLT", "VP"),
            province,
            ("Quyết định", "Kế hoạch", "Báo cáo", "Tờ trình", "Công văn", "Hướng dẫn", "Thông báo"),
            (("GIÁM ĐỐC",), ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
            "GIÁM ĐỐC SỞ NỘI VỤ",
            department_recipients,
        ),
        Issuer(
            ("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH",),
            "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
            None,
            "BVHTTDL",
            ("TV", "DSVH", "VP"),
            "Hà Nội",
            ("Quyết định", "Kế hoạch", "Công văn", "Thông báo", "Chương trình", "Đề án"),
            (("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"), ("BỘ TRƯỞNG",)),
            "BỘ TRƯỞNG BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
            ("Như Điều 3", "Bộ trưởng (để b/c)", "Các Thứ trưởng", "Lưu: VT, TV"),
        ),
        Issuer(
            ("BỘ NỘI VỤ", "CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC"),
            "CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC",
            "BỘ NỘI VỤ",
            "VTLTNN",
            ("NVTW", "VP"),
            "Hà Nội",
            ("Quyết định", "Kế hoạch", "Công văn", "Hướng dẫn", "Báo cáo", "Thông báo"),
            (("CỤC TRƯỞNG",), ("KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG")),
            "CỤC TRƯỞNG CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC",
            ("Như trên", "Bộ trưởng (để b/c)", "Lưu: VT, VP"),
        ),
        Issuer(
            ("ỦY BAN NHÂN DÂN", f"HUYỆN {district_caps}"),
            None,
            None,
            "UBND",
            ("VP",),
            district,
            ("Quyết định", "Kế hoạch", "Báo cáo", "Công văn", "Thông báo", "Phương án"),
            (("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
            f"CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN {district_caps}",
            ("Như Điều 3", "TT Huyện ủy", "Lưu: VT"),
        ),
        Issuer(
            (f"SỞ NỘI VỤ TỈNH {caps}", "TRUNG TÂM LƯU TRỮ LỊCH SỬ"),
            "TRUNG TÂM LƯU TRỮ LỊCH SỬ",
            f"SỞ NỘI VỤ TỈNH {caps}",
            "TTLTLS",
            ("NV",),
            province,
            ("Kế hoạch", "Báo cáo", "Công văn", "Tờ trình", "Phương án"),
            (("GIÁM ĐỐC",), ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
            "GIÁM ĐỐC TRUNG TÂM LƯU TRỮ LỊCH SỬ",
            ("Sở Nội vụ (để b/c)", "Lưu: VT, NV"),
        ),
        Issuer(
            ("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "THƯ VIỆN QUỐC GIA VIỆT NAM"),
            "THƯ VIỆN QUỐC GIA VIỆT NAM",
            "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
            "TVQG",
            ("HCTH", "PVBD"),
            "Hà Nội",
            ("Kế hoạch", "Công văn", "Giấy mời", "Thông báo", "Báo cáo"),
            (("GIÁM ĐỐC",), ("TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG")),
            "GIÁM ĐỐC THƯ VIỆN QUỐC GIA VIỆT NAM",
            ("Như trên", "Vụ Thư viện", "Lưu: VT, HCTH"),
        ),
        Issuer(
            (f"UBND TỈNH {caps}", "VĂN PHÒNG"),
            "VĂN PHÒNG",
            f"UBND TỈNH {caps}",
            "VP",
            ("KGVX", "TH"),
            province,
            ("Thông báo", "Công văn", "Giấy mời"),
            (("CHÁNH VĂN PHÒNG",), ("KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG")),
            "CHÁNH VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH",
            ("Như trên", "CT, các PCT UBND tỉnh", "Lưu: VT, KGVX"),
        ),
    ]

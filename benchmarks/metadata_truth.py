"""What the metadata benchmark (``benchmarks/metadata.py``) compares against besides the generated documents: the
seed articles' metadata read by hand, and the real documents' figures before issue 17, printed beside today's."""

from __future__ import annotations

from typing import Any

#: The real documents' figures on main before issue 17 (commit 4d4ac04, same command), to print beside today's:
#: per set and field, (right, true) for recall and (right, trusted) for the precision of trusted values.
BEFORE: dict[str, dict[str, tuple[tuple[int, int], tuple[int, int]]]] = {
    "scans": {
        "type": ((11, 11), (11, 11)),
        "place": ((10, 11), (10, 10)),
        "agency": ((10, 11), (10, 11)),
        "parent_agency": ((0, 1), (0, 0)),
        "signer": ((3, 11), (3, 6)),
    },
    "born-digital": {
        "type": ((4, 4), (4, 4)),
        "date": ((0, 4), (0, 0)),
        "place": ((4, 4), (4, 4)),
        "agency": ((3, 4), (3, 4)),
        "signer": ((4, 4), (4, 4)),
    },
}
#: The seed articles' metadata, read by hand.
SEED_TRUTH: dict[str, dict[str, Any]] = {
    "000_147ede298f1d9585": {
        "title": "Chuyển đổi số - từ nhận thức đến hành động",
        "date": None,
        "author": "Tân Nguyên",
        "source": "báo Quảng Trị",
    },
    "001_4dc06c117001647d": {
        "title": "Vĩnh Long đẩy mạnh ứng dụng, phát triển công nghệ thông tin đáp ứng yêu cầu phát triển bền vững",
        "date": "2024-06-25",
        "author": "CM",
        "source": "ĐCSVN",
    },
    "002_9191a7a76d23fd15": {
        "title": "Chuyển đổi số tạo động lực thúc đẩy kinh tế – xã hội phát triển",
        "date": None,
        "author": "Lê Mai",
        "source": None,
    },
    "003_a8f341a52ed53c53": {
        "title": "Thị xã Quảng Trị tăng tốc chuyển đổi số",
        "date": None,
        "author": "Thu Hạ",
        "source": None,
    },
    "004_0836ccda36dea13e": {
        "title": "Bài tuyên truyền về chuyển đổi số trên địa bàn xã Trung Sơn",
        "date": "2024-07",
        "author": None,
        "source": "Xã Trung Sơn - Gio Linh",
    },
}

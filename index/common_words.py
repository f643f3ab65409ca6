"""The most frequent Vietnamese words, folded: pairs of them are indexed as single terms (``index.analysis``).

A phrase of common words (``chuyển đổi số``, ``ủy ban nhân dân``) is slow to
find from its words' postings, which list nearly every page with every
position; the pairs' postings are short. The 200 most frequent folded words of
this repository's Vietnamese texts (the seed articles and the real-scan
transcriptions, 18,000 words), numbers left out. Changing the list changes
what the index holds: bump it with a rebuild (the analyzer's name in
``index.analysis`` carries the list's length so an old index is refused).
"""

_LISTED = """
    so va tinh cong cua cac co ban thong doi xa ngay chuyen dung tu chinh ubnd thuc quan dinh dan dong hanh ve hoi
    hien thanh trien trong dia vu dieu quyet van bo de tai qua can thi chu quang viec bao su tin nam nhan duoc
    tren to chi noi trinh cap chuc do phuong du dau tich luat dao truong voi ung ke kinh gia pho cu khai dien nghe
    hop ngai phat nguoi da toan vi quyen te phu den moi dat theo hoa tang thu nghiep dich an tri mot hoach thoi
    nang uy xay don huyen nhiem vien tra tham ly doanh cao he nghi giam quy nganh trung giai ket muc truc quoc cho
    la thuong the day tuyen phuc dang doc huong tac phong san kien giao lien tran xuat ho chuong tap phan tieu
    lieu ky nghia qd tam truyen mang nay tiep nha nuoc nguyen ngach luc y cung duc tien dam nhu nong hoat nen vao
    hang hieu lap toc tao phap mo hinh ra gian nhung dai tro pham binh chanh viet diem sat manh linh sau ngan tuc
    cuoc lao nhat vuc bien thang minh kip
"""
COMMON_WORDS = frozenset(_LISTED.split())

"""A generated archive for the search benchmark: varied enough that a million pages index and search like real ones.

Reshuffled seed paragraphs repeat the same 1,400 words in the same phrases,
so every term's postings are long and dense and the term dictionary stays
tiny; a real archive has a long tail of words, names, numbers and OCR
errors. Here each page (~2 KB) mixes

- runs of 3–16 consecutive words of the articles in ``seeds/``, so real
  phrases (``chuyển đổi số``, ``cơ sở dữ liệu``) occur as they are written,
  many in a quarter of the documents (on that subject), few in the others;
- words drawn from a Zipf-like vocabulary: the seed words first, then every
  well-formed Vietnamese syllable made from onsets, rhymes and tones, and
  people's names, in a shuffled order, so some are common and most are rare;
- OCR noise: a word's diacritics lost, letters confused (``rn``/``m``,
  ``l``/``1``, ``ơ``/``o``), a letter dropped, at a few percent of words;
- numbers, dates and document numbers, mostly unique.

Documents have 1 to 200 pages (mean ~7), in collections of uneven size, with
a type, an agency and a date (some undated). Everything is drawn from one
seed with numpy's PCG64, so the same ``--pages`` gives the same corpus on
every machine, at about 4,000 pages a second.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from index.store import PageRecord

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
#: Words a page has: about 2 KB of Vietnamese text.
PAGE_WORDS = 430
#: Share of documents on the seed articles' subject (digital transformation), and the odds that each run of seed
#: words is kept in their pages and in the others' (the rest are vocabulary words): the subject's phrases are then
#: in about a third of the pages, as a collection's main subject might be.
TOPICAL_SHARE, TOPICAL_RUNS, STRAY_RUNS = 0.25, 0.6, 0.03
#: Share of words misread.
NOISE_SHARE = 0.03

ONSETS = (
    "", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh",
    "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
)  # fmt: skip
RHYMES = (
    "a", "ai", "am", "an", "ang", "anh", "ao", "au", "ay", "ac", "ach", "at", "ap", "ăn", "ăm", "ăng", "ăc", "ăt",
    "âm", "ân", "âng", "âu", "ây", "âc", "ât", "e", "em", "en", "eo", "ec", "et", "ê", "êm", "ên", "ênh", "êu",
    "êch", "êt", "i", "im", "in", "inh", "iu", "ich", "it", "iêm", "iên", "iêu", "iêt", "o", "oa", "oai", "oan",
    "oang", "oanh", "oac", "oat", "oe", "oi", "om", "on", "ong", "oc", "ot", "ô", "ôi", "ôm", "ôn", "ông", "ôc",
    "ôt", "ơ", "ơi", "ơm", "ơn", "ơt", "u", "ua", "uân", "uât", "ui", "um", "un", "ung", "uc", "ut", "uy", "uyên",
    "uyêt", "ư", "ưa", "ưng", "ưc", "ưt", "ươi", "ương", "ươc", "ươt", "ưu",
)  # fmt: skip
#: Combining marks of the five tones after the level one; rhymes ending in a stop take only sắc and nặng.
TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
FAMILY_NAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ")
#: Letters OCR confuses, as (read, misread).
CONFUSIONS = (("rn", "m"), ("m", "rn"), ("l", "1"), ("o", "0"), ("ơ", "o"), ("ư", "u"), ("ê", "e"), ("đ", "d"),
              ("h", "b"), ("e", "c"), ("i", "l"), ("ă", "a"))  # fmt: skip

TYPES = (
    "Quyết định", "Công văn", "Báo cáo", "Kế hoạch", "Thông báo", "Tờ trình", "Nghị quyết", "Chỉ thị",
    "Công báo", "Sắc lệnh", "Địa bạ", "Gia phả",
)  # fmt: skip
SYMBOLS = {"Quyết định": "QĐ", "Công văn": "CV", "Báo cáo": "BC", "Kế hoạch": "KH", "Thông báo": "TB"}
PROVINCES = (
    "VĨNH LONG", "QUẢNG NGÃI", "NAM ĐỊNH", "THANH HÓA", "NGHỆ AN", "HUẾ", "BÌNH ĐỊNH", "CẦN THƠ", "HẢI PHÒNG",
    "LÂM ĐỒNG", "ĐẮK LẮK", "BẮC NINH",
)  # fmt: skip
AGENCIES = (
    "THỦ TƯỚNG CHÍNH PHỦ",
    "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
    "BỘ NỘI VỤ",
    *(f"UBND TỈNH {province}" for province in PROVINCES),
    *(f"SỞ {office}" for office in ("NỘI VỤ", "THÔNG TIN VÀ TRUYỀN THÔNG", "TÀI NGUYÊN VÀ MÔI TRƯỜNG", "TƯ PHÁP")),
)
#: Collections, the first largest (Zipf-like shares).
COLLECTIONS = (
    "Văn bản hành chính", "Công báo", "Địa chí", "Báo chí", "Tư liệu Hán Nôm", "Châu bản", "Địa bạ", "Hương ước",
    "Gia phả", "Ảnh tư liệu", "Luận án", "Sách quý hiếm",
)  # fmt: skip


def _provinces(agency: str, rng: np.random.Generator) -> tuple[str, ...]:
    """The provinces a document names: its agency's, if a province's, and up to two others (most name none)."""
    named = [agency.removeprefix("UBND TỈNH ")] if agency.startswith("UBND TỈNH ") else []
    others = rng.choice(len(PROVINCES), size=int(rng.choice(3, p=(0.6, 0.3, 0.1))), replace=False)
    named += [PROVINCES[int(at)] for at in others]
    return tuple(dict.fromkeys(name.title() for name in named))


def _toned(rhyme: str, tone: str) -> str:
    """The rhyme with its tone mark on the vowel that carries it (a marked vowel, else the main one)."""
    vowels = [i for i, char in enumerate(rhyme) if char in "aăâeêioôơuưy"]
    marked = [i for i in vowels if rhyme[i] in "ăâêôơư"]
    if marked:
        at = marked[-1]
    elif len(vowels) > 1 and vowels[-1] == len(rhyme) - 1:
        at = vowels[-2]  # ai → ái, but oan → oán
    else:
        at = vowels[-1]
    return unicodedata.normalize("NFC", rhyme[: at + 1] + tone + rhyme[at + 1 :])


def syllables() -> list[str]:
    """Every onset + rhyme + tone this small grammar allows (about 15,000, most of them rare in real text)."""
    found = []
    for onset in ONSETS:
        for rhyme in RHYMES:
            if (onset in ("qu", "gi") and rhyme[0] in "uy") or (onset == "c" and rhyme[0] in "eêiy"):
                continue
            stop = rhyme.endswith(("c", "ch", "p", "t"))
            for tone in TONES[1:] if not stop else (TONES[1], TONES[5]):
                found.append(onset + _toned(rhyme, tone))
            if not stop:
                found.append(onset + rhyme)
    return found


def seed_words() -> list[str]:
    """The seed articles as one run of words, paragraph ends dropped."""
    return [word for path in sorted(SEEDS.glob("*.txt")) for word in path.read_text(encoding="utf-8").split()]


def misread(word: str, rng: np.random.Generator) -> str:
    """``word`` as OCR might return it: diacritics lost, letters confused, or a letter dropped."""
    kind = rng.integers(4)
    if kind == 0:
        return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)).replace("đ", "d")
    if kind == 1 and len(word) > 2:
        at = int(rng.integers(len(word)))
        return word[:at] + word[at + 1 :]
    for read, wrong in rng.permutation(np.array(CONFUSIONS, dtype=object)):
        if read in word:
            return word.replace(read, wrong, 1)
    return word + "."


class Corpus:
    """The archive's pages in order, document after document; the same for the same seed."""

    def __init__(self, seed: int = 2026) -> None:
        self.seed = seed
        rng = np.random.default_rng(seed)
        runs = seed_words()
        made = syllables()
        rng.shuffle(made)
        names = [given.capitalize() for given in made[:3000]]  # given names, as in "Nguyễn Văn Khải"
        common = [word for word, _ in Counter(word.lower().strip(".,;:“”()") for word in runs).most_common()]
        vocabulary = list(dict.fromkeys([word for word in common if word] + made + names + list(FAMILY_NAMES)))
        noisy = [misread(word, rng) for word in vocabulary[:4000] for _ in range(3)]
        self.runs = np.array(runs, dtype=object)
        #: Vocabulary first (ranked for Zipf), then the misread forms (drawn uniformly among themselves).
        self.words = np.array(vocabulary + noisy, dtype=object)
        self.vocabulary_size, self.noisy_size = len(vocabulary), len(noisy)
        ranks = np.arange(1, len(vocabulary) + 1)
        weights = 1.0 / (ranks + 2.7) ** 1.05
        self.cumulative = np.cumsum(weights) / weights.sum()

    def pages(self, count: int) -> Iterator[PageRecord]:
        """The first ``count`` pages."""
        rng = np.random.default_rng([self.seed, 1])
        # Provinces from a stream of their own, so the pages are those of corpora made before they were.
        places = np.random.default_rng([self.seed, 2])
        made = 0
        doc = 0
        while made < count:
            meta = self._document(doc, rng)
            meta["provinces"] = _provinces(meta["agency"], places)
            topical = TOPICAL_RUNS if rng.random() < TOPICAL_SHARE else STRAY_RUNS
            length = min(int(rng.geometric(0.15)), 200, count - made)
            for page in range(1, length + 1):
                yield PageRecord(doc_id=f"d{doc:07d}", page=page, text=self._text(rng, topical), **meta)
            made += length
            doc += 1

    def _document(self, doc: int, rng: np.random.Generator) -> dict:
        kind = TYPES[int(rng.integers(len(TYPES)))]
        collection = COLLECTIONS[(int(rng.zipf(1.6)) - 1) % len(COLLECTIONS)]
        dated = rng.random() > 0.1
        year = int(1945 + 80 * rng.random() ** 0.5) if dated else None  # more of them recent
        return {
            "title": f"{kind} {self.words[int(rng.integers(2000))]} {doc}",
            "type": kind,
            "agency": AGENCIES[int(rng.integers(len(AGENCIES)))],
            "collection": collection,
            "year": year,
            "date": f"{year}-{rng.integers(1, 13):02d}-{rng.integers(1, 29):02d}" if dated else "",
            "number": f"{doc}/{SYMBOLS.get(kind, 'UBND')}-{('UBND', 'TTg', 'SNV')[int(rng.integers(3))]}",
            "source_path": f"bench/{collection}/{doc:07d}.pdf",
        }

    def _text(self, rng: np.random.Generator, topical: float) -> str:
        """~``PAGE_WORDS`` words: seed runs (each kept with ``topical`` odds, else vocabulary words), misreadings,
        a few numbers, in paragraphs."""
        lengths = rng.integers(3, 17, size=PAGE_WORDS // 6)
        starts = rng.integers(0, len(self.runs) - 16, size=len(lengths))
        offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        picked = self.runs[np.repeat(starts, lengths) + offsets][:PAGE_WORDS]
        from_vocabulary = np.repeat(rng.random(len(lengths)) >= topical, lengths)[:PAGE_WORDS]
        picked[from_vocabulary] = self.words[
            np.searchsorted(self.cumulative, rng.random(int(from_vocabulary.sum())), side="right")
        ]
        misreadings = rng.random(len(picked)) < NOISE_SHARE
        picked[misreadings] = self.words[
            self.vocabulary_size + rng.integers(self.noisy_size, size=int(misreadings.sum()))
        ]
        for at, number in zip(rng.integers(len(picked), size=4), rng.integers(1, 100_000, size=4), strict=True):
            picked[at] = f"{number:,}".replace(",", ".")
        breaks = np.sort(rng.choice(np.arange(40, len(picked) - 20), size=4, replace=False))
        return "\n\n".join(" ".join(part) for part in np.split(picked, breaks))

"""Queries over the page index: parsing, ranking exact above folded, snippets.

A query is parsed against both text fields; the exact field weighs more, so a
page that matches as typed outranks one that matches only once diacritics are
folded. Snippets mark matched words with character spans rather than markup,
so each front end (terminal, JSON, HTML) highlights and escapes in its own way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from whoosh import highlight
from whoosh.qparser import MultifieldParser
from whoosh.searching import Hit as WhooshHit

from digitize.errors import DigitizeError
from digitize.textnorm import fold, normalize
from index.store import open_index

_FIELD_BOOSTS = {"text": 3.0, "text_folded": 1.0}
_OPEN, _CLOSE = "\x02", "\x03"


class QueryError(DigitizeError):
    """A query the parser cannot make sense of."""


@dataclass(frozen=True)
class Hit:
    doc_id: str
    page: int
    title: str
    collection: str
    source_path: str
    score: float
    snippet: str
    #: (start, end) character offsets of matched words within ``snippet``.
    highlights: tuple[tuple[int, int], ...]

    def to_dict(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "page": self.page,
            "title": self.title,
            "collection": self.collection,
            "source_path": self.source_path,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "highlights": [list(span) for span in self.highlights],
        }


class _SpanFormatter(highlight.Formatter):
    """Wraps matched words in control characters that ``_spans`` turns into offsets."""

    between = " … "

    def format_token(self, text: str, token, replace: bool = False) -> str:
        return f"{_OPEN}{highlight.get_text(text, token, replace)}{_CLOSE}"


def search(directory: Path, query: str, limit: int = 10) -> list[Hit]:
    """Pages matching ``query``, best first. Words are ANDed; quotes make a phrase."""
    text = normalize(query)
    if not text:
        raise QueryError(None, "empty query")
    ix = open_index(directory)
    parser = MultifieldParser(list(_FIELD_BOOSTS), ix.schema, fieldboosts=_FIELD_BOOSTS)
    try:
        parsed = parser.parse(text)
    except Exception as error:  # the parser's errors have no common base class
        raise QueryError(None, f"cannot parse query {query!r}: {error}") from None
    with ix.searcher() as searcher:
        results = searcher.search(parsed, limit=limit, terms=True)
        results.fragmenter = highlight.ContextFragmenter(maxchars=100, surround=40)
        results.formatter = _SpanFormatter()
        # A query typed without diacritics means any accented form; one typed
        # with them is highlighted as typed, unless only its folded form matched.
        typed_bare = fold(text) == text
        return [_to_hit(hit, typed_bare) for hit in results]


def _to_hit(hit: WhooshHit, typed_bare: bool) -> Hit:
    marked = "" if typed_bare else hit.highlights("text", top=2)
    marked = marked or hit.highlights("text_folded", text=hit["text"], top=2)
    snippet, spans = _spans(marked or hit["text"][:200])
    return Hit(
        doc_id=hit["doc_id"],
        page=hit["page"],
        title=hit.get("title", ""),
        collection=hit.get("collection", ""),
        source_path=hit.get("source_path", ""),
        score=hit.score,
        snippet=snippet,
        highlights=spans,
    )


def _spans(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start = 0
    for char in marked:
        if char == _OPEN:
            start = length
        elif char == _CLOSE:
            spans.append((start, length))
        elif not (char.isspace() and plain and plain[-1] == " "):
            plain.append(" " if char.isspace() else char)
            length += 1
    return "".join(plain), tuple(spans)

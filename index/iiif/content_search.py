"""IIIF Content Search: the words of one document a query matches, each as an annotation on its page's canvas.

Version 2.0 is the answer at ``/iiif/DOC/search``: an ``AnnotationPage``
whose annotations each target ``CANVAS#xywh=x,y,w,h``, the box of one
matching OCR word in canvas pixels (canvases are the page images' size), with
the words around it as ``contextualizing`` annotations for a list of hits.
Mirador 4 speaks only version 1.0 of the search protocol, so the same hits
are also given as 1.0 (an ``sc:AnnotationList`` with ``hits``) at
``/iiif/DOC/search-v1``, which the manifest names too.

Which pages match is the index's business (``index.search.document_pages``)
and which words on them is ``index.hit_boxes``'s, so a search here finds what
the search page finds: diacritics optional, phrases, ``NOT``.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from digitize.ocr.page import Word
from index.iiif.presentation import Urls

CONTEXT_2 = "http://iiif.io/api/search/2/context.json"
CONTEXT_1 = "http://iiif.io/api/search/1/context.json"
#: Parameters of the API this server does not act on, named back in ``ignored`` as the API asks.
IGNORED_PARAMETERS = ("motivation", "date", "user")
#: Words either side of a hit shown with it in a viewer's list of hits.
CONTEXT_WORDS = 5


@dataclass(frozen=True)
class PageHits:
    """One matching page: all its OCR words in reading order, and the positions among them of those that match."""

    page: int
    words: Sequence[Word]
    hits: Sequence[int]


def search_v2(urls: Urls, doc_id: str, request_url: str, pages: Sequence[PageHits], ignored: Sequence[str]) -> dict:
    """The Content Search 2.0 answer: every matching word of every page, in page and reading order."""
    items, context = [], []
    for annotation, target, quote, _ in _hits(urls, doc_id, pages):
        body = {"type": "TextualBody", "value": quote["exact"], "format": "text/plain", "language": "vi"}
        items.append(
            {"id": annotation, "type": "Annotation", "motivation": "supplementing", "body": body, "target": target}
        )
        context.append(
            {
                "id": f"{annotation}/context",
                "type": "Annotation",
                "motivation": "contextualizing",
                "target": {
                    "type": "SpecificResource",
                    "source": annotation,
                    "selector": [{"type": "TextQuoteSelector", **quote}],
                },
            }
        )
    answer = {"@context": CONTEXT_2, "id": request_url, "type": "AnnotationPage", "items": items}
    if context:
        answer["annotations"] = [{"type": "AnnotationPage", "items": context}]
    if ignored:
        answer["ignored"] = list(ignored)
    return answer


def search_v1(urls: Urls, doc_id: str, request_url: str, pages: Sequence[PageHits], ignored: Sequence[str]) -> dict:
    """The same hits as Content Search 1.0, the version Mirador 4 reads; words side by side (a phrase) are one
    hit in its list, each word still its own box."""
    resources, hits, last = [], [], None
    for annotation, target, quote, where in _hits(urls, doc_id, pages):
        # Mirador shows these as HTML (sanitized): escaped, OCR text that reads "<b>" stays text.
        shown = {name: html.escape(text, quote=False) for name, text in quote.items()}
        resources.append(
            {
                "@id": annotation,
                "@type": "oa:Annotation",
                "motivation": "sc:painting",
                "resource": {"@type": "cnt:ContentAsText", "chars": shown["exact"]},
                "on": target,
            }
        )
        if hits and last == (where[0], where[1] - 1):
            hits[-1]["annotations"].append(annotation)
            hits[-1]["match"] += " " + shown["exact"]
            hits[-1]["after"] = shown["suffix"]
        else:
            hits.append(
                {
                    "@type": "search:Hit",
                    "annotations": [annotation],
                    "match": shown["exact"],
                    "before": shown["prefix"],
                    "after": shown["suffix"],
                }
            )
        last = where
    # The hits a viewer lists (Mirador shows "1 of N+" when this is more than the hits it was given).
    within = {"@type": "sc:Layer", "total": len(hits)}
    if ignored:
        within["ignored"] = list(ignored)
    return {
        "@context": CONTEXT_1,
        "@id": request_url,
        "@type": "sc:AnnotationList",
        "within": within,
        "resources": resources,
        "hits": hits,
    }


def _hits(
    urls: Urls, doc_id: str, pages: Sequence[PageHits]
) -> Iterator[tuple[str, str, dict[str, str], tuple[int, int]]]:
    """Each matching word: its annotation's id, the box it targets on its canvas, its words around it, and where
    it is (page, position among the page's words)."""
    for page in pages:
        canvas = urls.canvas(doc_id, page.page)
        for position in page.hits:
            word = page.words[position]
            target = f"{canvas}#xywh={word.left},{word.top},{word.width},{word.height}"
            yield f"{canvas}/words/{position}", target, _quote(page.words, position), (page.page, position)


def _quote(words: Sequence[Word], position: int) -> dict[str, str]:
    """The hit with the words just before and after it, and the spaces that join them to it."""
    before = " ".join(word.text for word in words[max(0, position - CONTEXT_WORDS) : position])
    after = " ".join(word.text for word in words[position + 1 : position + 1 + CONTEXT_WORDS])
    prefix, suffix = (before + " " if before else ""), (" " + after if after else "")
    return {"prefix": prefix, "exact": words[position].text, "suffix": suffix}

"""What counts as digitized, written once: which pages wait for review, and the documents that count.

A page waits for a person when a measure stored for it is under its
collection's threshold (``ReviewPolicy``), or when it is a Hán-Nôm page and
its collection keeps those for a specialist (the default), or when it is dark
all over (nothing could be read); blank pages and illustrations
(photographs, maps) never wait, and a page from a PDF's text
layer, which has no confidence, is judged by its syllables alone. A document
counts as digitized once all its pages are done and, when its collection
holds documents for review (the default), none of its pages waits for review
unaccepted.

The rule is written once, as ``_CHECKS``: ``ReviewPolicy.reasons`` reads it for
the review list, ``PAGE_WAITS_SQL`` is it in SQL, and ``COUNTED_DOCUMENTS`` is
the documents that count, in SQL, so the count stays in SQLite at SQL speed.
Thresholds are applied when asked, to the measures stored per page, so they
can be tightened or relaxed without reading anything again.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipelines.archive.catalog.records import PageRow

#: Defaults: the test strips read at a mean confidence over 90; the seed articles' true text is 97–99.5%
#: syllables (acronyms and English words being the rest); the issue's mangled layer (CONG Hcok xA HQI CHiJ NGHiA) 50%.
MIN_CONFIDENCE = 70.0
MIN_SYLLABLE_SHARE = 0.8


@dataclass(frozen=True)
class _Check:
    """A page waits when its ``measure`` (a page column; None when not measured) is under the policy's ``threshold``."""

    measure: str
    threshold: str
    reason: str  # formatted with the page's value and the threshold


_CHECKS = (
    _Check("confidence", "min_confidence", "mean word confidence {value:.0f} < {minimum:g}"),
    _Check("syllable_share", "min_syllable_share", "{value:.0%} well-formed syllables < {minimum:.0%}"),
)
_NEVER_WAITS = ("blank", "illustration")  # the sources of pages with nothing to read: the back of a sheet, a picture
#: A page dark all over (``digitize.page.UNREADABLE``) always waits: nothing was read, and not because it is blank.
_UNREADABLE = "unreadable"
UNREADABLE_REASON = "dark all over: nothing could be read (check the scan's exposure, or rescan)"
#: A Hán-Nôm page waits for a specialist, with this reason, unless its collection's policy counts it (``hold_han``).
HAN_REASON = "Hán-Nôm page: for a specialist to read"
_HAN = "Han"

#: ``_CHECKS`` over the catalog's page ``p``, the thresholds as named parameters (``ReviewPolicy.parameters``).
#: SQL's NULL < x is not true, as a measure of None passes in Python.
_UNDER_A_THRESHOLD = " OR ".join(
    [f"p.{check.measure} < :{check.threshold}" for check in _CHECKS]
    + [f"(p.script = '{_HAN}' AND :hold_han)", f"p.source = '{_UNREADABLE}'"]
)
_NEVER_WAITS_SQL = ", ".join(f"'{source}'" for source in _NEVER_WAITS)
PAGE_WAITS_SQL = f"COALESCE(p.source NOT IN ({_NEVER_WAITS_SQL}) AND ({_UNDER_A_THRESHOLD}), 0)"

#: The documents that count as digitized in ``:collection``: all pages done (status 'done') and, when ``:hold``,
#: none waiting for review unaccepted; each counted from the later of its last update and the last acceptance of a
#: page that waited. The one rule behind the digitized documents, the snapshots and the page statistics.
COUNTED_DOCUMENTS = f"""
    SELECT d.id, d.page_count,
           CASE WHEN :hold THEN MAX(d.updated_at, COALESCE(waiting.accepted, '')) ELSE d.updated_at END AS since
    FROM documents d LEFT JOIN (
        SELECT p.doc_id, MAX(p.reviewed_at) AS accepted, SUM(p.reviewed_at IS NULL) AS unaccepted
        FROM pages p JOIN documents pd ON pd.id = p.doc_id AND pd.collection = :collection
        WHERE {PAGE_WAITS_SQL} GROUP BY p.doc_id
    ) waiting ON waiting.doc_id = d.id
    WHERE d.collection = :collection AND d.status = 'done' AND NOT (:hold AND COALESCE(waiting.unaccepted, 0) > 0)"""


@dataclass(frozen=True)
class ReviewPolicy:
    """A collection's review rule: which pages wait for a person, and whether their documents count meanwhile.

    ``hold`` (the default) keeps a document with a page waiting out of the
    digitized count until that page is accepted; without it the document
    counts once its pages are done, reviewed or not.
    """

    hold: bool = True
    min_confidence: float = MIN_CONFIDENCE
    min_syllable_share: float = MIN_SYLLABLE_SHARE
    hold_han: bool = True  # Hán-Nôm pages wait for a specialist; False counts them once kept

    def reasons(self, page: PageRow) -> list[str]:
        """Why ``page`` needs a human look, or nothing when it passes."""
        if page.source in _NEVER_WAITS:
            return []
        if page.source == _UNREADABLE:
            return [UNREADABLE_REASON]
        han = [HAN_REASON] if page.script == _HAN and self.hold_han else []
        return han + [
            check.reason.format(value=value, minimum=minimum)
            for check in _CHECKS
            if (value := getattr(page, check.measure)) is not None
            and value < (minimum := getattr(self, check.threshold))
        ]

    def parameters(self) -> dict[str, object]:
        """The named parameters of ``PAGE_WAITS_SQL`` (and ``hold``)."""
        return asdict(self)

    def rule(self, collection: str) -> dict[str, object]:
        """The named parameters of ``COUNTED_DOCUMENTS`` and ``PAGE_WAITS_SQL`` for ``collection``."""
        return {"collection": collection, **self.parameters()}

"""The options that describe a collection, shared by ``collection add`` and ``collection set``.

As ``run`` and ``retry`` share theirs (``options.batch_options``), the two
commands take them as one decorator and receive them as one ``CollectionOptions``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date

import click

from pipelines.archive.catalog import Target
from pipelines.archive.catalog.counting import MIN_CONFIDENCE, MIN_SYLLABLE_SHARE, ReviewPolicy
from pipelines.cli.params import DATE, PAST_DATE, SHARE, count, finite
from pipelines.collections.definitions import Share

_OPTIONS = (
    click.option("--pages", "holdings_pages", type=count(), help="Pages the collection holds."),
    click.option("--description", help="What the collection is."),
    click.option(
        "--baseline",
        type=SHARE,
        help="Items digitized, by any means, by --baseline-date: a count (1205) or a percent of holdings (25%).",
    ),
    click.option("--baseline-date", type=PAST_DATE, help="Day of the baseline (today or before)."),
    click.option(
        "--target",
        "target_pcts",
        type=finite(0, 100),
        multiple=True,
        help="Target share digitized, in percent; repeat for several targets.",
    ),
    click.option(
        "--by",
        "target_dates",
        type=DATE,
        multiple=True,
        help="Deadline of each --target, in the same order.",
    ),
    click.option(
        "--hold-for-review/--count-unreviewed",
        "hold_for_review",
        default=None,
        help="Whether a finished document waits to count as digitized while a page waits for review "
        "(default: it waits).",
    ),
    click.option(
        "--review-confidence",
        type=finite(0, 100),
        help=f"Pages under this mean word confidence wait for review (default {MIN_CONFIDENCE:g}).",
    ),
    click.option(
        "--review-syllables",
        type=finite(0, 1),
        help=f"Pages with a lower share of well-formed syllables wait for review (default {MIN_SYLLABLE_SHARE:g}).",
    ),
    click.option(
        "--han-for-review/--han-counts",
        "han_for_review",
        default=None,
        help="Whether Hán-Nôm pages (kept as images, or read approximately with --han-ocr) wait for a specialist "
        "before their document counts as digitized (default: they wait), or count once kept.",
    ),
)


@dataclass(frozen=True)
class CollectionOptions:
    """What ``collection add`` or ``set`` was told about a collection; None (or empty) where an option was left out."""

    holdings_pages: int | None = None
    description: str | None = None
    baseline: Share | None = None  # given as a count or a share of the holdings, with baseline_date
    baseline_date: date | None = None
    target_pcts: tuple[float, ...] = ()
    target_dates: tuple[date, ...] = ()
    hold_for_review: bool | None = None
    review_confidence: float | None = None
    review_syllables: float | None = None
    han_for_review: bool | None = None

    def targets(self) -> tuple[Target, ...]:
        """The targets given, each with its deadline; a usage error when the deadlines do not pair with them."""
        pcts, dates = self.target_pcts, self.target_dates
        if dates and len(dates) != len(pcts):
            raise click.UsageError("give one --by per --target, in the same order")
        if not dates and len(pcts) > 1:
            raise click.UsageError("several targets need a --by each")
        for values, what in ((pcts, "--target"), (dates, "--by")):
            repeated = sorted({value for value in values if values.count(value) > 1})
            if repeated:
                shown = repeated[0] if isinstance(repeated[0], date) else f"{repeated[0]:g}"
                raise click.UsageError(f"{what} {shown} is given twice: each target has its own share and day")
        return tuple(Target(pct, due) for pct, due in zip(pcts, dates or (None,) * len(pcts), strict=True))

    def baseline_on(self) -> tuple[Share, date] | None:
        """The baseline given and its day, which go together."""
        if (self.baseline is None) != (self.baseline_date is None):
            raise click.UsageError("--baseline and --baseline-date go together")
        return (self.baseline, self.baseline_date) if self.baseline is not None else None

    @property
    def changes_review(self) -> bool:
        given = (self.hold_for_review, self.review_confidence, self.review_syllables, self.han_for_review)
        return given != (None, None, None, None)

    def review(self, policy: ReviewPolicy) -> ReviewPolicy:
        """``policy`` with the review options given."""
        given = {
            "hold": self.hold_for_review,
            "min_confidence": self.review_confidence,
            "min_syllable_share": self.review_syllables,
            "hold_han": self.han_for_review,
        }
        return replace(policy, **{key: value for key, value in given.items() if value is not None})


#: The options' parameter names, which are the fields of ``CollectionOptions``.
_FIELDS = tuple(field.name for field in fields(CollectionOptions))


def collection_options(command: Callable[..., None]) -> Callable[..., None]:
    """Add the collection options to ``command``, which receives them as one ``definition: CollectionOptions``."""

    @functools.wraps(command)
    def with_definition(*args, **kwargs) -> None:
        definition = CollectionOptions(**{name: kwargs.pop(name) for name in _FIELDS})
        command(*args, definition=definition, **kwargs)

    for option in reversed(_OPTIONS):
        with_definition = option(with_definition)
    return with_definition

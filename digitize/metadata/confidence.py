"""Named confidence levels: the two promises a field's confidence makes, and the steps the extractor gives.

Two levels are contracts, measured by ``benchmarks/metadata.py`` and stated
in ``docs/architecture.md``: a value at ``TRUSTED`` or above is meant to be
right 99% of the time (the reviewer's queue passes it by), one at ``GIVEN``
or above is taken as given (exported to Dublin Core and MARC, counted by the
benchmark); below ``GIVEN`` a value is a guess kept for the archivist. The
others are the steps between, named by what earns them; a value earns the
lowest of the steps that apply to it (``Field.at_most``).
"""

from __future__ import annotations

#: Read twice and the readings agree (a heading its symbol confirms), a clean date.
CERTAIN = 0.95
#: Read where the form puts it and labelled (``Số:``), a place the gazetteer knows.
SURE = 0.9
#: Read well and of a known shape: an agency's name, a signer under a known position.
CONFIDENT = 0.85
#: Meant to be right 99% of the time.
TRUSTED = 0.8
#: Right shape, one check it could not pass (a symbol the heading does not confirm).
LIKELY = 0.75
#: Repaired, or found by its place rather than its label.
PLAUSIBLE = 0.7
#: A cross-check failed, or part of it may be lost.
DOUBTED = 0.6
#: Taken as given from here.
GIVEN = 0.5
#: Written by hand into a printed form, or a second reading gives another value: never taken as given.
DISPUTED = 0.45
#: Contradicted by the text, or read with a gap.
WEAK = 0.4
#: Impossible as read (a date after today).
IMPOSSIBLE = 0.2

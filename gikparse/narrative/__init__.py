"""Facts from the prose around the tables: agency, year, period, dates, contact, stated counts.

Every function here is pure: strings in, values out. Matching runs on a *view* of the input in
which each character is NFKC-folded on its own (full-width digits and punctuation become
half-width, lengths stay the same) and whitespace (and markdown ``*``) is taken out, with a map
back to the original offsets. Values that keep their visible form (addresses, websites) are cut
from the original text through that map, so inner spaces such as ``政通路 4 号`` survive.

Its parts: the folded view of a text (_view), numbers and dates (_dates), the title (_title),
the statistics period (_period), the signature (_signature), contact details (_contact), the
metadata of a report (_meta), counts stated in prose (_statements), and items and parts of a
section (_items).
"""

from __future__ import annotations

from gikparse.narrative._contact import find_contact
from gikparse.narrative._dates import parse_date
from gikparse.narrative._items import split_items, split_parts
from gikparse.narrative._meta import extract_meta
from gikparse.narrative._period import find_period
from gikparse.narrative._signature import parse_signature
from gikparse.narrative._statements import CountStatement, Scope, Topic, count_statements
from gikparse.narrative._title import parse_title

__all__ = [
    "CountStatement",
    "Scope",
    "Topic",
    "count_statements",
    "extract_meta",
    "find_contact",
    "find_period",
    "parse_date",
    "parse_signature",
    "parse_title",
    "split_items",
    "split_parts",
]

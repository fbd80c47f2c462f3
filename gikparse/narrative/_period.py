"""The statistics period a report states."""

from __future__ import annotations

import datetime as dt
import functools

import attrs
import regex

from gikparse.narrative._dates import _Y, _make_date
from gikparse.narrative._view import _view

_PERIOD = regex.compile(
    rf"""
    (?P<y1>{_Y})年(?P<m1>\d{{1,2}})月(?P<d1>\d{{1,2}})[日号]?
    (?:起至|至|到|-|~)
    (?:(?P<y2>{_Y})年)?(?P<m2>\d{{1,2}})月(?P<d2>\d{{1,2}})[日号]
  | (?<!\d)(?P<y1>{_Y})[./-](?P<m1>\d{{1,2}})[./-](?P<d1>\d{{1,2}})
    (?:起至|至|到|-|~)
    (?P<y2>{_Y})[./-](?P<m2>\d{{1,2}})[./-](?P<d2>\d{{1,2}})(?!\d)
    """,
    regex.VERBOSE,
)


_PERIOD_CUE = regex.compile(
    r"统计(?:期限|时限|时间|期间|周期|区间|范围|口径)|(?:统计|数据)(?:截止|截至)|报告期|"
    r"数据(?:的)?(?:期限|时限|时间|期间)"
)


@attrs.frozen
class _PeriodHit:
    start: dt.date | None
    end: dt.date | None
    cued: bool
    full_year: bool


@functools.lru_cache(maxsize=8)
def _period_hits(text: str) -> tuple[_PeriodHit, ...]:
    """Every date range in ``text``; cached since extract_meta reads the preamble's twice."""
    view = _view(text, "drop").text
    hits: list[_PeriodHit] = []
    for m in _PERIOD.finditer(view):
        y1 = int(m.group("y1"))
        y2 = int(m.group("y2")) if m.group("y2") else y1
        start = _make_date(y1, int(m.group("m1")), int(m.group("d1")))
        end = _make_date(y2, int(m.group("m2")), int(m.group("d2")))
        cued = _PERIOD_CUE.search(view[max(0, m.start() - 30) : m.start()]) is not None
        full_year = (
            start is not None
            and end is not None
            and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
            and start.year == end.year
        )
        hits.append(_PeriodHit(start, end, cued, full_year))
    return tuple(hits)


def find_period(*texts: str) -> tuple[dt.date, dt.date] | None:
    """The statistics period stated in the first of ``texts`` that states one.

    Looks for ``2020年1月1日至2020年12月31日`` (also ``…至12月31日`` without the second year,
    ``2020.1.1-2020.12.31``). Within each text a range introduced by 统计期限/统计时限/数据统计…
    wins; otherwise the first range, or in the later texts (the report body) only a range that
    covers one calendar year. The dates are returned as written, even if the end comes first.
    """
    for index, text in enumerate(texts):
        hits = [h for h in _period_hits(text) if h.start is not None and h.end is not None]
        cued = [h for h in hits if h.cued]
        pool = cued or (hits if index == 0 else [h for h in hits if h.full_year])
        if pool and pool[0].start is not None and pool[0].end is not None:
            return pool[0].start, pool[0].end
    return None

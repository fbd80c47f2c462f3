"""The agency and year a report's title names."""

from __future__ import annotations

import regex

from gikparse.narrative._dates import _HY, _Y, _han_digits
from gikparse.narrative._view import _trim, _view

_MD_PREFIX = regex.compile(r"^\s*(?:#{1,6}\s*|>\s*|[-+]\s+)*")


_TITLE_YEAR = regex.compile(rf"(?P<y>{_Y})年度?|(?P<hy>{_HY})年度?")


_REPORT_WORDS = regex.compile(
    r"政府信息(?:与政务)?公开|政务(?:信息)?公开|信息公开工作|(?:工作)?年度报告|年报"
)


_AGENCY_BAD = regex.compile(r"报告|[。;!?]|^\d|^[年度]")


_HAN = regex.compile(r"\p{Han}")


_AGENCY_LEAD = regex.compile(r"^(?:关于|印发)+")


_AGENCY_TAIL = regex.compile(r"(?:关于|的)+$")


def _clean_line(line: str) -> str:
    # Most lines start with neither a space (``isspace`` takes all of ``regex``'s ``\s``) nor a
    # markdown mark: nothing for the prefix pattern to take off.
    if line and not line[0].isspace() and line[0] not in "#>-+":
        return line.replace("*", "").strip()
    return _MD_PREFIX.sub("", line).replace("*", "").strip()


def _agency_ok(candidate: str) -> bool:
    return (
        2 <= len(candidate) <= 40
        and _HAN.search(candidate) is not None
        and _AGENCY_BAD.search(candidate) is None
    )


def _strip_agency(candidate: str) -> str:
    candidate = _trim(candidate)
    candidate = _AGENCY_LEAD.sub("", candidate)
    candidate = _AGENCY_TAIL.sub("", candidate)
    return _trim(candidate)


def parse_title(title: str) -> tuple[str | None, int | None]:
    """(agency, year) named by a report title; either may be ``None``.

    ``title`` may span lines (agency on one, ``2021 年政府信息公开工作年度报告`` on the next),
    carry markdown heading marks and spaces between characters. The agency is what precedes the
    year (``安宁市人民政府2020年度…`` → ``安宁市人民政府``) or, when the title starts with the
    year, what stands between the year and ``政府信息公开``/``政务公开``.
    """
    lines = [_clean_line(line) for line in title.splitlines()]
    compact = _view("\n".join(line for line in lines if line), "drop").text
    if not compact:
        return None, None
    year: int | None = None
    agency: str | None = None
    ym = _TITLE_YEAR.search(compact)
    if ym is not None:
        raw_year = _han_digits(ym.group("hy")) if ym.group("hy") else int(ym.group("y"))
        if raw_year is not None and 1990 <= raw_year <= 2099:
            year = raw_year
        before = compact[: ym.start()]
        cut = _REPORT_WORDS.search(before)
        if cut is not None:
            before = before[: cut.start()]
        candidate = _strip_agency(before)
        if not _agency_ok(candidate):
            after = compact[ym.end() :]
            cut = _REPORT_WORDS.search(after)
            candidate = _strip_agency(after[: cut.start()]) if cut is not None else ""
        if _agency_ok(candidate):
            agency = candidate
    else:
        cut = _REPORT_WORDS.search(compact)
        if cut is not None:
            candidate = _strip_agency(compact[: cut.start()])
            if _agency_ok(candidate):
                agency = candidate
    return agency, year

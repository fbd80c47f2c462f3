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


# (A year range's first year: 安宁市人民政府2020—2021年….)
_AGENCY_TAIL = regex.compile(r"(?:关于|的|(?:19|20)\d{2}年?度?\s*[-—–~～至到]\s*)+$")
# What a web page prints above or around a title (a breadcrumb, the site's name, its box's
# labels, a list of links): words of no agency's name.
_CHROME = regex.compile(r"[:>›»·|｜•]|首页|网站|当前位置|浏览|来源|发布|标题")


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
    lines = [line for line in (_clean_line(line) for line in title.splitlines()) if line]
    agency, year = _agency_and_year(_view("\n".join(lines), "drop").text)
    if agency is not None and _CHROME.search(agency) is not None:
        # Page chrome above the title (a breadcrumb, the site's name): the title's own line,
        # else no agency rather than chrome's words.
        agency = _agency_and_year(_view(lines[-1], "drop").text)[0] if len(lines) > 1 else None
        if agency is not None and _CHROME.search(agency) is not None:
            agency = None
    return agency, year


def _agency_and_year(compact: str) -> tuple[str | None, int | None]:
    if not compact:
        return None, None
    year: int | None = None
    agency: str | None = None
    ym = _TITLE_YEAR.search(compact)
    if ym is not None:
        raw_year = _han_digits(ym.group("hy")) if ym.group("hy") else int(ym.group("y"))
        if raw_year is not None and 1990 <= raw_year <= 2099:
            year = raw_year
        candidate = _before_report_words(compact[: ym.start()], True)
        if not _agency_ok(candidate):
            candidate = _before_report_words(compact[ym.end() :], False)
        if _agency_ok(candidate):
            agency = candidate
    else:
        candidate = _before_report_words(compact, False)
        if _agency_ok(candidate):
            agency = candidate
    return agency, year


def _before_report_words(text: str, whole: bool) -> str:
    """The agency's name before the words of the report's name in ``text`` (all of ``text``
    when ``whole`` and it holds none). ``…人民政府信息公开…`` writes 政府 once for both:
    the agency keeps it."""
    cut = _REPORT_WORDS.search(text)
    if cut is None:
        return _strip_agency(text) if whole else ""
    before = text[: cut.start()]
    if before.endswith("人民") and text.startswith("政府", cut.start()):
        before += "政府"
    return _strip_agency(before)

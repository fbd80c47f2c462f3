"""The signature: the agency and date a report is signed with."""

from __future__ import annotations

import datetime as dt

import regex

from gikparse.narrative._dates import _DATE, _date_of
from gikparse.narrative._title import _agency_ok, _clean_line
from gikparse.narrative._view import _EDGE_JUNK, _trim, _view

_AGENCY_SUFFIX = regex.compile(
    r"(?:政府|办公室|办公厅|局|委员会|委|镇|乡|街道|办事处|管委会|管理委员会|中心|院|厅|部|署|"
    r"公司|集团|区|县|市|省|旗|盟|州|所|站|队|处|科|会|社区|村)$"
)


_SENTENCE_PUNCT = regex.compile(r"[。;；!！?？:：,，]")
# A bracketed part after an agency's name (…办公室（县政务公开办）).
_BRACKETED_END = regex.compile(r"[（(][^（）()]*[）)]$")


def _signature_lines(text: str) -> list[str]:
    return [line for line in (_clean_line(raw) for raw in text.splitlines()) if line]


def parse_signature(signature: str) -> tuple[str | None, dt.date | None]:
    """(signing agency, date) of signature lines (``安宁市人民政府办公室`` / ``2021年2月2日``).

    The date is the last line (or line end) that is a date, alone or after an agency's name
    (not after other words: ``数据截至2021年12月31日`` is a note, not a signature); the agency
    is the line before it (or the rest of the date's line). Without a date, a line counts as
    an agency only when it ends like one (``…政府``, ``…办公室``, ``…局``, ``…镇`` …), so that a
    stray ``无`` is not taken.
    """
    lines = _signature_lines(signature)
    published: dt.date | None = None
    agency_lines: list[str] = []
    date_index = -1
    for index in range(len(lines) - 1, -1, -1):
        compact = _view(lines[index], "drop").text.strip(_EDGE_JUNK)
        m = _DATE.search(compact)
        if m is not None and m.end() == len(compact):
            found = _date_of(m)
            rest = _trim(compact[: m.start()])
            if found is not None and (not rest or _ends_like_an_agency(rest)):
                published = found
                date_index = index
                if rest:
                    agency_lines.append(rest)
                break
    candidates = lines[:date_index] if date_index >= 0 else lines
    if not agency_lines:
        for line in reversed(candidates):
            compact = _trim(_view(line, "drop").text)
            if not _agency_ok(compact) or _SENTENCE_PUNCT.search(compact):
                break
            if published is None and _AGENCY_SUFFIX.search(compact) is None:
                break
            agency_lines.insert(0, compact)
            if published is None or len(agency_lines) >= 2:
                break
    signed_by = " ".join(agency_lines) if agency_lines else None
    if signed_by is not None and not _agency_ok(signed_by.replace(" ", "")):
        signed_by = None
    return signed_by, published


def _ends_like_an_agency(text: str) -> bool:
    return _AGENCY_SUFFIX.search(_BRACKETED_END.sub("", text)) is not None


def _last_lines(text: str, count: int) -> list[str]:
    """``_signature_lines(text)[-count:]``, without cleaning the lines before those."""
    found: list[str] = []
    for raw in reversed(text.splitlines()):
        line = _clean_line(raw)
        if line:
            found.append(line)
            if len(found) == count:
                break
    return found[::-1]


def _signature_from_body(body: str) -> tuple[str | None, dt.date | None]:
    """A trailing agency line + date at the very end of ``body`` (a date is required)."""
    lines = _last_lines(body, 3)
    tail: list[str] = []
    for line in reversed(lines):
        compact = _view(line, "drop").text
        if len(compact) > 50 or "。" in compact or _SENTENCE_PUNCT.search(compact.rstrip(";；")):
            break
        tail.insert(0, line)
    if not tail:
        return None, None
    signed_by, published = parse_signature("\n".join(tail))
    if published is None:
        return None, None
    return signed_by, published

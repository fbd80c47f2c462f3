"""Facts from the prose around the tables: agency, year, period, dates, contact, stated counts.

Every function here is pure: strings in, values out. Matching runs on a *view* of the input in
which each character is NFKC-folded on its own (full-width digits and punctuation become
half-width, lengths stay the same) and whitespace (and markdown ``*``) is taken out, with a map
back to the original offsets. Values that keep their visible form (addresses, websites) are cut
from the original text through that map, so inner spaces such as ``政通路 4 号`` survive.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
import unicodedata
from typing import Literal, NamedTuple

import attrs
import regex

from gikparse.errors import Diagnostic, Severity
from gikparse.model import Contact, Meta

__all__ = [
    "CountStatement",
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

# --------------------------------------------------------------------------------------------
# Views: folded, compacted text with a map back to the original offsets
# --------------------------------------------------------------------------------------------

_DASHES = dict.fromkeys(map(ord, "—–―‐‑−﹣－"), "-")
_DROP = frozenset(" \t\r\f\v\u00a0\u2002\u2003\u2009\u200b\u3000\ufeff*")
_NewlineMode = Literal["keep", "paragraph", "drop"]


def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) != 1:
        folded = ch
    return folded.translate(_DASHES)


class _FoldTable(dict[int, str]):
    """Code point → folded character, each folded once, on first sight."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


# Most of a report is ASCII, CJK Unified Ideographs (no decompositions) and a few CJK marks,
# all of which fold to themselves: only the rest need looking up. Plain ``re`` scans for them
# several times faster than ``str.translate`` looks up every character.
_SELF_FOLDING = "".join(ch for ch in "、。《》〔〕【】「」“”‘’…" if _fold_char(ch) == ch)
_SELF_FOLDING_RUNS = re.compile("[\x00-\x7f\u4e00-\u9fff" + re.escape(_SELF_FOLDING) + "]+")


@functools.lru_cache(maxsize=16)
def _fold(text: str) -> str:
    """Per-character NFKC and one dash; same length as ``text``."""
    if text.isascii():
        return text
    # One replace per distinct character that folds: a folded character folds to itself, so
    # the order of the replacements does not matter.
    for ch in set(_SELF_FOLDING_RUNS.sub("", text)):
        folded = _FOLD_TABLE[ord(ch)]
        if folded != ch:
            text = text.replace(ch, folded)
    return text


# Plain ``re``: a class of literal characters, substituted faster than by ``regex``.
_SEPARATORS = re.compile("[\n" + "".join(map(re.escape, sorted(_DROP))) + "]+")
_DROP_CHARS = tuple(sorted(_DROP))
_SEPARATOR_CHARS = (*_DROP_CHARS, "\n")


def _without(text: str, chars: tuple[str, ...]) -> str:
    """``text`` without any of ``chars``. Few of them occur in a text: a test and a replace for
    each is several times faster than one regex substitution."""
    for ch in chars:
        if ch in text:
            text = text.replace(ch, "")
    return text


@attrs.frozen
class _View:
    """Compacted text of ``folded`` (see :func:`_view`) and the way back to its offsets.

    Most views are only searched; the map back is built on the first :meth:`span`.
    """

    text: str
    folded: str  # same length as the original text
    newlines: _NewlineMode

    def _origin(self, index: int) -> int:
        if index >= len(self.text):
            return len(self.folded)
        run_starts, run_origins = _runs(self.folded, self.newlines)
        run = bisect.bisect_right(run_starts, index) - 1
        return run_origins[run] + index - run_starts[run]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of ``text[start:end]``."""
        if end <= start:
            origin = self._origin(start)
            return origin, origin
        return self._origin(start), self._origin(end - 1) + 1


def _paragraph_break(m: re.Match[str]) -> str:
    return "\n" if m.group().count("\n") >= 2 else ""


@functools.lru_cache(maxsize=32)
def _view(text: str, newlines: _NewlineMode) -> _View:
    """Folded ``text`` without whitespace and ``*``.

    ``newlines``: ``keep`` every line break, keep one for a ``paragraph`` break (a blank line),
    or ``drop`` them all.
    """
    folded = _fold(text)
    if newlines == "keep":
        compact = _without(folded, _DROP_CHARS)
    elif newlines == "paragraph":
        compact = _SEPARATORS.sub(_paragraph_break, folded)
    else:
        compact = _without(folded, _SEPARATOR_CHARS)
    return _View(compact, folded, newlines)


@functools.lru_cache(maxsize=32)
def _runs(folded: str, newlines: _NewlineMode) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where each run of kept characters starts in the view's text and in ``folded``: the same
    pieces :func:`_view` keeps, counted one by one."""
    run_starts: list[int] = []
    run_origins: list[int] = []
    length = 0

    def keep(size: int, origin: int) -> None:
        nonlocal length
        run_starts.append(length)
        run_origins.append(origin)
        length += size

    pos = 0
    for m in _SEPARATORS.finditer(folded):
        start, end = m.span()
        if start > pos:
            keep(start - pos, pos)
        if newlines == "keep":
            at = folded.find("\n", start, end)
            while at >= 0:
                keep(1, at)
                at = folded.find("\n", at + 1, end)
        elif newlines == "paragraph" and folded.count("\n", start, end) >= 2:
            keep(1, folded.index("\n", start, end))
        pos = end
    if pos < len(folded):
        keep(len(folded) - pos, pos)
    return tuple(run_starts), tuple(run_origins)


_HAN_PAIR_SPACE = regex.compile(r"(?<=\p{Han})\s+(?=\p{Han})")
_SPACES = regex.compile(r"\s+")


_FULLWIDTH_ALNUM = {
    **{0xFF10 + i: chr(0x30 + i) for i in range(10)},
    **{0xFF21 + i: chr(0x41 + i) for i in range(26)},
    **{0xFF41 + i: chr(0x61 + i) for i in range(26)},
}


def _tidy(value: str) -> str:
    """``value`` with half-width digits and letters, no spaces between two Han characters and
    other whitespace runs collapsed; brackets and punctuation stay as written."""
    value = value.translate(_FULLWIDTH_ALNUM).replace("*", "")
    value = _HAN_PAIR_SPACE.sub("", value)
    return _SPACES.sub(" ", value).strip()


_EDGE_JUNK = "；;。，,、.:：!！?？ \t\n()（）[]【】〔〕<>《》\"'“”‘’「」"
_PUNCT = "；;。，,、.:：!！?？ \t\n\"'“”‘’"
_PAIRS = {")": "(", "）": "（", "]": "[", "】": "【", "〕": "〔", ">": "<", "》": "《", "」": "「"}
_OPENERS = frozenset(_PAIRS.values())


def _trim(value: str) -> str:
    """``value`` without edge punctuation, edge openers, and closers that close nothing inside.

    ``安宁市人民路1号(市政府大楼)`` keeps its bracket; ``…408办公室）`` loses its stray one.
    """
    while True:
        before = value
        value = value.strip(_PUNCT)
        if value and value[0] in _PAIRS:
            value = value[1:]
        if value and value[-1] in _OPENERS:
            value = value[:-1]
        if (
            value
            and value[-1] in _PAIRS
            and value.count(_PAIRS[value[-1]]) < value.count(value[-1])
        ):
            value = value[:-1]
        if value and value[0] in _OPENERS:
            closer = next(k for k, v in _PAIRS.items() if v == value[0])
            if value.count(closer) < value.count(value[0]):
                value = value[1:]
        if value == before:
            return value


# --------------------------------------------------------------------------------------------
# Numbers and dates
# --------------------------------------------------------------------------------------------

_HAN_DIGIT = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "◯": 0,
    "O": 0,
    "o": 0,
    "Ο": 0,
    "0": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_HAN_ZERO = "零〇○◯OoΟ0"
_HAN_NUM_CHARS = "零〇一二两三四五六七八九十百"


def _han_int(text: str) -> int | None:
    """Value of a small Chinese numeral (``十二``, ``两``, ``一百零五``), else ``None``."""
    if not text:
        return None
    if text.isdigit() and text.isascii():
        return int(text)
    total = 0
    current = 0
    seen_unit = False
    for ch in text:
        if ch in _HAN_DIGIT:
            current = _HAN_DIGIT[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
            seen_unit = True
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
            seen_unit = True
        else:
            return None
    if not seen_unit and len(text) > 1:
        return None  # "一二" is not a number
    return total + current


def _han_digits(text: str) -> int | None:
    """Digit-by-digit Chinese year (``二〇二一``)."""
    out = 0
    for ch in text:
        if ch not in _HAN_DIGIT:
            return None
        out = out * 10 + _HAN_DIGIT[ch]
    return out


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_Y = r"(?:19|20)\d{2}"
_HY = rf"[{_HAN_ZERO}一二三四五六七八九]{{4}}"
_HMD = r"[一二三四五六七八九十]{1,3}"
_DATE = regex.compile(
    rf"""
    (?P<y>{_Y})年(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})[日号]
  | (?<!\d)(?P<y>{_Y})(?P<sep>[-./])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})(?!\d)
  | (?P<hy>{_HY})年(?P<hm>{_HMD})月(?P<hd>{_HMD})[日号]
    """,
    regex.VERBOSE,
)


def _date_of(m: regex.Match[str]) -> dt.date | None:
    if m.group("y") is not None:
        return _make_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    year = _han_digits(m.group("hy"))
    month = _han_int(m.group("hm"))
    day = _han_int(m.group("hd"))
    if year is None or month is None or day is None:
        return None
    return _make_date(year, month, day)


def parse_date(text: str) -> dt.date | None:
    """The date that ``text`` consists of, or ``None``.

    Accepts ``2021年2月2日``, ``2021 年 2 月 2 日``, ``2021-02-02``, ``2021.2.2``, ``2021/2/2``,
    ``二〇二一年二月二日`` (also with ``○``/``O`` for zero), full-width digits, and surrounding
    punctuation. Impossible dates (``2021年2月30日``) give ``None``.
    """
    view = _view(text, "drop").text.strip(_EDGE_JUNK)
    m = _DATE.fullmatch(view)
    return None if m is None else _date_of(m)


# --------------------------------------------------------------------------------------------
# Title
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Statistics period
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Signature
# --------------------------------------------------------------------------------------------

_AGENCY_SUFFIX = regex.compile(
    r"(?:政府|办公室|办公厅|局|委员会|委|镇|乡|街道|办事处|管委会|管理委员会|中心|院|厅|部|署|"
    r"公司|集团|区|县|市|省|旗|盟|州|所|站|队|处|科|会|社区|村)$"
)
_SENTENCE_PUNCT = regex.compile(r"[。;；!！?？:：,，]")


def _signature_lines(text: str) -> list[str]:
    return [line for line in (_clean_line(raw) for raw in text.splitlines()) if line]


def parse_signature(signature: str) -> tuple[str | None, dt.date | None]:
    """(signing agency, date) of signature lines (``安宁市人民政府办公室`` / ``2021年2月2日``).

    The date is the last line (or line end) that is a date; the agency is the line before it (or
    the rest of the date's line). Without a date, a line counts as an agency only when it ends
    like one (``…政府``, ``…办公室``, ``…局``, ``…镇`` …), so that a stray ``无`` is not taken.
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
            if found is not None:
                published = found
                date_index = index
                rest = _trim(compact[: m.start()])
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


# --------------------------------------------------------------------------------------------
# Contact
# --------------------------------------------------------------------------------------------

_LABELS = (
    r"邮政编码|邮编|联系电话|咨询电话|办公电话|监督电话|服务电话|举报电话|电话号码|电话|传真|"
    r"电子邮箱|电子信箱|电子邮件|邮箱|E-?mail|网址|网站|联系人"
)
_ADDRESS = regex.compile(
    r"(?<!网站|网页|网络|邮箱|邮件|链接|门户|IP|ip)(?:联系|通讯|通信|办公|单位|详细)?地址"
    r"(?:为|是)?:?"
    r"(?P<v>(?:[^,;。\n()、:]|\([^()\n:]{0,20}\))+)",
    regex.IGNORECASE,
)
_LABEL_CUT = regex.compile(_LABELS, regex.IGNORECASE)
_WEB_LIKE = regex.compile(r"https?:|www\.|@", regex.IGNORECASE)
_POSTCODE = regex.compile(r"(?:邮政编码|邮编)(?:为|是)?:?(?P<v>\d{6})(?!\d)")
_PHONE_LABEL = regex.compile(
    r"(?:联系电话|咨询电话|办公电话|监督电话|服务电话|举报电话|电话号码|电话|联系方式|Tel|TEL)"
    r"(?:\([^()\d]{0,8}\))?(?:为|是)?:?"
)
# Every phone label contains one of these (the pattern is case-sensitive).
_PHONE_LABEL_WORDS = ("电话", "联系方式", "Tel", "TEL")
_PHONE = regex.compile(
    r"""
    \((?P<a>0\d{2,3})\)-?(?P<l>\d{7,8})(?:(?P<xs>-|转)(?P<x>\d{1,6}))?(?!\d)
  | (?P<a>0\d{2,3})-(?P<l>\d{7,8})(?:(?P<xs>-|转)(?P<x>\d{1,6}))?(?!\d)
  | (?P<bare>0\d{9,11})(?!\d)
  | (?P<mobile>1[3-9]\d{9})(?!\d)
  | (?P<local>\d{7,8})(?!\d)
    """,
    regex.VERBOSE,
)
# An address is found in two linear steps instead of one backtracking pattern (20,000 digits
# before an address, or "a@b.b.b.b…", were quadratic): the local part and "@", started only
# where a run of address characters starts (a match from inside the run would end at the same
# "@"), then the domain's labels, possessively.
_EMAIL_HEAD = regex.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@")
_EMAIL_DOMAIN = regex.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*+")
_TLD = regex.compile(r"[A-Za-z]{2,}")
_MD_LINK = regex.compile(r"!?\[(?P<t>[^\[\]\n]*)\]\((?P<u>[^()\s]+)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = regex.compile(r"<(?P<u>(?:https?://|www\.)[^<>\s]+)>")
_URL = regex.compile(
    r"(?:https?://[^\s<>()\[\]{}\"'，。；、“”‘’（）【】,;]+"
    r"|(?<![\w./@-])www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[^\s<>()\[\]{}\"'，。；、“”‘’（）【】,;]*)?)",
    regex.IGNORECASE,
)
_URL_CUE = regex.compile(r"网站|网址|门户|网页|主页|首页|专栏|平台|查阅|下载|访问|登录")


def _first_address(text: str) -> str | None:
    view = _view(text, "keep")
    if "地址" not in view.text:
        return None  # most texts: a substring test spares the regex scan
    for m in _ADDRESS.finditer(view.text):
        value = m.group("v")
        cut = _LABEL_CUT.search(value)
        end = m.start("v") + (cut.start() if cut is not None else len(value))
        start, stop = view.span(m.start("v"), end)
        found = _trim(_tidy(text[start:stop]))
        if len(found.replace(" ", "")) >= 4 and _HAN.search(found) and not _WEB_LIKE.search(found):
            return found
    return None


def _canonical_phone(m: regex.Match[str]) -> str:
    if m.group("mobile"):
        return m.group("mobile")
    if m.group("local"):
        return m.group("local")
    if m.group("bare"):
        digits = m.group("bare")
        area = 3 if digits[1] in "12" else 4
        return f"{digits[:area]}-{digits[area:]}"
    out = f"{m.group('a')}-{m.group('l')}"
    if m.group("x"):
        out += f"{m.group('xs')}{m.group('x')}"
    return out


def _first_phone(text: str) -> str | None:
    view = _view(text, "keep").text
    if not any(word in view for word in _PHONE_LABEL_WORDS):
        return None
    for label in _PHONE_LABEL.finditer(view):
        m = _PHONE.match(view, label.end())
        if m is not None:
            if m.group("bare") and len(m.group("bare")) - (
                3 if m.group("bare")[1] in "12" else 4
            ) not in (7, 8):
                continue
            return _canonical_phone(m)
    return None


def _first_postcode(text: str) -> str | None:
    view = _view(text, "keep").text
    m = _POSTCODE.search(view) if "邮" in view else None
    return None if m is None else m.group("v")


def _first_email(text: str) -> str | None:
    """The first ``local@domain.tld``: the domain runs to its last label that starts with two
    letters, which end it (``a@b.cn.x1`` is ``a@b.cn``, ``a@b.cnx1`` is ``a@b.cnx``)."""
    folded = _fold(text)
    if "@" not in folded:
        return None
    for head in _EMAIL_HEAD.finditer(folded):
        domain = _EMAIL_DOMAIN.match(folded, head.end())
        if domain is None:
            continue
        labels = domain.group(0).split(".")
        for last in range(len(labels) - 1, 0, -1):
            tld = _TLD.match(labels[last])
            if tld is not None:
                return head.group(0) + ".".join(labels[:last]) + "." + tld.group(0)
    return None


def _may_hold_url(folded: str) -> bool:
    """Whether ``folded`` has what every URL candidate has (``://`` or, in any case, ``www.``):
    most texts have neither, and substring tests are far cheaper than the three scans."""
    return "://" in folded or ("." in folded and "www." in folded.lower())


def _url_candidates(text: str) -> list[tuple[int, str]]:
    """(position, visible URL) in ``text``; markdown links give their visible text."""
    folded = _fold(text)
    if not _may_hold_url(folded):
        return []
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for m in _MD_LINK.finditer(folded):
        visible = _URL.fullmatch(m.group("t").strip())
        url = m.group("t").strip() if visible is not None else m.group("u")
        if _URL.fullmatch(url):
            found.append((m.start(), url))
        taken.append((m.start(), m.end()))
    for m in _AUTOLINK.finditer(folded):
        if not any(a <= m.start() < b for a, b in taken):
            found.append((m.start(), m.group("u")))
            taken.append((m.start(), m.end()))
    for m in _URL.finditer(folded):
        if not any(a <= m.start() < b for a, b in taken):
            found.append((m.start(), m.group(0)))
    found.sort()
    return [(pos, url.rstrip(".:!?")) for pos, url in found]


def _first_website(text: str, *, require_cue: bool) -> str | None:
    candidates = _url_candidates(text)
    if not candidates:
        return None
    cued = [
        url
        for pos, url in candidates
        if _URL_CUE.search(_view(text[max(0, pos - 40) : pos], "drop").text[-20:])
    ]
    if cued:
        return cued[0]
    if require_cue:
        return None
    gov = [url for _, url in candidates if ".gov.cn" in url.lower()]
    return gov[0] if gov else candidates[0][1]


def find_contact(*texts: str) -> Contact:
    """Contact details from the first of ``texts`` that has each one.

    address (``地址：…`` up to the next ``，；。`` or label), postcode (``邮编``/``邮政编码``, six
    digits), phone (after ``电话``/``联系电话``…; the first number, as ``0871-68710880``: area
    codes in brackets or run together are split off with ``-``), e-mail, website (the visible
    text of a URL or bare ``www.…``; markdown links and autolinks give their visible text). The
    first text is a preamble, where any URL counts; in later texts a URL counts only after a cue
    such as ``网站``/``网址``/``查阅``.
    """
    address = postcode = phone = email = website = None
    for index, text in enumerate(texts):
        if not text:
            continue
        address = address or _first_address(text)
        postcode = postcode or _first_postcode(text)
        phone = phone or _first_phone(text)
        email = email or _first_email(text)
        website = website or _first_website(text, require_cue=index > 0)
    return Contact(address=address, postcode=postcode, phone=phone, email=email, website=website)


# --------------------------------------------------------------------------------------------
# extract_meta
# --------------------------------------------------------------------------------------------


def _diag(
    code: str, message: str, message_en: str, severity: Severity = Severity.WARNING
) -> Diagnostic:
    return Diagnostic(code=code, severity=severity, message=message, message_en=message_en)


def extract_meta(
    *, title: str, preamble: str, body: str, signature: str
) -> tuple[Meta, tuple[Diagnostic, ...]]:
    """The report's :class:`~gikparse.model.Meta` from its title, preamble, body and signature.

    ``title``: the title lines joined by ``\\n``; ``preamble``: text between title and section 一;
    ``body``: the whole report text; ``signature``: the signature lines after section 六, or
    ``""`` (then a trailing agency line + date at the end of ``body`` is used). Diagnostics
    P301–P308 are listed in docs/narrative.md.
    """
    diagnostics: list[Diagnostic] = []
    title_lines = [_clean_line(line) for line in title.splitlines()]
    title_text = _view("".join(line for line in title_lines if line), "drop").text or None
    agency, year = parse_title(title)

    signed_by, published = parse_signature(signature) if signature.strip() else (None, None)
    if signed_by is None and published is None:
        signed_by, published = _signature_from_body(body)

    if agency is None and signed_by is not None:
        agency = signed_by
        diagnostics.append(
            _diag(
                "P306",
                "标题中未找到机关名称，已采用落款机关",
                "no agency in the title; the signature's agency is used",
                Severity.INFO,
            )
        )
    elif agency is None:
        diagnostics.append(
            _diag(
                "P301",
                "标题和落款中均未找到机关名称",
                "no agency found in the title or the signature",
            )
        )

    period = find_period(preamble, body)
    if period is not None and period[1] < period[0]:
        diagnostics.append(
            _diag(
                "P303",
                f"统计期限的结束日期 {period[1]} 早于开始日期 {period[0]}",
                f"statistics period ends ({period[1]}) before it starts ({period[0]})",
            )
        )
    if _has_impossible_period(preamble) and period is None:
        diagnostics.append(
            _diag(
                "P308", "统计期限中的日期不存在", "the statistics period names an impossible date"
            )
        )

    if year is None and period is not None:
        year = period[1].year
        diagnostics.append(
            _diag(
                "P307",
                "标题中未找到报告年度，已采用统计期限的年份",
                "no report year in the title; the statistics period's year is used",
                Severity.INFO,
            )
        )
    elif year is None:
        diagnostics.append(_diag("P302", "未找到报告年度", "report year not found"))
    elif (
        period is not None
        and period[0] <= period[1]
        and year not in (period[0].year, period[1].year)
    ):
        diagnostics.append(
            _diag(
                "P304",
                f"标题年度 {year} 与统计期限 {period[0]}—{period[1]} 不一致",
                f"title year {year} differs from the statistics period {period[0]}–{period[1]}",
            )
        )
    if published is not None and period is not None and published < period[1]:
        diagnostics.append(
            _diag(
                "P305",
                f"落款日期 {published} 早于统计期限结束日 {period[1]}",
                f"signature date {published} is before the statistics period ends ({period[1]})",
            )
        )

    contact = find_contact(preamble, body, signature)
    meta = Meta(
        title=title_text,
        agency=agency,
        year=year,
        period=period,
        published=published,
        signed_by=signed_by,
        contact=contact,
    )
    return meta, tuple(diagnostics)


def _has_impossible_period(text: str) -> bool:
    return any(h.start is None or h.end is None for h in _period_hits(text))


# --------------------------------------------------------------------------------------------
# Counts stated in prose
# --------------------------------------------------------------------------------------------

Topic = Literal[
    "applications_received", "applications_handled", "review", "litigation", "review_litigation"
]
Scope = Literal["agency", "region"]


@attrs.frozen(kw_only=True)
class CountStatement:
    """A count the prose states, for checking against the tables.

    ``topic``: ``applications_received``, ``applications_handled``, ``review``, ``litigation``
    or ``review_litigation`` (a statement about both review and litigation; ``value`` is the
    count of *each*). ``negative``: the sentence denies any (``尚未收到…申请``); ``value`` is then
    0. ``scope``: ``region`` when the sentence speaks for a wider area (``全市``, ``各部门`` …) than
    the agency's own table, else ``agency``. ``text``/``start``/``end``: the matched fragment and
    its offsets in the text given to :func:`count_statements`.
    """

    topic: Topic
    value: int
    negative: bool = False
    scope: Scope = "agency"
    text: str = attrs.field(default="", eq=False)
    start: int = attrs.field(default=0, eq=False)
    end: int = attrs.field(default=0, eq=False)


_NUM = rf"(?P<n>\d{{1,6}}|[{_HAN_NUM_CHARS}]{{1,4}})"
_UNIT = r"(?:件|份|条|宗|个|起|例|次)"
_LEAD = r"(?:(?:全年|本年度?|今年)?(?:共计|共|累计|总共|合计|一共))?"
_NOUN = r"(?:申请(?:公开)?|依申请公开)(?:件|事项|书)?"
_RECEIVE = r"(?:收到|接到|接收|受理|新收)"
_HANDLE = r"(?:办结|办理|答复|处理)"

_COUNT_PATTERNS: tuple[tuple[str, regex.Pattern[str]], ...] = (
    # 共受理政府信息公开申请8件 / 收到政府信息公开申请2件
    (
        "applications_received",
        regex.compile(
            rf"{_LEAD}{_RECEIVE}(?:了|过)?(?P<noun>[^。;,\n\d!?]{{0,12}}?{_NOUN})"
            rf"(?:共计|共|合计|总计|计|总数为|数量为|为)?{_NUM}{_UNIT}"
        ),
    ),
    # 共收到2件需要按申请程序公开依申请公开件
    (
        "applications_received",
        regex.compile(
            rf"{_LEAD}{_RECEIVE}(?:了)?{_NUM}{_UNIT}(?P<noun>[^。;,\n\d!?]{{0,16}}{_NOUN})"
        ),
    ),
    (
        "applications_handled",
        regex.compile(
            rf"{_LEAD}{_HANDLE}(?:了|完成|完毕)?(?P<noun>[^。;,\n\d!?]{{0,12}}?{_NOUN})"
            rf"(?:共计|共|合计|总计|计|为)?{_NUM}{_UNIT}"
        ),
    ),
    (
        "applications_handled",
        regex.compile(
            rf"{_LEAD}{_HANDLE}(?:了|完成|完毕)?{_NUM}{_UNIT}(?P<noun>[^。;,\n\d!?]{{0,16}}{_NOUN})"
        ),
    ),
    # 尚未收到任何形式申请 / 未收到政府信息公开申请
    (
        "applications_received",
        regex.compile(
            rf"(?P<neg>尚未|暂未|均未|未曾|未(?!经)|没有)(?:{_RECEIVE})(?:到|过)?"
            rf"(?P<noun>[^。;,\n\d!?]{{0,12}}?{_NOUN})"
        ),
    ),
    # 行政复议、行政诉讼均为0件
    (
        "review_litigation",
        regex.compile(
            r"(?:被申请)?行政复议(?:[、和及与或/]|以及)(?:被)?(?:提起)?行政诉讼(?:案件|情况)?(?:数量)?"
            rf"(?P<conn>均为|均|各|都为|都是|为){_NUM}{_UNIT}?"
        ),
    ),
    # 行政复议0宗 / 被申请行政复议0件
    (
        "review",
        regex.compile(
            rf"(?:被申请)?行政复议(?:案件|申请)?(?:共计|共|合计|数量为|为)?{_NUM}{_UNIT}"
        ),
    ),
    # 行政诉讼0宗 / 提起行政诉讼0件
    (
        "litigation",
        regex.compile(
            rf"(?<!行政复议(?:[、和及与或/]|以及)(?:被)?(?:提起)?)(?:被)?(?:提起)?行政诉讼(?:案件)?(?:共计|共|合计|数量为|为)?{_NUM}{_UNIT}"
        ),
    ),
    # 未发生因政府信息公开申请行政复议、提起行政诉讼
    (
        "review_litigation",
        regex.compile(
            r"(?P<neg>(?:尚未|未曾|均未|未|没有)(?:发生|出现|产生|收到|接到|有|被)|(?:没有|未|无)(?=因))"
            r"(?P<fill>[^。;,\n\d!?]{0,24}?)"
            r"(?P<what>行政复议(?:(?:[、和及与或/]|以及)(?:被)?(?:提起)?(?:行政)?诉讼)?|行政诉讼)"
            r"(?!(?:案件|申请|共计|共|合计|数量为|为)?(?:\d|[一二两三四五六七八九十]+[件宗起个例]))"
        ),
    ),
)
_SCOPE = regex.compile(
    r"全(?:市|省|县|区|镇|乡|州|盟|旗|国|系统|局)|各(?:部门|单位|乡镇|街道|级|县|区|市|乡|镇)|市县|县区"
)
_BAD_NOUN = regex.compile(r"复议|诉讼|结转|上年|因|提案|建议|留言|信访|投诉")
_CASE_WORD = regex.compile(r"复议|诉讼|行政")
_EXCEPTION_WORD = regex.compile(r"但|仍|以外|之外|结转")


def count_statements(text: str) -> tuple[CountStatement, ...]:
    """Counts stated in prose (usually section 一), in text order.

    Recognised: requests received (``共受理政府信息公开申请 8 件``, ``收到政府信息公开申请2件``,
    ``全市共收到2件需要按申请程序公开依申请公开件``), requests handled (``办结政府信息公开申请
    8件``), review and litigation cases (``行政复议0宗，行政诉讼0宗``, ``行政复议、行政诉讼均为
    0件``) and denials (``尚未收到任何形式申请``, ``未发生因政府信息公开申请行政复议、提起行政
    诉讼``). Deliberately conservative: a sentence that does not clearly state a count of
    information-disclosure requests or cases gives nothing.
    """
    view = _view(text, "paragraph")
    found: list[tuple[int, int, CountStatement]] = []
    for topic, pattern in _COUNT_PATTERNS:
        for m in pattern.finditer(view.text):
            statement = _statement(topic, m, view, text)
            if statement is not None:
                found.append((m.start(), m.end(), statement))
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    out: list[CountStatement] = []
    last_end = -1
    for start, end, statement in found:
        if start >= last_end:
            out.append(statement)
            last_end = end
    return tuple(out)


def _statement(topic: str, m: regex.Match[str], view: _View, text: str) -> CountStatement | None:
    groups = m.groupdict()
    noun = groups.get("noun")
    if noun is not None and _BAD_NOUN.search(noun):
        return None
    negative = groups.get("neg") is not None
    value = 0
    if not negative:
        parsed = _han_int(m.group("n"))
        if parsed is None:
            return None
        value = parsed
        if groups.get("conn") == "为" and value != 0:
            return None  # "行政复议和行政诉讼为3件": the sum or each? Leave it.
    if negative and topic == "applications_received":
        after = view.text[m.end() : m.end() + 8]
        if _CASE_WORD.search(after):
            return None
    resolved = topic
    if negative and "what" in groups:
        fill = groups.get("fill") or ""
        if _EXCEPTION_WORD.search(fill):
            return None
        what = m.group("what")
        if "复议" in what and "诉讼" in what:
            resolved = "review_litigation"
        elif "复议" in what:
            resolved = "review"
        else:
            resolved = "litigation"
    sentence_start = max(view.text.rfind(ch, 0, m.start()) for ch in "。;!?\n") + 1
    scope: Scope = "region" if _SCOPE.search(view.text[sentence_start : m.end()]) else "agency"
    start, end = view.span(m.start(), m.end())
    return CountStatement(
        topic=_TOPICS[resolved],
        value=value,
        negative=negative,
        scope=scope,
        text=text[start:end],
        start=start,
        end=end,
    )


_TOPICS: dict[str, Topic] = {
    "applications_received": "applications_received",
    "applications_handled": "applications_handled",
    "review": "review",
    "litigation": "litigation",
    "review_litigation": "review_litigation",
}


# --------------------------------------------------------------------------------------------
# Items and parts
# --------------------------------------------------------------------------------------------

_HAN_ORD = r"[一二三四五六七八九十]{1,3}"
_LINE_PREFIX = r"^[\x20\t\u3000]*(?:[-*+][\x20\t]+)?(?:\#{1,6}[\x20\t]+)?(?:\*\*)?[\x20\t]*"
_LINE_MARKER = regex.compile(
    _LINE_PREFIX
    + rf"""(?P<m>
        \((?P<paren_han>{_HAN_ORD})\)
      | \((?P<paren_num>\d{{1,2}})\)
      | (?P<num>\d{{1,2}})(?:[.、](?!\d)|\))
      | (?P<han>{_HAN_ORD})、
      | (?P<shi>{_HAN_ORD})是
    )""",
    regex.VERBOSE | regex.MULTILINE,
)
# The spaces before the marker sit inside the look-behind, so a match starts at its marker:
# the same markers, found several times faster by ``regex``.
_INLINE_SHI = regex.compile(
    rf"(?<=(?:[。;:,!?][ \t]*(?:\*\*)?|\*\*)[ \t]*)(?P<m>(?P<shi>{_HAN_ORD})是)"
)

_Kind = Literal["paren_han", "paren_num", "num", "han", "shi"]
_KINDS: tuple[_Kind, ...] = ("paren_han", "paren_num", "num", "han", "shi")


class _Marker(NamedTuple):
    kind: _Kind
    number: int
    start: int  # offset of the marker itself
    end: int
    line_start: bool


@attrs.frozen
class _MarkerGroups:
    """Group numbers of a marker pattern: ``regex`` looks a match's groups up by name far more
    slowly than by number (``groupdict`` alone costs microseconds)."""

    marker: int
    kinds: tuple[tuple[_Kind, int], ...]

    @classmethod
    def of(cls, pattern: regex.Pattern[str]) -> _MarkerGroups:
        index = pattern.groupindex
        return cls(index["m"], tuple((kind, index[kind]) for kind in _KINDS if kind in index))


_LINE_GROUPS = _MarkerGroups.of(_LINE_MARKER)
_INLINE_GROUPS = _MarkerGroups.of(_INLINE_SHI)


@functools.lru_cache(maxsize=2048)
def _ordinal_value(raw: str) -> int | None:
    """A marker's number; cached, as markers are one to three digits or Chinese numerals."""
    return int(raw) if raw.isdigit() else _han_int(raw)


def _marker_of(m: regex.Match[str], groups: _MarkerGroups, line_start: bool) -> _Marker | None:
    for kind, group in groups.kinds:
        raw = m.group(group)
        if raw is not None:
            number = _ordinal_value(raw)
            if number is None or number == 0:
                return None
            start, end = m.span(groups.marker)
            return _Marker(kind, number, start, end, line_start)
    return None


@functools.lru_cache(maxsize=4)
def _line_markers(folded: str) -> tuple[_Marker, ...]:
    """The markers at line starts of folded text; cached because :func:`split_items` and
    :func:`split_parts` both need them for the same section text."""
    found: list[_Marker] = []
    start = 0
    # Tried at each line start: ``finditer`` would try (and fail) at every character.
    while True:
        m = _LINE_MARKER.match(folded, start)
        if m is not None:
            marker = _marker_of(m, _LINE_GROUPS, line_start=True)
            if marker is not None:
                found.append(marker)
        start = folded.find("\n", start) + 1
        if not start:
            return tuple(found)


def _markers(text: str) -> list[_Marker]:
    folded = _fold(text)
    raw = {marker.start: marker for marker in _line_markers(folded)}
    # "一是…二是…" needs a 是: skip the look-behind scan in the many texts without one.
    inline = _INLINE_SHI.finditer(folded) if "是" in folded else ()
    for m in inline:
        if m.start(_INLINE_GROUPS.marker) not in raw:
            marker = _marker_of(m, _INLINE_GROUPS, line_start=False)
            if marker is not None:
                raw[marker.start] = marker
    accepted: list[_Marker] = []
    last: dict[str, int] = {}
    for _, marker in sorted(raw.items()):  # by start: the keys, all different
        previous = last.get(marker.kind)
        if not marker.line_start and marker.number != 1 and previous != marker.number - 1:
            continue
        last[marker.kind] = marker.number
        accepted.append(marker)
    return accepted


def _is_bare_heading(segment: str, *, heading_kind: bool) -> bool:
    body = segment.strip().replace("*", "")
    if "\n" in body or len(body) > 40:
        return False
    return heading_kind or not body.endswith(("。", "；", ";"))


def split_items(text: str) -> tuple[str, ...]:
    """The numbered items of a section's text, each with its marker, in order.

    Markers: ``1.``/``1、``/``1)``, ``（1）``, ``（一）``, ``一、`` at the start of a line (after an
    optional list bullet, ``#`` or ``**``), and ``一是``/``二是`` anywhere after punctuation when
    they count on from the previous one. Items are the leaves: a marker line that is only a short
    heading directly followed by items of another kind (``（一）存在的主要问题`` then ``1.``) is
    left out. Text before the first marker is not an item.
    """
    markers = _markers(text)
    items: list[str] = []
    for index, marker in enumerate(markers):
        following = markers[index + 1] if index + 1 < len(markers) else None
        if following is None:
            end = len(text)
        elif following.line_start:
            end = _line_start(text, following.start)
        else:
            end = following.start
        segment = text[marker.start : end].strip()
        if (
            following is not None
            and following.kind != marker.kind
            and _is_bare_heading(segment, heading_kind=marker.kind in ("paren_han", "han"))
        ):
            continue
        segment = segment.strip().removesuffix("**").strip()
        if segment:
            items.append(segment)
    return tuple(items)


_LEAD_IN_END = re.compile(r"[。:]")  # plain ``re``: cheaper per call than ``regex``


def split_parts(text: str) -> tuple[tuple[str, str], ...]:
    """Headed sub-parts ``(heading, body)`` of a section's text.

    A heading is a line starting with ``（一）``/``(一)``/``一、`` (the kind of the first such
    line; later ones must count on by one). A short line is a heading by itself; a line with a
    lead-in sentence (``（一）主动公开情况。以贯彻…``, also in bold) gives the lead-in as heading
    (without its ``。``) and the rest of the line starts the body. Markdown ``#``/``**`` are
    removed from headings. Text before the first heading becomes a part with heading ``""``. No
    headings: ``()``.
    """
    folded = _fold(text)
    heads: list[_Marker] = []
    kind: str | None = None
    for marker in _line_markers(folded):
        if marker.kind not in ("paren_han", "han"):
            continue
        if kind is None:
            kind = marker.kind
        elif marker.kind != kind or marker.number != heads[-1].number + 1:
            continue
        heads.append(marker)
    if not heads:
        return ()
    parts: list[tuple[str, str]] = []
    intro = text[: _line_start(text, heads[0].start)].strip()
    if intro:
        parts.append(("", intro))
    for index, marker in enumerate(heads):
        end = _line_start(text, heads[index + 1].start) if index + 1 < len(heads) else len(text)
        line_end = text.find("\n", marker.start)
        line_end = end if line_end < 0 or line_end > end else line_end
        line = folded[marker.start : line_end]
        heading_end = line_end
        body_start = line_end
        after_marker = marker.end - marker.start
        lead = _LEAD_IN_END.search(line, after_marker)
        if (
            lead is not None
            and lead.start() - after_marker <= 30
            and line[lead.end() :].strip(" *")
        ):
            heading_end = marker.start + lead.start()
            body_start = marker.start + lead.end()
        elif len(line.replace("*", "").strip()) > 45:
            heading_end = marker.end
            body_start = marker.end
        heading = _strip_heading_tail(text[marker.start : heading_end].replace("*", "").strip())
        body = text[body_start:end].strip()
        body = body.removeprefix("**").strip()
        parts.append((heading, body))
    return tuple(parts)


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _strip_heading_tail(heading: str) -> str:
    return heading.rstrip("。.：:；;，, \t")

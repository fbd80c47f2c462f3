"""Text that lost its lines: cut it at the template's headings and labels.

Crawlers' page text often holds a whole report on one or a few lines, with the section headings,
table labels and the tables' numbers inline (``…二、主动公开政府信息情况 第二十条第(一)项 信息内容
本年制发件数 … 规章 003 行政规范性文件 2117 …``). Such a line is cut before each section
heading (which becomes a line of its own, as the outline expects) and, between the headings of
sections 二 and 五, before each label of the templates' tables (row labels with their ordinals,
group labels, column headers, captions), tolerating spaces inside them. Each label then makes a
``LineKind.RUN`` line: the label cell and, when numbers follow it, one cell holding their run,
which the table engine cuts into cells with the template's arithmetic (gikparse.recover.cells).

Lines with their cells intact are left alone: only a line that holds two section headings, or
several row labels each followed by numbers, is cut.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import regex

from gikparse.normalize import normalize, split_ordinal
from gikparse.readers.document import Document, Line, LineKind, TextCell
from gikparse.schema import SECTIONS, TEMPLATES

__all__ = ["reline"]

_MIN_LENGTH = 30  #: shorter lines are never a flattened table
_MAX_TITLE = 60  #: a report's title is shorter
_MIN_SUSPECT = 40  #: a line shorter than this holds no two markers worth a look
_MIN_WRAPPED = 3  #: lines of one width in a row that make text saved at a fixed width
# Words that only tables and section headings print (plain ``re``: literals, and fast).
_MARKERS = re.compile(
    "第二十条|信息内容|申请人情况|予以公开|不予公开|无法提供|不予处理|其他处理|结果维持|尚未审结"
    "|未经复议|本年新收|上年结转|结转下年度|二、主动公开|三、收到和处理|四、政府信息公开行政复议"
    "|五、存在的主要问题|规范性文件|行政许可|行政处罚"
)
_WEAK_LENGTH = 4  #: keys this short are cut at only when no Han character touches them
_CN = "一二三四五六七八九十"
# Headings of section 一 seen in the wild besides the official one.
_HEADING_VARIANTS = {1: ("本年度政府信息公开工作情况",)}
# Structural words of the printed tables that are not row or column labels of the schema.
_STRUCTURE = ("信息内容", "申请人情况", "法人或其他组织", "三、本年度办理结果", "本年度办理结果")
_CAPTION = r"第二十条第\([一二三四五六七八九十]{1,3}\)项(?:\(单位:[^)]{1,12}\))?"
# What a run of values may hold besides digits: marks, signs, units, separators.
_VALUE_CHARS = regex.compile(r"[\d.,，．—–―\-－/／+＋增减加少无持平变化万元件\s\u3000]+")
_HAS_VALUE = regex.compile(r"[\d０-９—/／]|无|持平")
_HAS_HAN = regex.compile(r"\p{Han}")
_WORD = regex.compile(r"[^\s\u3000]+")
_ORDINAL_WORD = regex.compile(r"[1-9][.．、]")
_DIGIT_WORD = regex.compile(r"[1-9]")
_ORDINAL_BEFORE = regex.compile(r"[1-9][.．、][ \u3000]?$")
_VALUE_WORD = regex.compile(r"(?:[\d.,，．—–―\-－/／+＋增减]|无变化|持平|无)+")
# A run glued to the next label: the run, then a one-digit ordinal with its mark and Han.
_GLUED_BEFORE = regex.compile(
    r"((?:[\d,，—–―\-－/／+＋增减]|无变化|持平|无)+)(?=[1-9][.．、]\p{Han})"
)
# A label glued to its run: the label (ending in Han or a closing mark), then the values.
# The shortest label that leaves only values: a blank mark "无" after it is the run's.
_GLUED_AFTER = regex.compile(
    r"(.*?\p{Han}[”\"）)]?)((?:[\d.,，．—–―\-－/／+＋增减]|无变化|持平|无)+)"
)


def _fold(text: str, start: int) -> tuple[str, list[int]]:
    """``text`` in matching form (gikparse.normalize) one character at a time, with the
    document offset each folded character came from."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        for f in normalize(ch):
            chars.append(f)
            offsets.append(start + i)
    return "".join(chars), offsets


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[regex.Pattern[str], regex.Pattern[str], frozenset[str]]:
    """(section headings, table labels) as patterns over folded text, longest first, and the
    short keys that are only part of a printed label ("其他" of "3.其他", "本年新收")."""
    headings: list[str] = []
    for spec in SECTIONS:
        cn = _CN[spec.number - 1]
        for body in (spec.heading, *_HEADING_VARIANTS.get(spec.number, ())):
            key = normalize(body)
            headings.append(f"(?P<h{spec.number}>(?:{cn}、|\\({cn}\\)){regex.escape(key)})")
    labels: set[str] = {normalize(w) for w in _STRUCTURE}
    full: set[str] = set(labels)
    for template in TEMPLATES.values():
        for table in template.tables:
            for column in table.columns:
                labels.update(column.keys)  # short headers ("其他") are weak
            for row in table.all_rows():
                printed = normalize(row.label)
                labels.add(printed)
                full.add(printed)
                labels.update(row.keys)
                if row.group is not None:
                    labels.add(normalize(row.group))
                    full.add(normalize(row.group))
    alternatives = sorted(labels, key=len, reverse=True)
    heading = regex.compile("|".join(headings))
    label = regex.compile(_CAPTION + "|" + "|".join(regex.escape(a) for a in alternatives))
    weak = frozenset(k for k in labels - full if len(k) <= _WEAK_LENGTH)
    return heading, label, weak


def _with_ordinal(text: str, start: int) -> int:
    """Where a label found by its key starts: before the one-digit ordinal that precedes the
    key when the rest of the label was misprinted ("1.申请人无正当理由逾期不补x、…")."""
    head = text[max(0, start - 4) : start]
    found = _ORDINAL_BEFORE.search(head)
    return start - len(found.group()) if found is not None else start


def _inside_words(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has a Han character right before or after it."""
    before = text[start - 1 : start] if start else ""
    after = text[end : end + 1]
    return bool(_HAS_HAN.match(before) or _HAS_HAN.match(after))


def _is_run(text: str) -> bool:
    """Whether ``text`` (what follows a label) is a run of values: digits, marks, signs."""
    return bool(text.strip()) and _VALUE_CHARS.fullmatch(text) is not None


def _whole(doc: Document, line: Line) -> TextCell | None:
    """The line as one cell, if it is long enough to be a flattened report. A line of a text
    reader may have been split into cells at runs of spaces; its raw text is what counts."""
    if line.kind is LineKind.HEADING or line.end - line.start < _MIN_LENGTH or not line.cells:
        return None
    if line.cells[0].page is not None:
        return None  # a PDF's lines come from a layout, not from text that lost its lines
    return TextCell(doc.text[line.start : line.end], line.start, line.end)


@functools.lru_cache(maxsize=4096)
def _is_row_label(key: str) -> bool:
    number, _, core = split_ordinal(key)
    del number
    return any(
        core in row.keys or key == normalize(row.label)
        for template in TEMPLATES.values()
        for table in template.tables
        for row in table.all_rows()
    )


def _cuts(
    doc: Document, cell: TextCell, zone: list[bool], *, loose: bool = False
) -> list[tuple[int, int, str]] | None:
    """(start, end, kind) of the headings and labels in ``cell``, as document offsets; kind is
    "heading" or "label". ``zone[0]`` says whether the text is inside sections 二–四, and is
    updated by the headings met. ``None`` when the line is not a flattened report (with
    ``loose``, once another line was: when any heading or label is in it)."""
    heading, label, weak = _patterns()
    folded, offsets = _fold(doc.text[cell.start : cell.end], cell.start)
    out: list[tuple[int, int, str]] = []
    pos = 0
    headings = 0
    runs = 0
    while pos < len(folded):
        found = heading.search(folded, pos)
        end_of_zone = found.start() if found is not None else len(folded)
        if zone[0]:
            for m in label.finditer(folded, pos, end_of_zone):
                start, end = offsets[m.start()], offsets[m.end() - 1] + 1
                if m.group() in weak and _inside_words(doc.text, start, end):
                    continue  # "其他" of "其他法律…" or "不计其他情形": inside a longer label
                start = _with_ordinal(doc.text, start)
                out.append((start, end, "label"))
                following = folded[m.end() : m.end() + 3]
                if _HAS_VALUE.match(following) and _is_row_label(m.group()):
                    runs += 1
        if found is None:
            break
        number = int(next(k for k, v in found.groupdict().items() if v)[1:])
        start, end = offsets[found.start()], offsets[found.end() - 1] + 1
        out.append((start, end, "heading"))
        headings += 1
        zone[0] = 2 <= number <= 4
        pos = found.end()
    if headings >= 2 or runs >= 3 or (loose and out):
        return out
    return None


def _pieces(
    doc: Document, cell: TextCell, cuts: list[tuple[int, int, str]], in_zone: bool
) -> Iterator[Line]:
    text = doc.text
    bounds = [c[0] for c in cuts] + [cell.end]
    first = cuts[0][0] if cuts else cell.end
    if in_zone and cell.start < first:
        # The line starts inside a table (a report on a few lines): what comes before the
        # first label is read as labels and runs, never as cells split at spaces.
        yield from _loose_parts(text, cell.start, first)
    elif cell.start < first:
        # A title before the first heading ("…年度报告") makes a line of its own, as it would
        # in the report, so that the outline finds it.
        head = text[cell.start : cuts[0][0]]
        title_end = head.find("年度报告")
        if 0 <= title_end <= _MAX_TITLE:
            cut = cell.start + title_end + len("年度报告")
            yield from _text_line(text, cell.start, cut)
            yield from _text_line(text, cut, cuts[0][0])
        else:
            yield from _text_line(text, cell.start, cuts[0][0])
    for (start, end, kind), stop in zip(cuts, bounds[1:], strict=True):
        if kind == "heading":
            yield Line((TextCell(text[start:end], start, end),), start, end, LineKind.TEXT)
            yield from _text_line(text, end, stop)
            continue
        label = TextCell(text[start:end], start, end)
        rest = text[end:stop]
        if _is_run(rest):
            lead = len(rest) - len(rest.lstrip())
            trail = len(rest.rstrip())
            run = TextCell(rest.strip(), end + lead, end + trail)
            yield Line((label, run), start, stop, LineKind.RUN)
        else:
            yield from _split_rest(text, label, start, end, stop)


def _split_rest(text: str, label: TextCell, start: int, end: int, stop: int) -> Iterator[Line]:
    """A label followed by its run and then text no pattern knows, such as the next row's
    label with a typo and that row's run (``0 0 0 6.属于四类过程信息 0 0 0``): the text is
    read as labels and runs in turn, each label with the run after it making a line, for the
    engine to match (gikparse.recover.labels)."""
    parts = _parts(text, end, stop)
    if parts and parts[0][0] == "run":
        _, s, e = parts.pop(0)
        yield Line((label, TextCell(text[s:e], s, e)), start, e, LineKind.RUN)
    else:
        yield Line((label,), start, end, LineKind.RUN)
    yield from _pairs(text, parts)


def _loose_parts(text: str, start: int, stop: int) -> Iterator[Line]:
    """Labels and runs, none of them a label the patterns know."""
    yield from _pairs(text, _parts(text, start, stop))


def _pairs(text: str, parts: list[tuple[str, int, int]]) -> Iterator[Line]:
    """Each label with the run after it as a line; a run with no label before it is kept as
    text (whose row cannot be told), never split at its spaces into cells."""
    while parts:
        kind, s, e = parts.pop(0)
        if kind == "run":
            yield Line((TextCell("", s, s), TextCell(text[s:e], s, e)), s, e, LineKind.RUN)
            continue
        cell = TextCell(text[s:e], s, e)
        if parts and parts[0][0] == "run":
            _, rs, re_ = parts.pop(0)
            yield Line((cell, TextCell(text[rs:re_], rs, re_)), s, re_, LineKind.RUN)
        else:
            yield from _text_line(text, s, e)


def _parts(text: str, start: int, stop: int) -> list[tuple[str, int, int]]:
    """``text[start:stop]`` as ("label"|"run", start, end) in turn: words of values make runs,
    other words labels; a word that glues a run to a label is cut where it safely can (before
    a one-digit ordinal and its mark, or after a label's last Han character)."""
    words: list[tuple[str, int, int]] = []
    for m in _WORD.finditer(text, start, stop):
        word, s = m.group(), m.start()
        if _VALUE_WORD.fullmatch(word):
            words.append(("run", s, m.end()))
            continue
        glued = _GLUED_BEFORE.match(word)
        if glued is not None and _HAS_VALUE.search(glued.group(1)):
            cut = s + len(glued.group(1))
            words.append(("run", s, cut))
            words.append(("label", cut, m.end()))
            continue
        glued = _GLUED_AFTER.fullmatch(word)
        if glued is not None:
            cut = s + len(glued.group(1))
            words.append(("label", s, cut))
            words.append(("run", cut, m.end()))
            continue
        words.append(("label", s, m.end()))
    # An ordinal parted from its label by a stray space ("1. 属于国家秘密") is the label's.
    # So is a digit parted from the mark after it ("5 .要求…").
    for i in range(len(words) - 1):
        kind, s, e = words[i]
        following = words[i + 1]
        if kind != "run" or following[0] != "label":
            continue
        if _ORDINAL_WORD.fullmatch(text[s:e]) or (
            _DIGIT_WORD.fullmatch(text[s:e]) and text[following[1]] in ".．、"
        ):
            words[i] = ("label", s, e)
    merged: list[tuple[str, int, int]] = []
    for kind, s, e in words:
        if merged and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1], e)
        else:
            merged.append((kind, s, e))
    return merged


def _text_line(text: str, start: int, end: int) -> Iterator[Line]:
    body = text[start:end]
    stripped = body.strip()
    if stripped:
        first = start + len(body) - len(body.lstrip())
        yield Line(
            (TextCell(stripped, first, first + len(stripped)),),
            first,
            first + len(stripped),
            LineKind.TEXT,
        )


def reline(doc: Document) -> Document:
    """``doc`` with its flattened lines cut at headings and labels (the same ``doc`` when
    none is). Once one line is found flattened, the report's other long lines (a report on a
    few lines) are cut wherever a heading or a label is."""
    if not _flattened(doc):
        return doc  # the usual document: no line is a flattened report
    lines = _relined(doc, loose=True)
    if lines is None:
        return doc
    return Document(doc.text, tuple(lines), kind=doc.kind, diagnostics=doc.diagnostics)


def _flattened(doc: Document) -> bool:
    """Whether a line of ``doc``, or a stretch of lines broken at one fixed width, is a
    flattened report (two section headings, or three row labels followed by numbers)."""
    text = doc.text
    for line in doc.lines:
        if line.end - line.start < _MIN_SUSPECT or not _suspect(text[line.start : line.end]):
            continue
        cell = _whole(doc, line)
        if cell is not None and _cuts(doc, cell, [True]) is not None:
            return True
    for group in _groups(doc):
        widths = {line.end - line.start for line in group[:-1]}
        if len(group) < _MIN_WRAPPED or len(widths) != 1 or widths.pop() < _MIN_SUSPECT:
            continue  # not text saved at one fixed width
        joined = _joined(doc, group)
        if _suspect(text[joined.start : joined.end]):
            cell = _whole(doc, joined)
            if cell is not None and _cuts(doc, cell, [True]) is not None:
                return True
    return False


def _suspect(raw: str) -> bool:
    """Whether a line may be a flattened report: two distinct markers of the tables or of the
    section headings in it (a cheap test, so that well-formed documents pay little)."""
    if "\t" in raw or _is_pipe_row(raw):
        return False
    found = set(_MARKERS.findall(raw))
    return len(found) >= 2


def _relined(doc: Document, *, loose: bool) -> list[Line] | None:
    lines: list[Line] = []
    changed = False
    zone = [False]
    for group in _groups(doc) if loose else [[line] for line in doc.lines]:
        line = group[0] if len(group) == 1 else _joined(doc, group)
        cell = _whole(doc, line)
        if cell is None:
            lines.extend(group)
            for original in group:
                text = original.cells[0].text if len(original.cells) == 1 else ""
                if text:
                    _track(text, zone)
            continue
        before = zone[0]
        cuts = _cuts(doc, cell, zone, loose=loose)
        if cuts is None and loose and before and _plain(doc, line):
            # A line inside a table of a report on a few lines, with no label the patterns
            # know (a misprinted one): labels and runs all the same.
            cuts = []
        if cuts is None:
            zone[0] = before
            for original in group:
                _track(original.cells[0].text if original.cells else "", zone)
            lines.extend(group)
            continue
        changed = True
        lines.extend(_pieces(doc, cell, cuts, before))
    return lines if changed else None


def _joinable(doc: Document, line: Line) -> bool:
    """A non-blank line of plain text: part of a report broken into lines at any width."""
    if line.kind is LineKind.HEADING or line.is_blank or not line.cells:
        return False
    if line.cells[0].page is not None:
        return False
    raw = doc.text[line.start : line.end]
    return "\t" not in raw and not _is_pipe_row(raw)


def _groups(doc: Document) -> list[list[Line]]:
    """The lines, with each stretch of consecutive plain lines as one group: text that lost
    its lines is often broken again at a fixed width, through labels and runs alike."""
    groups: list[list[Line]] = []
    joining = False
    for line in doc.lines:
        joinable = _joinable(doc, line)
        if joinable and joining:
            groups[-1].append(line)
        else:
            groups.append([line])
        joining = joinable
    return groups


def _joined(doc: Document, group: list[Line]) -> Line:
    """A group of lines as one line of one cell (its text keeps the line breaks, which count
    as spaces: they may or may not be cell boundaries)."""
    start, end = group[0].start, group[-1].end
    return Line((TextCell(doc.text[start:end], start, end),), start, end, LineKind.TEXT)


def _plain(doc: Document, line: Line) -> bool:
    """A line of text with values and no cell marks (tabs, pipes) that may be real cells."""
    raw = doc.text[line.start : line.end]
    return "\t" not in raw and not _is_pipe_row(raw) and _HAS_VALUE.search(raw) is not None


def _is_pipe_row(raw: str) -> bool:
    """A markdown table row (its pipes are cell boundaries), not a "|" in page chrome."""
    stripped = raw.strip()
    return raw.count("|") >= 2 or stripped.startswith("|") or stripped.endswith("|")


def _track(text: str, zone: list[bool]) -> None:
    """Follow the section a line of its own heads (sections 二–四 hold the tables)."""
    if len(text) > 60:
        return
    heading, _, _ = _patterns()
    found = heading.fullmatch(normalize(text))
    if found is not None:
        number = int(next(k for k, v in found.groupdict().items() if v)[1:])
        zone[0] = 2 <= number <= 4

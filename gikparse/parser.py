"""From a Document to a Report: sections, template, tables, facts, diagnostics."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from gikparse import narrative
from gikparse._evidence import apply_evidence
from gikparse.detect import detect_template
from gikparse.errors import Diagnostic, ParseError, Severity
from gikparse.limits import DEFAULT_LIMITS, Limits
from gikparse.model import Meta, Report, Section, Table, TemplateEvidence
from gikparse.numbers import digit_run_limit
from gikparse.readers.document import Document, Line, LineKind
from gikparse.recover.reline import reline
from gikparse.schema import (
    SECTIONS,
    TEMPLATES,
    UNKNOWN_EDITION_READ_AS,
    Template,
    template_for_year,
)
from gikparse.sections import Outline, split_sections
from gikparse.tables import (
    parse_active_disclosure_lines,
    parse_applications_lines,
    parse_review_lines,
)

__all__ = ["parse_document"]

# Sections whose numbered parts are worth splitting out.
_WITH_PARTS = frozenset({"overview", "problems", "other_matters"})


def _line_text(line: Line) -> str | None:
    """``line.text``, or ``None`` for a blank line; most lines have one cell and need no join."""
    cells = line.cells
    if len(cells) == 1:
        return cells[0].text or None
    texts = [c.text for c in cells]
    return "\t".join(texts) if any(texts) else None


def _line_texts(doc: Document) -> list[str | None]:
    """Every line's text, computed once: sections, title, signature and template detection
    all read it."""
    return [_line_text(line) for line in doc.lines]


def _text(texts: Iterable[str | None]) -> str:
    """The non-blank lines of ``texts`` (from :func:`_line_texts`), one per line."""
    return "\n".join([text for text in texts if text is not None])  # a list joins faster


def _sections(
    doc: Document, outline: Outline, texts: Sequence[str | None] | None = None
) -> tuple[Section, ...]:
    """The six sections' texts, items and parts; ``texts``: :func:`_line_texts` if at hand."""
    if texts is None:
        texts = _line_texts(doc)
    out: list[Section] = []
    for span in outline.sections:
        text = _text(texts[span.start : span.end])
        heading_line = doc.lines[span.heading]
        with_parts = span.spec.id in _WITH_PARTS
        out.append(
            Section(
                id=span.spec.id,
                heading=heading_line.text,
                text=text,
                items=narrative.split_items(text) if with_parts else (),
                parts=narrative.split_parts(text) if with_parts else (),
                location=doc.location(
                    heading_line.start, heading_line.end, next(iter(heading_line.cells), None)
                ),
            )
        )
    return tuple(out)


def _prose(doc: Document, outline: Outline) -> str:
    """The document text without the statistical sections 二–四: no fact in prose is there."""
    first = outline.section("active_disclosure")
    last = outline.section("review_litigation")
    if first is None or last is None or last.end <= first.heading:
        return doc.text
    start = doc.lines[first.heading].start
    end = doc.lines[last.end - 1].end if last.end > last.start else doc.lines[last.heading].end
    return doc.text[:start] + doc.text[end:]


def _outline_diagnostics(outline: Outline) -> list[Diagnostic]:
    found = {s.spec.id for s in outline.sections}
    return [
        Diagnostic(
            code="P101",
            severity=Severity.WARNING if spec.number in (2, 3, 4) else Severity.INFO,
            message=f"未找到第{'一二三四五六'[spec.number - 1]}部分“{spec.heading}”",
            message_en=f"section {spec.number} ({spec.id}) was not found",
            table=spec.id,
        )
        for spec in SECTIONS
        if spec.id not in found
    ]


def _table_texts(doc: Document, outline: Outline, texts: Sequence[str | None]) -> list[str]:
    """The texts of every line of sections 二 and 三, blank ones included (as ``Line.text``)."""
    out: list[str] = []
    for section_id in ("active_disclosure", "applications"):
        span = outline.section(section_id)
        if span is not None:
            for index in range(span.start, span.end):
                text = texts[index]
                out.append(doc.lines[index].text if text is None else text)
    return out


def _lines_of(doc: Document, outline: Outline, section_id: str) -> tuple[Line, ...]:
    span = outline.section(section_id)
    return () if span is None else doc.lines[span.start : span.end]


def _stated(sections: Sequence[Section]) -> dict[tuple[str, str], int]:
    """Figures section 一 states in words that fix a cell of section 三's table: the requests
    received ("共受理政府信息公开申请53件"), when one agency-wide figure is stated."""
    overview = next((s for s in sections if s.id == "overview"), None)
    if overview is None:
        return {}
    found = {
        s.value
        for s in narrative.count_statements(overview.text)
        if s.topic == "applications_received" and s.scope == "agency"
    }
    return {("received", "total"): found.pop()} if len(found) == 1 else {}


def _template(evidence: TemplateEvidence) -> Template:
    return TEMPLATES[evidence.variant or UNKNOWN_EDITION_READ_AS]


def _template_diagnostics(evidence: TemplateEvidence, year: int | None) -> list[Diagnostic]:
    if evidence.variant is None:
        return [
            Diagnostic(
                code="P111",
                severity=Severity.WARNING,
                message="无法确定模板版本（未找到表格标签，也未找到报告年度），按2021版解析",
                message_en="template edition unknown (no table labels, no report year); "
                "parsed as the 2021 edition",
            )
        ]
    if evidence.mismatch and year is not None:
        expected = template_for_year(year).variant
        return [
            Diagnostic(
                code="P110",
                severity=Severity.WARNING,
                message=f"{year}年度报告应使用{expected}版表格，实际使用{evidence.variant}版表格"
                f"（依据：{'、'.join(evidence.evidence[:3])}）",
                message_en=f"a {year} report should use the {expected} tables but prints the "
                f"{evidence.variant} ones (evidence: {', '.join(evidence.evidence[:3])})",
            )
        ]
    return []


def _empty_diagnostic() -> Diagnostic:
    return Diagnostic(
        code="P001",
        severity=Severity.ERROR,
        message="输入为空：没有任何文字",
        message_en="the source is empty: there is no text to parse",
    )


_MARKUP = ("<!doctype", "<html", "<?xml", "<body", "<div", "<table", "<p>", "<meta")


def _not_a_report(doc: Document, outline: Outline, source: str | None) -> list[Diagnostic]:
    """P002 when none of the statistical sections 二–四 has a heading: not a report at all."""
    found = {span.spec.number for span in outline.sections}
    if found & {2, 3, 4}:
        return []
    text = doc.text.strip()
    if doc.kind == "html" or text[:1024].lower().lstrip().startswith(_MARKUP):
        hint = "（这是网页或 HTML/XML 标记，其中没有报告）"
        hint_en = " It is a web page or HTML/XML markup, and its text holds no report."
    elif source is None and "\n" not in text and len(text) <= 4096:
        hint = (
            "（只有一行文字：如果这是文件路径，该文件不存在，或文件名没有报告文件的扩展名；"
            "请用 pathlib.Path 传入路径）"
        )
        hint_en = (
            " It is one line of text: a str is a path only when it names an existing file, "
            "ends in .pdf/.txt/.md/.html/.docx…, starts with ~ or holds a / and no space; "
            "pass a pathlib.Path to say so."
        )
    else:
        hint = hint_en = ""
    return [
        Diagnostic(
            code="P002",
            severity=Severity.ERROR,
            message="这不像一份政府信息公开工作年度报告：未找到第二、三、四部分的任何标题" + hint,
            message_en="this does not look like a government information disclosure annual "
            "report: no heading of section 2, 3 or 4 was found." + hint_en,
            location=doc.location(0, min(len(doc.text), 80)),
        )
    ]


def _two_reports(doc: Document, outline: Outline) -> list[Diagnostic]:
    """P003 when the headings start over: two reports in one text, only the first parsed."""
    out = []
    for index in outline.restarts:
        line = doc.lines[index]
        out.append(
            Diagnostic(
                code="P003",
                severity=Severity.ERROR,
                message=f"文中第二次出现报告的部分标题“{line.text}”：似乎包含不止一份报告，"
                "只解析了第一份；请把每份报告放在单独的文件中",
                message_en=f"the section headings start over at {line.text!r}: the text seems "
                "to hold more than one report, and only the first was parsed; give each report "
                "on its own",
                location=doc.location(line.start, line.end, next(iter(line.cells), None)),
            )
        )
    return out


def _empty_report(doc: Document, source: str | None) -> Report:
    return Report(
        meta=Meta(),
        template=TemplateEvidence(variant=None),
        sections=(),
        active_disclosure=(),
        applications=None,
        review_litigation=None,
        diagnostics=(*doc.diagnostics, _empty_diagnostic()),
        source=source,
        text=doc.text,
    )


def _table_or_none(table: Table | None, diagnostics: list[Diagnostic]) -> Table | None:
    """``table`` with its diagnostics added, or ``None`` if no row of it was found.

    A section printed without its table has no table, not an empty one: its P210 ("table not
    found") stands alone, without a P211 for every row, and the checks report the missing
    table (C301) instead of each missing row.
    """
    if table is None:
        return None
    if table.rows:
        diagnostics.extend(table.diagnostics)
        return table
    diagnostics.extend(d for d in table.diagnostics if d.code != "P211")
    return None


def parse_document(
    doc: Document,
    *,
    source: str | None = None,
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> Report:
    """Parse a Document from any reader into a Report.

    An empty document gives a Report with only the error P001; a text with none of the
    statistical sections gets P002, and one whose headings start over (two reports) P003.
    Of ``limits``, ``max_digit_run`` applies here: a longer run of digits is not a number.
    """
    if not doc.text.strip():
        report = _empty_report(doc, source)
        if strict:
            raise ParseError(report.diagnostics)
        return report
    with digit_run_limit(limits.max_digit_run):
        return _parse_document(doc, source=source, strict=strict)


def _parse_document(doc: Document, *, source: str | None, strict: bool) -> Report:
    doc = reline(doc)  # text that lost its lines, cut at the template's headings and labels
    outline = split_sections(doc)
    texts = _line_texts(doc)
    sections = _sections(doc, outline, texts)
    title = _text(texts[i] for i in outline.title)
    preamble = _text(texts[outline.preamble[0] : outline.preamble[1]])
    signature = _text(texts[i] for i in outline.signature)
    meta, meta_diagnostics = narrative.extract_meta(
        title=title, preamble=preamble, body=_prose(doc, outline), signature=signature
    )
    meta, meta_diagnostics = apply_evidence(meta, meta_diagnostics, doc.meta)
    active_lines = _lines_of(doc, outline, "active_disclosure")
    applications_lines = _lines_of(doc, outline, "applications")
    evidence = detect_template(_table_texts(doc, outline, texts), meta.year)
    template = _template(evidence)
    diagnostics: list[Diagnostic] = [
        *doc.diagnostics,
        *_not_a_report(doc, outline, source),
        *_two_reports(doc, outline),
        *_outline_diagnostics(outline),
        *meta_diagnostics,
    ]
    diagnostics.extend(_template_diagnostics(evidence, meta.year))
    active: tuple[Table, ...] = ()
    applications = review = None
    # A section whose heading is followed by the next one (its table printed as an image,
    # or lost in a copy) has its tables not found (P210), as one with only prose has.
    if outline.section("active_disclosure") is not None:
        active, section_diagnostics = parse_active_disclosure_lines(doc, active_lines, template)
        diagnostics.extend(section_diagnostics)
    if outline.section("applications") is not None:
        # Figures stated in words only matter to rows whose cell boundaries were lost.
        lost = any(line.kind is LineKind.RUN for line in applications_lines)
        applications = parse_applications_lines(
            doc, applications_lines, template.applications, _stated(sections) if lost else None
        )
    review_lines = _lines_of(doc, outline, "review_litigation")
    if outline.section("review_litigation") is not None:
        review = parse_review_lines(doc, review_lines, template.review_litigation)
    for table in active:
        diagnostics.extend(table.diagnostics)
    applications = _table_or_none(applications, diagnostics)
    review = _table_or_none(review, diagnostics)
    report = Report(
        meta=meta,
        template=evidence,
        sections=sections,
        active_disclosure=active,
        applications=applications,
        review_litigation=review,
        diagnostics=tuple(diagnostics),
        source=source,
        text=doc.text,
    )
    if strict:
        serious = tuple(d for d in diagnostics if d.severity is not Severity.INFO)
        if serious:
            raise ParseError(serious)
    return report

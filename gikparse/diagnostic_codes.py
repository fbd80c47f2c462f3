"""The catalogue of parse diagnostic codes: what each ``P`` code means and how much it matters.

The parser builds its diagnostics where it notices a problem; this table says, in one place,
what each code is for. A test keeps it in step with the codes the source uses, and the
documentation's reference of codes is generated from it.
"""

from __future__ import annotations

import attrs

__all__ = ["DIAGNOSTIC_CODES", "DiagnosticCode", "diagnostic_code"]


@attrs.frozen(kw_only=True)
class DiagnosticCode:
    """One diagnostic code: ``severity`` as a reader sees it (some codes depend on where they
    occur, e.g. ``"warning (二/三/四), info (一/五/六)"``), the ``family`` (reading, sections,
    tables, prose, pdf) and its ``meaning`` in English."""

    code: str
    severity: str
    family: str
    meaning: str


def _c(code: str, severity: str, family: str, meaning: str) -> DiagnosticCode:
    return DiagnosticCode(code=code, severity=severity, family=family, meaning=meaning)


DIAGNOSTIC_CODES: tuple[DiagnosticCode, ...] = (
    _c(
        "P001",
        "error",
        "reading",
        'the source is empty (`""`, `b""`, an empty file): the report has no other diagnostic',
    ),
    _c(
        "P002",
        "error",
        "reading",
        "not a report: no heading of section 二, 三 or 四; the message says when "
        "the text is one line (a path that is not one by the rule of "
        "`is_path_like`) or looks like HTML/XML markup",
    ),
    _c(
        "P003",
        "error",
        "reading",
        "the section headings start over (一、 or 二、 after section 三): two "
        "reports in one text; only the first is parsed, to the title of the second (its "
        "sections, signature and facts)",
    ),
    _c(
        "P004",
        "warning",
        "reading",
        "pages= or password= (--pages, --password) given for a source that is no PDF: ignored, "
        "the whole source was read",
    ),
    _c(
        "P101", "warning (二/三/四), info (一/五/六)", "sections", "a section heading was not found"
    ),
    _c(
        "P110",
        "warning",
        "sections",
        "the tables follow the other template edition than the report year prescribes; "
        "they are parsed by what they are",
    ),
    _c(
        "P111",
        "warning",
        "sections",
        "the edition could be decided neither from table labels nor from the year; parsed as 2021",
    ),
    _c(
        "P201",
        "warning",
        "tables",
        "a row label no template knows carries numbers; they are kept in Table.unplaced",
    ),
    _c("P202", "warning", "tables", "numbers that follow no row label"),
    _c(
        "P203",
        "warning",
        "tables",
        "a row has more cells than columns, but every way of dropping the extra ones gives "
        "the same numbers: values placed",
    ),
    _c(
        "P204",
        "error",
        "tables",
        "a row has more cells than columns and the values depend on which are dropped: "
        "the row's cells are ambiguous",
    ),
    _c(
        "P205",
        "warning",
        "tables",
        "a row lost one cell; the row's total rule fixes the numbers wherever it was, so "
        "every cell the lost one may be has status inferred",
    ),
    _c(
        "P206",
        "error",
        "tables",
        "the number of cells does not fit the columns and cannot be resolved, or numbers on a "
        "line after the row may fill its blanks or follow them: cells ambiguous",
    ),
    _c("P207", "warning", "tables", "a row is printed twice; the first one is used"),
    _c(
        "P208",
        "error",
        "tables",
        "a cell is not a number (unreadable): 三, 约2, N/A, （无） where a number stands",
    ),
    _c("P209", "info", "tables", "an amount in 元 (or 千元, 百万元, 亿元) was converted to 万元"),
    _c("P210", "error", "tables", "a table was not found"),
    _c("P211", "warning", "tables", "a row the template prescribes is missing"),
    _c(
        "P212",
        "info",
        "tables",
        "the table prints a row of the other edition; its own id is kept",
    ),
    _c(
        "P213",
        "warning",
        "tables",
        "a section 二 caption (第二十条第(X)项) that the detected edition has no table for",
    ),
    _c(
        "P214",
        "warning",
        "tables",
        "a row's cell boundaries were lost (digits run together, e.g. "
        "`521000053`); its run was cut into cells in the only way its "
        "characters and the template's sums allow (which is named: the row's "
        "own total rule, the characters alone, or the rules across rows); the "
        "numbers have status `inferred` (docs/recovery.md)",
    ),
    _c(
        "P215",
        "error",
        "tables",
        "a run of digits can be cut into the row's cells in several ways that "
        "satisfy every rule; the cells are `ambiguous` and the message lists "
        "the cuts",
    ),
    _c(
        "P216",
        "error",
        "tables",
        "a run of digits cannot be cut into the row's cells, or the search for "
        "cuts was capped; cells `ambiguous`",
    ),
    _c(
        "P217",
        "warning",
        "tables",
        "row labels printed apart from their numbers (labels first, then the "
        "numbers by column or as unlabelled rows); the numbers were placed in "
        "the template's order, by their lines or because only one way satisfies"
        " the sums; status `inferred`",
    ),
    _c(
        "P218",
        "error",
        "tables",
        "row labels printed apart from their numbers that cannot be placed with"
        " certainty; cells `ambiguous`, numbers kept in `Table.unplaced`",
    ),
    _c(
        "P219",
        "warning",
        "tables",
        "a row label no template row has, close to one row's label and standing"
        " where that row belongs (after the row before it), read as that row; "
        "the message quotes the label as printed",
    ),
    _c(
        "P220",
        "warning",
        "tables",
        "lines of numbers printed without a label, placed on the rows the template has between "
        "the row read before them and the next row read (as many rows missing there as lines, "
        "and the table's sums hold); status inferred",
    ),
    _c(
        "P221",
        "error",
        "tables",
        "pieces of numbers printed right under some of a row's numbers, with no row label (a "
        "number wrapped in a narrow cell, as PDFs print them): those cells are ambiguous; or a "
        "number a row took from a later line that stands in the column of another of its "
        "numbers (the cells' boxes): every cell of the row is ambiguous",
    ),
    _c(
        "P222",
        "error",
        "tables",
        "numbers a row took alone from the lines after its label, when the next row comes short "
        "of as many: whose they are cannot be told (a copy that moved a row's first number "
        "before its label, or a blank the next number filled); those cells are ambiguous",
    ),
    _c(
        "P223",
        "error",
        "tables",
        "a cell of a web page's or a Word file's table holds several numbers "
        "(`5 1`: a number and a footnote mark, or a number broken by a space): that cell is "
        "ambiguous, with its raw text; the row's other cells are read by the grid",
    ),
    _c(
        "P224",
        "error",
        "tables",
        "a value cell of a row of a web page's or a Word file's table spans columns, and the "
        "row's cells do not stand in the grid columns of the table's other rows and header (a "
        "browser puts the cells after the span a column off their order): every cell of the "
        "row is ambiguous",
    ),
    _c("P301", "warning", "prose", "no agency found in the title or the signature"),
    _c("P302", "warning", "prose", "report year not found (neither in the title nor the period)"),
    _c("P303", "warning", "prose", "statistics period ends before it starts"),
    _c("P304", "warning", "prose", "title year differs from the statistics period's years"),
    _c(
        "P305",
        "warning",
        "prose",
        "signature (publication) date is before the end of the statistics period",
    ),
    _c("P306", "info", "prose", "no agency in the title; the signature's agency is used"),
    _c("P307", "info", "prose", "no year in the title; the statistics period's end year is used"),
    _c(
        "P308",
        "warning",
        "prose",
        "the preamble's statistics period names an impossible date (and no other period was found)",
    ),
    _c(
        "P401",
        "warning",
        "pdf",
        "a few PDF glyphs map to no character and were read as U+FFFD (pages named)",
    ),
    _c(
        "P402",
        "warning",
        "pdf",
        "PDF glyphs at coordinates that are infinite or far off the page (a "
        "broken `Tm`, font size, width or MediaBox) were dropped (pages named)",
    ),
    _c(
        "P403",
        "info",
        "pdf",
        "neither title nor signature in the report's body names the agency; a title "
        "printed outside the body (a PDF's running header) does",
    ),
    _c(
        "P411",
        "info",
        "html",
        "a web page has no title heading; the title was taken from its `<title>`",
    ),
    _c(
        "P412",
        "info",
        "html",
        "a web page has no title heading nor `<title>`; the title was taken "
        "from its metadata box (标题)",
    ),
    _c(
        "P413",
        "info",
        "html",
        "neither title nor signature names the agency; the web page's metadata "
        "box (发布机构 …) does",
    ),
    _c(
        "P414",
        "info",
        "html",
        "the report has no signature date; the web page's metadata box (成文日期, "
        "发文日期 …) gives the publication date",
    ),
    _c(
        "P415",
        "info",
        "html",
        "elements of a web page named like page chrome (class/id nav, print, footer …) hold "
        "report content (a section heading, a table of the template, most of the text) and "
        "were read",
    ),
    _c(
        "P416",
        "warning (a table), info (a heading)",
        "html",
        "an element of a web page named like page chrome was left out although it holds a "
        "table or a heading (its page offset named)",
    ),
    _c(
        "P417",
        "info",
        "html",
        "elements of a web page nested deeper than `max_nesting_depth` (unclosed tags) were "
        "closed early and read side by side",
    ),
    _c(
        "P418",
        "warning",
        "html",
        "a value cell of a web page's table spans rows (`rowspan`): its value counts for its "
        "first row only, the rows below are blank in its column (page offsets named)",
    ),
    _c(
        "P419",
        "warning",
        "html",
        "a tag of a web page leaves a quote open: to the page's end (the tag is read without "
        "its attributes, so a cell stays a cell) or past other cells' tags (read as browsers "
        "read it); cells near it may be misplaced (page offsets named)",
    ),
    _c(
        "P420",
        "warning",
        "html",
        "text inside a web page's table but outside its cells was left out (browsers show it "
        "above the table); a cell whose tag is broken (`<td\xa0>`) may have lost its value "
        "there (page offsets named)",
    ),
    _c(
        "P421",
        "info",
        "html",
        "the page's `<style>` sheet has rules gikparse does not apply that may hide or show "
        "elements, or raise, lower or strike out text (a descendant or bare-tag selector, a "
        "pseudo-class such as `:checked`, a condition on the screen such as "
        "`@media (min-width: …)`, an escape): text may have been read that the page hides, or "
        "left out that it shows (selectors named)",
    ),
    _c(
        "P422",
        "warning",
        "html",
        "markup left open hides the rest of a web page: a comment (`<!--` without `-->`), or "
        "a `<script>`, `<style>`, `<title>`, `<textarea>`, `<noscript>`, `<iframe>` … without "
        "its end tag; browsers show nothing after it, and nothing after it was read (page "
        "offset named)",
    ),
    _c(
        "P423",
        "warning",
        "html",
        "bytes of a web page do not decode in its encoding (a stray byte after a byte-order "
        "mark, bytes that fit no encoding): they were read as U+FFFD, as browsers show them; a "
        "cell holding one is unreadable (the first one's page offset named)",
    ),
    _c(
        "P451",
        "info",
        "word",
        "a .doc/.wps file (or an RTF document) was converted to DOCX by LibreOffice and read "
        "as DOCX",
    ),
    _c(
        "P452",
        "info",
        "word",
        "a table of contents generated by Word was skipped",
    ),
    _c(
        "P453",
        "warning",
        "word",
        "part of a Word document is an embedded file (`w:altChunk`) and was not read",
    ),
    _c(
        "P454",
        "info",
        "word",
        "embedded objects in a Word document (e.g. an Excel table pasted as an "
        "object) were not read",
    ),
    _c(
        "P455",
        "warning",
        "word",
        "a value cell of a Word table is merged down rows (`w:vMerge`): its value counts for "
        "its first row only, the rows below are blank in its column",
    ),
    _c(
        "P456",
        "warning",
        "word",
        "equations of a Word document with structure (a fraction, a power, a root …), tracked "
        "changes or hidden text were not read (equations that are a run of text are read)",
    ),
)


def diagnostic_code(code: str) -> DiagnosticCode:
    """The catalogue entry of ``code``; ``KeyError`` for a code gikparse does not use."""
    for entry in DIAGNOSTIC_CODES:
        if entry.code == code:
            return entry
    raise KeyError(code)

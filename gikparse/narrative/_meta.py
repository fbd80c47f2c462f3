"""A report's metadata from its title, body and signature, with diagnostics."""

from __future__ import annotations

from gikparse.errors import Diagnostic, Severity
from gikparse.model import Meta
from gikparse.narrative._contact import find_contact
from gikparse.narrative._period import _period_hits, find_period
from gikparse.narrative._signature import _signature_from_body, parse_signature
from gikparse.narrative._title import _clean_line, parse_title
from gikparse.narrative._view import _view


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

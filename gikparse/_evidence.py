"""Facts a reader found outside the report's text (``Document.meta``), used only as fallbacks.

A web page's metadata box (发布机构, 发文日期 …) names the agency and the publication date, and a
title printed outside the body (a PDF's running header) names the agency and the year; the
report's own title and signature come first, and a fact taken from elsewhere says so.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from gikparse import narrative
from gikparse.errors import Diagnostic, Severity
from gikparse.model import Meta
from gikparse.readers._html_page import title_like

__all__ = ["apply_evidence"]


def apply_evidence(
    meta: Meta, diagnostics: tuple[Diagnostic, ...], evidence: Mapping[str, str]
) -> tuple[Meta, tuple[Diagnostic, ...]]:
    """``meta`` with the facts it lacks taken from ``evidence``, and the diagnostics updated
    (P301 "no agency" gives way to P413 "agency from the page's metadata box")."""
    if not evidence:
        return meta, diagnostics
    changes: dict[str, object] = {}
    out = list(diagnostics)
    agency = evidence.get("agency", "").strip()
    if meta.agency is None and agency:
        changes["agency"] = agency
        out = [d for d in out if d.code != "P301"]
        out.append(
            Diagnostic(
                code="P413",
                severity=Severity.INFO,
                message=f"报告标题和落款中未找到机关名称，已采用网页信息栏的“{agency}”",
                message_en="no agency in the report's title or signature; the page's metadata "
                f"box names {agency!r}",
            )
        )
    published = evidence.get("published", "")
    if meta.published is None and published:
        date = narrative.parse_date(published)
        if date is not None:
            changes["published"] = date
            field = evidence.get("published_field", "")
            out.append(
                Diagnostic(
                    code="P414",
                    severity=Severity.INFO,
                    message=f"报告中未找到发布日期，已采用网页信息栏的{field}（{date}）",
                    message_en="no publication date in the report; the page's metadata box "
                    f"gives {date} ({field})",
                )
            )
    title = evidence.get("title", "").strip()
    # The body's "title" is what precedes section 一; when that is no title (a preamble
    # sentence), the one printed outside the body is the report's.
    if title and (meta.title is None or not title_like(meta.title)):
        changes["title"] = title
        # A title printed outside the body (a PDF's running header, a page's <title>) names
        # the agency and the year when neither the body's title nor its signature does.
        named, year = narrative.parse_title(title)
        if meta.year is None and year is not None:
            changes["year"] = year
        if meta.agency is None and "agency" not in changes and named is not None:
            changes["agency"] = named
            out = [d for d in out if d.code != "P301"]
            out.append(
                Diagnostic(
                    code="P403",
                    severity=Severity.INFO,
                    message=f"报告正文的标题和落款中未找到机关名称，已采用正文以外标题中的“{named}”",
                    message_en="no agency in the report's own title or signature; the title "
                    f"printed outside the body (a PDF's running header) names {named!r}",
                )
            )
    if not changes:
        return meta, diagnostics
    return attrs.evolve(meta, **changes), tuple(out)  # type: ignore[arg-type]

"""Facts a reader found outside the report's text (``Document.meta``), used only as fallbacks.

A web page's metadata box (发布机构, 发文日期 …) names the agency and the publication date; the
report's own title and signature come first, and a fact taken from the box says so.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from gikparse import narrative
from gikparse.errors import Diagnostic, Severity
from gikparse.model import Meta

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
    if meta.title is None and title:
        changes["title"] = title
    if not changes:
        return meta, diagnostics
    return attrs.evolve(meta, **changes), tuple(out)  # type: ignore[arg-type]

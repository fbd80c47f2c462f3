"""The review page: one self-contained HTML file for a folder of reports.

No script, no external asset, no server: the styles are inline and the page opens from disk in
any browser. Every report has its status, its findings and its tables (see ``_tables``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from html import escape
from typing import Protocol

from gikparse import __version__
from gikparse.checks import Finding
from gikparse.checks._finding import describe_number, signed
from gikparse.errors import Severity
from gikparse.model import Report

from ._tables import table_html

__all__ = ["STYLE", "Reviewed", "page_html", "report_html"]


class Reviewed(Protocol):
    """What the page needs of each input (the command's ``Outcome`` is one)."""

    @property
    def source(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def reason(self) -> str | None: ...
    @property
    def report(self) -> Report | None: ...
    @property
    def findings(self) -> tuple[Finding, ...]: ...


STYLE = """
.gik-page{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;
 color:#222}
.gik-page h1{font-size:1.4em}.gik-page h2{font-size:1.15em;margin-top:2em;
 border-bottom:1px solid #ccc}
.badge{display:inline-block;padding:0 .5em;border-radius:.3em;font-size:.85em;color:#fff}
.s-pass,.s-ok{background:#2e7d32}.s-fail{background:#c62828}.s-cannot_tell{background:#ef6c00}
.s-error{background:#6a1b9a}.s-skipped{background:#757575}
table.gik{border-collapse:collapse;margin:.8em 0;font-size:.85em}
table.gik caption{text-align:left;font-weight:bold;padding:.3em 0;white-space:nowrap}
table.gik th,table.gik td{border:1px solid #999;padding:.2em .4em;vertical-align:middle}
table.gik th{background:#f2f2f2;font-weight:normal;text-align:left}
table.gik td{text-align:right;min-width:2.5em}
td.v-blank,td.v-dash,td.v-missing{color:#888;background:#fafafa}
td.v-unreadable,td.v-ambiguous{background:#ffe0b2;outline:2px dashed #ef6c00}
td.v-inferred{background:#e3f2fd}
td.flag-warning{background:#fff59d}td.flag-error{background:#ffcdd2}
td.flag-primary{outline:2px solid #c62828}
table.flag-table{outline:2px solid #ef6c00}
.note{display:block;font-size:.75em;color:#b71c1c;white-space:nowrap}
ul.findings{font-size:.9em}ul.findings li{margin:.2em 0}
.sev-error{color:#c62828;font-weight:bold}.sev-warning{color:#ef6c00;font-weight:bold}
.sev-info{color:#555}
.muted{color:#666;font-size:.85em}
"""


def _finding_item(finding: Finding, lang: str) -> str:
    message = finding.message if lang == "zh" else finding.message_en
    difference = ""
    if finding.difference is not None:
        actual, expected = describe_number(finding.actual), describe_number(finding.expected)
        difference = escape(f" {actual} vs {expected} ({signed(finding.difference)})")
        difference = f"<b>{difference}</b>"
    loc = finding.locations
    at = f' <span class="muted">@ {escape(str(loc[0]))}</span>' if loc else ""
    return (
        f'<li data-code="{escape(finding.code)}"><span class="sev-{finding.severity.value}">'
        f"{escape(finding.code)} {escape(finding.severity.value)}</span> "
        f"<code>{escape(finding.where or '-')}</code> {escape(message)}{difference}{at}</li>"
    )


def report_html(
    report: Report,
    findings: Iterable[Finding] = (),
    *,
    lang: str = "zh",
    show_info: bool = False,
) -> str:
    """A report's findings and its tables (the tables of sections 二, 三 and 四)."""
    found = tuple(findings)
    shown = [f for f in found if f.is_failure and (show_info or f.severity is not Severity.INFO)]
    out = []
    problems = [d for d in report.diagnostics if d.severity is Severity.ERROR]
    if problems:
        items = "".join(f"<li>{escape(str(d))}</li>" for d in problems)
        out.append(f'<ul class="findings diagnostics">{items}</ul>')
    if shown:
        out.append(
            '<ul class="findings">' + "".join(_finding_item(f, lang) for f in shown) + "</ul>"
        )
    for table in report.tables:
        out.append(table_html(table, variant=report.variant, findings=found))
    return "\n".join(out)


def _section(index: int, item: Reviewed, lang: str) -> str:
    report = item.report
    head = (
        f'<h2 id="r{index}"><span class="badge s-{escape(item.status)}">'
        f"{escape(item.status.replace('_', ' '))}</span> {escape(item.source)}</h2>"
    )
    parts = [
        f'<section class="report" data-source="{escape(item.source)}" '
        f'data-status="{escape(item.status)}">',
        head,
    ]
    if report is not None:
        facts = " · ".join(
            escape(str(x)) for x in (report.agency, report.year, report.variant) if x is not None
        )
        parts.append(f'<p class="muted">{facts}</p>')
    if item.reason:
        parts.append(f"<p><b>{escape(item.reason)}</b></p>")
    if report is not None:
        parts.append(report_html(report, item.findings, lang=lang))
    parts.append("</section>")
    return "\n".join(parts)


def page_html(
    items: Sequence[Reviewed], *, lang: str = "zh", title: str = "gikparse review"
) -> str:
    """The whole review page for ``items`` (reports in the order given)."""
    statuses = Counter(i.status for i in items)
    summary = ", ".join(f"{n} {escape(s.replace('_', ' '))}" for s, n in sorted(statuses.items()))
    rules = Counter(
        f.code
        for i in items
        for f in i.findings
        if f.is_failure and f.severity is not Severity.INFO
    )
    rule_items = "".join(
        f"<li><code>{escape(c)}</code> × {n}</li>" for c, n in sorted(rules.items())
    )
    toc = "".join(
        f'<li><a href="#r{n}"><span class="badge s-{escape(i.status)}">'
        f"{escape(i.status.replace('_', ' '))}</span> {escape(i.source)}</a></li>"
        for n, i in enumerate(items)
    )
    sections = "\n".join(_section(n, i, lang) for n, i in enumerate(items))
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{STYLE}</style>
</head>
<body class="gik-page">
<h1>{escape(title)}</h1>
<p>{len(items)} file(s): {summary}.
<span class="muted">gikparse {escape(__version__)}, {stamp}</span></p>
<ul class="rules">{rule_items}</ul>
<nav><ol>{toc}</ol></nav>
{sections}
</body>
</html>
"""

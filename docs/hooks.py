"""MkDocs hooks: the reference pages made from gikparse's own data at build time.

Nothing here is copied by hand: the cell ids and labels come from ``gikparse.cell_ids()`` (the
template data), the diagnostic codes from ``gikparse.diagnostic_codes``, the rules from the
check catalogue and the command line's help from the command itself. A page cannot drift from
the code it describes, because it is made from it on every build.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from typing import Any

import gikparse
from gikparse.checks import RULES
from gikparse.diagnostic_codes import DIAGNOSTIC_CODES
from gikparse.schema import TEMPLATES


def _cell(text: str | None) -> str:
    return "" if text is None else text.replace("|", "\\|").replace("\n", " ")


def _label(cell: gikparse.CellId) -> str:
    """The section heading, and the table's caption where it has one of its own."""
    if cell.table_label == cell.section_label:
        return cell.section_label
    return f"{cell.section_label} · {cell.table_label}"


def ids_page() -> str:
    """Every table, row and column id with its Chinese label and editions."""
    lines = [
        "# Cell ids",
        "",
        "Every cell a report can hold, as `gikparse.cell_ids()` lists it (and",
        "`gikparse.frames.ids_frame()` as a frame). The id is `table/row/column`; the wide",
        "frame (`panel_frame`) has one column per id. *Editions* says which template prints",
        "the cell: a 2020 report leaves the 2021-only cells empty and the other way round.",
        "Kinds: `count` (whole number), `signed` (a change, may be negative), `money` (万元,",
        "exact decimal). This page is generated from the template data on every build.",
        "",
    ]
    ids = gikparse.cell_ids()
    tables = list(dict.fromkeys(c.table for c in ids))
    lines += ["## Tables", "", "| table id | label | editions | unit |", "|---|---|---|---|"]
    for table in tables:
        specs = {
            v: t.table(table)
            for v, t in TEMPLATES.items()
            if any(s.qualified_id == table for s in t.tables)
        }
        units = "; ".join(f"{v}: {spec.unit}" for v, spec in specs.items() if spec.unit)
        lines.append(
            f"| `{table}` | {_label(next(c for c in ids if c.table == table))} | "
            f"{', '.join(specs)} | {units} |"
        )
    for table in tables:
        cells = [c for c in ids if c.table == table]
        lines += ["", f"## `{table}`", "", _label(cells[0])]
        lines += ["", "### Rows", "", "| row id | label | group | editions |", "|---|---|---|---|"]
        for row in dict.fromkeys(c.row for c in cells):
            of_row = [c for c in cells if c.row == row]
            editions = sorted({v for c in of_row for v in c.editions})
            lines.append(
                f"| `{row}` | {_cell(of_row[0].row_label)} | {_cell(of_row[0].row_group)} | "
                f"{', '.join(editions)} |"
            )
        lines += ["", "### Columns", "", "| column id | label | kind | editions |"]
        lines.append("|---|---|---|---|")
        for column in dict.fromkeys(c.column for c in cells):
            of_column = [c for c in cells if c.column == column]
            editions = sorted({v for c in of_column for v in c.editions})
            lines.append(
                f"| `{column}` | {_cell(of_column[0].column_label)} | {of_column[0].kind} | "
                f"{', '.join(editions)} |"
            )
        lines += ["", "### Cells", "", "| cell id | editions |", "|---|---|"]
        lines += [f"| `{c.id}` | {', '.join(c.editions)} |" for c in cells]
    return "\n".join(lines) + "\n"


def diagnostics_page() -> str:
    """Every parse diagnostic code."""
    lines = [
        "# Diagnostic codes",
        "",
        "Every code a parse can report in `Report.diagnostics`, from",
        "`gikparse.diagnostic_codes.DIAGNOSTIC_CODES` (generated on every build; a test keeps",
        "the catalogue in step with the codes the parser uses). What they mean in practice:",
        "[diagnostics](../diagnostics.md).",
        "",
        "| code | severity | family | meaning |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {d.code} | {d.severity} | {d.family} | {_cell(d.meaning)} |" for d in DIAGNOSTIC_CODES
    ]
    return "\n".join(lines) + "\n"


def rules_page() -> str:
    """Every consistency rule of the check catalogue, and the sum rules of each edition."""
    lines = [
        "# Consistency rules",
        "",
        "Every rule `gikparse.check` applies, from its catalogue (`gikparse.checks.RULES`),",
        "generated on every build. How they are evaluated: [checks](../checks.md).",
        "",
        "| code | severity | family | rule | 规则 |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {r.code} | {r.severity.value} | {r.family} | {_cell(r.title_en)} | {_cell(r.title)} |"
        for r in RULES.values()
    ]
    lines += ["", "## Sum rules of the templates", ""]
    lines += ["| edition | table | code | along | left | right |", "|---|---|---|---|---|---|"]
    for variant, tmpl in TEMPLATES.items():
        for spec in tmpl.tables:
            for rule in spec.rules:
                lines.append(
                    f"| {variant} | `{spec.qualified_id}` | {rule.code} | {rule.axis} | "
                    f"{' + '.join(rule.lhs)} | {' + '.join(rule.rhs)} |"
                )
    return "\n".join(lines) + "\n"


def cli_page() -> str:
    """The command's own ``--help``."""
    from gikparse.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        main(["--help"])
    return (
        "# Command-line options\n\n"
        "The output of `gikparse --help`, generated on every build. How to use the command: "
        "[the command line](../cli.md).\n\n"
        f"```text\n{out.getvalue().rstrip()}\n```\n"
    )


def changelog_page() -> str:
    """The repository's CHANGELOG.md, as it is."""
    from pathlib import Path

    return (Path(__file__).parents[1] / "CHANGELOG.md").read_text("utf-8")


#: Generated page path -> what makes it.
PAGES: dict[str, Callable[[], str]] = {
    "reference/ids.md": ids_page,
    "reference/diagnostic-codes.md": diagnostics_page,
    "reference/rules.md": rules_page,
    "reference/cli-options.md": cli_page,
    "changelog.md": changelog_page,
}


def on_files(files: Any, config: Any) -> Any:
    """Add the generated pages to the site (they exist only in the build, never in docs/)."""
    from mkdocs.structure.files import File

    for path, make in PAGES.items():
        files.append(File.generated(config, path, content=make()))
    return files

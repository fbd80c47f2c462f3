"""Reports built by hand for the checks' tests: consistent by construction, then broken on purpose.

``applications_values`` and ``review_values`` derive every total from the leaves with the
arithmetic the format states (spec, section 三 and 四), written out here independently of the
schema's ``SumRule`` data so that the tests do not check the engine against itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs

from gikparse.location import Location
from gikparse.model import Cell, Meta, Report, Section, Table, TemplateEvidence, Value
from gikparse.numbers import ValueStatus

__all__ = [
    "APPLICANTS",
    "COLUMNS",
    "GROUPS",
    "LEAVES_2020",
    "LEAVES_2021",
    "OUTCOMES",
    "CellInput",
    "active_tables",
    "applications_values",
    "build_report",
    "consistent_report",
    "layout_text",
    "make_table",
    "make_value",
    "review_values",
    "sections",
    "with_cell",
    "with_sections",
]

Number = int | Decimal
CellInput = Number | None | str | Value

APPLICANTS: tuple[str, ...] = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
)
COLUMNS: tuple[str, ...] = (*APPLICANTS, "total")
_HEAD_LEAVES: tuple[str, ...] = (
    "outcome.granted",
    "outcome.partially_granted",
    "outcome.refused.state_secret",
    "outcome.refused.prohibited_by_law",
    "outcome.refused.three_safeties_one_stability",
    "outcome.refused.third_party_rights",
    "outcome.refused.internal_affairs",
    "outcome.refused.process_information",
    "outcome.refused.enforcement_file",
    "outcome.refused.administrative_query",
    "outcome.unavailable.not_held",
    "outcome.unavailable.needs_creation",
    "outcome.unavailable.still_unclear",
    "outcome.not_processed.complaint",
    "outcome.not_processed.duplicate",
    "outcome.not_processed.publication",
    "outcome.not_processed.excessive",
    "outcome.not_processed.confirmation",
)
LEAVES_2020: tuple[str, ...] = (*_HEAD_LEAVES, "outcome.other")
LEAVES_2021: tuple[str, ...] = (
    *_HEAD_LEAVES,
    "outcome.other.no_correction",
    "outcome.other.unpaid_fee",
    "outcome.other.other",
)
OUTCOMES: tuple[str, ...] = ("upheld", "corrected", "other", "pending")
GROUPS: tuple[str, ...] = ("review", "litigation_direct", "litigation_after_review")


def make_value(spec: CellInput, *, offset: int | None = None) -> Value:
    """A cell value: a number, ``None`` (blank), ``"—"`` (dash), ``"?"`` (ambiguous), other text
    (unreadable), or a ``Value`` as is. ``offset`` gives the value a location."""
    if isinstance(spec, Value):
        return spec
    location = None
    if offset is not None:
        location = Location(offset=offset, length=1, line=offset // 100 + 1, column=offset % 100)
    if spec is None:
        return Value(None, ValueStatus.BLANK, raw="", location=location)
    if isinstance(spec, str):
        status = {"—": ValueStatus.DASH, "?": ValueStatus.AMBIGUOUS}.get(
            spec, ValueStatus.UNREADABLE
        )
        return Value(None, status, raw=spec, location=location)
    return Value(spec, ValueStatus.NUMBER, raw=str(spec), location=location)


def make_table(
    table_id: str,
    data: Mapping[str, Mapping[str, CellInput]],
    *,
    located: bool = False,
    unplaced: tuple[Value, ...] = (),
) -> Table:
    """A table with the rows of ``data`` in order and the union of their columns.

    ``located=True`` gives each cell a distinct location.
    """
    rows = tuple(data)
    columns: list[str] = []
    for values in data.values():
        columns.extend(c for c in values if c not in columns)
    cells: list[Cell] = []
    for r, row in enumerate(rows):
        for c, column in enumerate(columns):
            if column in data[row]:
                offset = 1000 + 100 * r + c if located else None
                cells.append(Cell(row, column, make_value(data[row][column], offset=offset)))
    return Table(
        id=table_id, rows=rows, columns=tuple(columns), cells=tuple(cells), unplaced=unplaced
    )


def with_cell(table: Table, row: str, column: str, value: CellInput) -> Table:
    """``table`` with one cell replaced (keeping its location)."""
    cells = []
    for cell in table.cells:
        if (cell.row, cell.column) == (row, column):
            new = make_value(value)
            new = attrs.evolve(new, location=cell.value.location)
            cell = Cell(row, column, new)
        cells.append(cell)
    return attrs.evolve(table, cells=tuple(cells))


def applications_values(
    leaves: Mapping[str, Mapping[str, int]],
    carried_over: Mapping[str, int],
    carried_forward: Mapping[str, int],
) -> dict[str, dict[str, Number]]:
    """Section 三 with every total derived: per applicant column, (七)总计 = Σ leaves and
    一 = (七) + 四 − 二; per row, 总计 = Σ six applicants. ``leaves`` gives the leaf rows in the
    order to print; ``carried_over`` ≤ (七) + 四 keeps 一 non-negative."""
    table: dict[str, dict[str, Number]] = {}
    outcome_total = {c: sum(leaves[r][c] for r in leaves) for c in APPLICANTS}
    received = {c: outcome_total[c] + carried_forward[c] - carried_over[c] for c in APPLICANTS}
    ordered: list[tuple[str, Mapping[str, int]]] = [
        ("received", received),
        ("carried_over", carried_over),
        *leaves.items(),
        ("outcome.total", outcome_total),
        ("carried_forward", carried_forward),
    ]
    for row, values in ordered:
        table[row] = {c: values[c] for c in APPLICANTS}
        table[row]["total"] = sum(values[c] for c in APPLICANTS)
    return table


def review_values(groups: Mapping[str, tuple[int, int, int, int]]) -> dict[str, dict[str, Number]]:
    """Section 四: per group 总计 = 维持 + 纠正 + 其他 + 尚未审结."""
    out: dict[str, dict[str, Number]] = {}
    for group, parts in groups.items():
        out[group] = dict(zip(OUTCOMES, parts, strict=True))
        out[group]["total"] = sum(parts)
    return out


def active_tables(variant: str) -> tuple[Table, ...]:
    """Section 二's tables of ``variant`` with plausible values."""
    if variant == "2020":
        items: dict[str, CellInput] = {"previous_items": 5, "change": -2, "decisions": 40}
        specs: dict[str, dict[str, dict[str, CellInput]]] = {
            "rules": {
                "regulations": {"made": 0, "published": 0, "total_published": 3},
                "normative_documents": {"made": 2, "published": 2, "total_published": 17},
            },
            "licensing": {"administrative_license": items, "other_services": items},
            "enforcement": {"administrative_penalty": items, "administrative_coercion": items},
            "fees": {"administrative_fees": {"previous_items": 9, "change": 0}},
            "procurement": {
                "centralized_procurement": {"projects": 3, "amount": Decimal("1732.633648")}
            },
        }
    else:
        specs = {
            "rules": {
                "regulations": {"issued": 0, "repealed": 0, "in_force": 3},
                "normative_documents": {"issued": 2, "repealed": 1, "in_force": 17},
            },
            "licensing": {"administrative_license": {"decisions": 120}},
            "enforcement": {
                "administrative_penalty": {"decisions": 40},
                "administrative_coercion": {"decisions": 0},
            },
            "fees": {"administrative_fees": {"amount": Decimal("2.7000")}},
        }
    return tuple(make_table(f"active_disclosure.{k}", v) for k, v in specs.items())


def sections(variant: str, **texts: str) -> tuple[Section, ...]:
    """The six sections with harmless text; ``texts`` replaces a section's text by id, and an
    id given as ``""`` keeps the section with empty text. Each section's location is its
    heading's in ``layout_text(sections)``."""
    other = "本年度未收取信息处理费。" if variant != "2020" else "无。"
    default = {
        "overview": "本年度依法依规做好政府信息公开工作。",
        "active_disclosure": "",
        "applications": "",
        "review_litigation": "",
        "problems": "存在的主要问题：公开内容不够丰富。\n改进情况：加强业务培训。",
        "other_matters": other,
    }
    default.update(texts)
    headings = {
        "overview": "一、总体情况",
        "active_disclosure": "二、主动公开政府信息情况",
        "applications": "三、收到和处理政府信息公开申请情况",
        "review_litigation": "四、政府信息公开行政复议、行政诉讼情况",
        "problems": "五、存在的主要问题及改进情况",
        "other_matters": "六、其他需要报告的事项",
    }
    out = []
    offset, line = len(_TITLE), _TITLE.count("\n") + 1
    for sid, text in default.items():
        heading = headings[sid]
        location = Location(offset=offset, length=len(heading), line=line, column=1)
        out.append(Section(id=sid, heading=heading, text=text, location=location))
        chunk = _chunk(heading, text)
        offset += len(chunk)
        line += chunk.count("\n")
    return tuple(out)


_TITLE = "某某县人民政府2021年政府信息公开工作年度报告\n\n"


def _chunk(heading: str, text: str) -> str:
    """A section as printed: heading, a blank line, the text with blank lines between lines
    (``Section.text`` keeps only the non-blank lines), a blank line."""
    body = "\n\n".join(text.split("\n"))
    return f"{heading}\n\n{body}\n\n"


def layout_text(report_sections: tuple[Section, ...]) -> str:
    """The document text the factory's section locations point into."""
    return _TITLE + "".join(_chunk(s.heading, s.text) for s in report_sections)


def with_sections(report: Report, report_sections: tuple[Section, ...]) -> Report:
    return attrs.evolve(report, sections=report_sections, text=layout_text(report_sections))


def build_report(
    variant: str | None = "2021",
    *,
    year: int | None = None,
    by_year: str | None = None,
    agency: str | None = "某某县人民政府",
    applications: Table | None = None,
    review_litigation: Table | None = None,
    active_disclosure: tuple[Table, ...] | None = None,
    report_sections: tuple[Section, ...] | None = None,
) -> Report:
    if year is None:
        year = 2020 if variant == "2020" else 2021
    if report_sections is None:
        report_sections = sections(variant or "2021")
    return Report(
        meta=Meta(agency=agency, year=year),
        template=TemplateEvidence(variant=variant, by_year=by_year),
        sections=report_sections,
        active_disclosure=(
            active_tables(variant or "2021") if active_disclosure is None else active_disclosure
        ),
        applications=applications,
        review_litigation=review_litigation,
        text=layout_text(report_sections),
    )


def _sample_leaves(leaf_rows: tuple[str, ...]) -> dict[str, dict[str, int]]:
    return {
        row: {c: (n * 7 + k * 3) % 5 for k, c in enumerate(APPLICANTS)}
        for n, row in enumerate(leaf_rows)
    }


def consistent_report(
    variant: str = "2021",
    *,
    leaf_rows: tuple[str, ...] | None = None,
    located: bool = False,
    year: int | None = None,
) -> Report:
    """A report whose every rule holds, with non-zero numbers in most cells.

    ``leaf_rows`` overrides the outcome rows printed (e.g. a 2021 report with (六) as one row).
    """
    if leaf_rows is None:
        leaf_rows = LEAVES_2020 if variant == "2020" else LEAVES_2021
    leaves = _sample_leaves(leaf_rows)
    carried_over = {c: k % 3 for k, c in enumerate(APPLICANTS)}
    carried_forward = {c: (k + 1) % 2 for k, c in enumerate(APPLICANTS)}
    apps = make_table(
        "applications",
        applications_values(leaves, carried_over, carried_forward),
        located=located,
    )
    review = make_table(
        "review_litigation",
        review_values(
            {
                "review": (1, 0, 1, 2),
                "litigation_direct": (2, 1, 0, 0),
                "litigation_after_review": (0, 0, 0, 1),
            }
        ),
        located=located,
    )
    return build_report(variant, year=year, applications=apps, review_litigation=review)

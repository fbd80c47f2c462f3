"""Round trip through real PDFs: generated reports printed with reportlab parse back exactly.

Also: the five seed reports printed by LibreOffice parse to their expected values.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gikparse
from tests.conftest import RENDERED, load_expected
from tests.pdf_render import Layout, render_report
from tests.strategies import GeneratedReport, generated_reports


def _exact(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _exact(v) for k, v in value.items()}
    if value is None or isinstance(value, bool):
        return value
    return Decimal(str(value))


def _assert_same_tables(report: gikparse.Report, generated: GeneratedReport) -> None:
    parsed = {t.id: t for t in report.tables}
    for table in generated.tables:
        assert table.qualified_id in parsed, table.qualified_id
        got = parsed[table.qualified_id]
        wrong = [
            (row, column, got.value(row, column), want)
            for row, column, want in table.cells()
            if got.value(row, column) != want
        ]
        assert not wrong, (table.qualified_id, wrong[:5])


def _assert_locations(report: gikparse.Report) -> None:
    for table in report.tables:
        for cell in table.cells:
            loc = cell.value.location
            if loc is None or not cell.value.raw:
                continue
            assert report.text[loc.offset : loc.offset + loc.length] == cell.value.raw
            assert loc.page is not None and loc.box is not None


# --- seeds -------------------------------------------------------------------------------

TABLE_KEYS = ("active_disclosure", "applications", "review_litigation")


def test_seed_pdf_parses_to_expected(seed_name: str) -> None:
    report = gikparse.parse((RENDERED / f"{seed_name}.pdf").read_bytes())
    expected = load_expected(seed_name)
    got = report.to_dict()
    for key in TABLE_KEYS:
        assert _exact(got[key]) == _exact(expected[key]), key
    for key in ("variant", "year", "agency", "period", "published", "signed_by", "contact"):
        if key in expected:
            assert got[key] == expected[key], key
    _assert_locations(report)


def test_seed_pdf_parses_like_its_text(seed_name: str) -> None:
    from_pdf = gikparse.parse((RENDERED / f"{seed_name}.pdf").read_bytes())
    from_text = gikparse.parse_text((RENDERED.parent / "seeds" / f"{seed_name}.txt").read_text())
    assert from_pdf.to_dict()["applications"] == from_text.to_dict()["applications"]


# --- generated reports -------------------------------------------------------------------

ruled_layouts = st.builds(
    Layout,
    ruled=st.just(True),
    split_at=st.one_of(st.none(), st.integers(1, 24)),
    repeat_header=st.booleans(),
    running=st.booleans(),
    fake_bold=st.booleans(),
    spaced_headers=st.booleans(),
    vertical_total=st.booleans(),
    blank=st.sampled_from(["", "—", "/"]),
    separators=st.booleans(),
    prose=st.integers(0, 4),
)


@pytest.mark.parametrize("variant", ["2020", "2021"])
@given(data=st.data())
def test_ruled_round_trip(variant: str, data: st.DataObject) -> None:
    generated = data.draw(generated_reports(variant))
    layout = data.draw(ruled_layouts)
    report = gikparse.parse(render_report(generated, layout))
    assert report.variant == variant
    assert report.agency == generated.agency
    _assert_same_tables(report, generated)
    _assert_locations(report)


# Tables printed without rules, as Word/WPS tables with hidden borders: numbers centred or
# right-aligned in slots wider than they are, labels wrapped at the top of their cells. Nothing
# marks a blank cell there, so blanks are printed as a dash or slash; an empty cell next to
# values is tested in test_pdf_reader.
unruled_layouts = st.builds(
    Layout,
    ruled=st.just(False),
    running=st.booleans(),
    fake_bold=st.booleans(),
    blank=st.sampled_from(["—", "/"]),
    prose=st.integers(0, 3),
    align=st.sampled_from(["center", "right"]),
)


@pytest.mark.parametrize("variant", ["2020", "2021"])
@given(data=st.data())
def test_unruled_round_trip_of_aligned_tables(variant: str, data: st.DataObject) -> None:
    """Tables printed without rules come back exactly: sections 二, 三 and 四, blanks (— or /)
    included."""
    generated = data.draw(generated_reports(variant))
    report = gikparse.parse(render_report(generated, data.draw(unruled_layouts)))
    assert report.variant == variant
    _assert_same_tables(report, generated)
    _assert_locations(report)

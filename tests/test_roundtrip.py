"""Property-based round trip: generate tables, render whole reports, parse back, same numbers.

For each surface shape (tab, space-aligned, pipe markdown, one cell per line) and both template
editions, hypothesis draws consistent table values (totals from the sum rules) and real-world
noise; ``gikparse.parse_text`` must give back every cell, the edition and the year, and every
value must point at the text it was read from.
"""

from __future__ import annotations

import os
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import Phase, given, note, settings
from hypothesis import strategies as st

import gikparse
from gikparse.model import json_number
from tests.render import CLEAN, SHAPES, Noise, Rendering, noises, render
from tests.strategies import GeneratedReport, fixed_report, generated_reports

VARIANTS = ("2020", "2021")

# Shrinking a whole rendered report can take minutes per failing test; it is off unless asked
# for (GIKPARSE_SHRINK=1), and the failing example is printed whole either way.
_PHASES = (
    tuple(Phase)
    if os.environ.get("GIKPARSE_SHRINK")
    else tuple(p for p in Phase if p is not Phase.shrink)
)
property_settings = settings(phases=_PHASES)

shape_param = pytest.mark.parametrize("shape", SHAPES)
variant_param = pytest.mark.parametrize("variant", VARIANTS)


def _draw(
    data: st.DataObject, variant: str, shape: str, *, noisy: bool = True
) -> tuple[GeneratedReport, Noise]:
    expected = data.draw(generated_reports(variant), label="report")
    noise = data.draw(noises(shape), label="noise") if noisy else CLEAN
    return expected, noise


def _parse(
    report: GeneratedReport, shape: str, noise: Noise, *, log: bool = True
) -> tuple[Rendering, gikparse.Report]:
    rendering = render(report, shape, noise)
    if log:
        note(f"noise: {noise}")
        note("rendered text:\n" + rendering.text)
    return rendering, gikparse.parse_text(rendering.text)


def _mismatches(expected: GeneratedReport, got: gikparse.Report) -> list[str]:
    """Every cell whose number (or kind of number) differs, as readable lines."""
    out: list[str] = []
    for table in expected.tables:
        parsed = got.table(table.qualified_id)
        if parsed is None:
            out.append(f"{table.qualified_id}: table missing")
            continue
        for row, column, want in table.cells():
            have = parsed.cell(row, column)
            value = None if have is None else have.value
            same = value == want and type(value) is type(want)
            if not same:
                raw = None if have is None else have.raw
                out.append(
                    f"{table.qualified_id}.{row}.{column}: want {want!r}, got {value!r} "
                    f"(raw {raw!r})"
                )
    return out


def _expected_export(expected: GeneratedReport) -> dict[str, Any]:
    def rows(table_id: str) -> dict[str, dict[str, Any]]:
        table = expected.table(table_id)
        out: dict[str, dict[str, Any]] = {}
        for row, column, value in table.cells():
            out.setdefault(row, {})[column] = json_number(value)
        return out

    return {
        "active_disclosure": {t.spec.id: rows(t.qualified_id) for t in expected.active_disclosure},
        "applications": rows("applications"),
        "review_litigation": rows("review_litigation"),
    }


def _exact(value: Any) -> Any:
    """Money is exported as a decimal string: compare it as a number (2.70 == 2.7)."""
    if isinstance(value, dict):
        return {k: _exact(v) for k, v in value.items()}
    if isinstance(value, str):
        return Decimal(value)
    return value


@shape_param
@variant_param
@property_settings
@given(data=st.data())
def test_every_cell_round_trips(variant: str, shape: str, data: st.DataObject) -> None:
    """Same edition, year, agency, every cell's number, and no other table cell."""
    expected, noise = _draw(data, variant, shape)
    _, got = _parse(expected, shape, noise)
    assert (got.variant, got.year, got.agency) == (
        expected.variant,
        expected.year,
        expected.agency,
    )
    problems = _mismatches(expected, got)
    assert not problems, "\n".join(problems[:20])
    exported = got.to_dict()
    want = _expected_export(expected)
    for key in ("active_disclosure", "applications", "review_litigation"):
        assert _exact(exported[key]) == _exact(want[key]), key


@shape_param
@variant_param
@property_settings
@given(data=st.data())
def test_values_point_at_their_raw_text(variant: str, shape: str, data: st.DataObject) -> None:
    expected, noise = _draw(data, variant, shape)
    rendering, got = _parse(expected, shape, noise)
    for table in expected.tables:
        parsed = got.table(table.qualified_id)
        assert parsed is not None, table.qualified_id
        for row, column, _ in table.cells():
            where = f"{table.qualified_id}.{row}.{column}"
            value = parsed.cell(row, column)
            assert value is not None, where
            loc = value.location
            assert loc is not None, where
            assert got.text[loc.offset : loc.offset + loc.length] == value.raw, where
            span = rendering.cells[(table.qualified_id, row, column)]
            if span.text:
                # the value was read from the very cell it was written to
                assert (loc.offset, loc.offset + loc.length) == (span.start, span.end), (
                    f"{where}: read {value.raw!r} at {loc.offset}, "
                    f"written {span.text!r} at {span.start}"
                )


@shape_param
@variant_param
@property_settings
@given(data=st.data())
def test_clean_rendering_has_no_error_diagnostics(
    variant: str, shape: str, data: st.DataObject
) -> None:
    expected, noise = _draw(data, variant, shape, noisy=False)
    _, got = _parse(expected, shape, noise)
    errors = [str(d) for d in got.diagnostics if d.severity is gikparse.Severity.ERROR]
    assert not errors, "\n".join(errors)
    assert not _mismatches(expected, got)


@shape_param
def test_money_keeps_every_decimal_place(shape: str) -> None:
    """A fixed amount with 6 decimals, with and without 13,023-style separators and 万元."""
    amount = ("active_disclosure.procurement", "centralized_procurement", "amount")
    expected = fixed_report("2020", {amount: Decimal("12345.633648")})
    written = set()
    for seed in range(12):
        noise = Noise(thousands=True, money_suffix=True, fullwidth=True, seed=seed)
        rendering, got = _parse(expected, shape, noise, log=False)
        written.add(rendering.cells[amount].text)
        table = got.table("procurement")
        assert table is not None
        value = table.value("centralized_procurement", "amount")
        assert isinstance(value, Decimal), rendering.cells[amount]
        assert str(value) == "12345.633648", rendering.cells[amount]
    assert any("," in w for w in written)
    assert any("万元" in w for w in written)

"""The public API: sources, strictness, exports, sections."""

from __future__ import annotations

import io
import json
import pickle
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given

import gikparse
import gikparse.readers.text
from tests.conftest import SEEDS
from tests.render import CLEAN, render
from tests.strategies import GeneratedReport, generated_reports

SEED = SEEDS / "002_0494dfef68de25df.txt"


def test_public_names_are_listed() -> None:
    for name in gikparse.__all__:
        assert hasattr(gikparse, name), name
    assert "parse" in dir(gikparse)


@pytest.mark.parametrize("shape", ["path", "str_path", "bytes", "file", "text", "gb18030"])
def test_every_source_shape_gives_the_same_report(shape: str) -> None:
    expected = gikparse.parse_text(SEED.read_text("utf-8"))
    source: object = {
        "path": SEED,
        "str_path": str(SEED),
        "bytes": SEED.read_bytes(),
        "file": io.BytesIO(SEED.read_bytes()),
        "text": SEED.read_text("utf-8"),
        "gb18030": SEED.read_text("utf-8").encode("gb18030"),
    }[shape]
    assert gikparse.parse(source) == expected  # type: ignore[arg-type]


def test_equality_ignores_where_values_came_from() -> None:
    text = SEED.read_text("utf-8")
    moved = gikparse.parse_text("\n\n\n" + text)
    assert moved == gikparse.parse_text(text)
    cell = moved.table("applications").cell("received", "total")  # type: ignore[union-attr]
    assert cell is not None and cell.location is not None
    assert moved.text[cell.location.offset : cell.location.offset + cell.location.length] == "2"


def test_reports_survive_pickling_with_their_locations() -> None:
    # Batches send reports between processes; locations are resolved lazily, so a pickled
    # report must still know where each value came from.
    report = gikparse.parse_text(SEED.read_text("utf-8"))
    copy = pickle.loads(pickle.dumps(report))
    assert copy == report
    for table in report.tables:
        for cell in table:
            again = copy.table(table.id).cell(cell.row, cell.column)  # type: ignore[union-attr]
            assert again is not None and again.location == cell.value.location
            assert again.raw == cell.value.raw


def test_a_location_given_to_a_value_is_kept() -> None:
    where = gikparse.Location(offset=3, length=1, line=2, column=1)
    value = gikparse.Value(1, raw="1", location=where)
    assert value.location is where
    assert attrs.evolve(value, value=2).location is where
    assert gikparse.Value(1).location is None


def test_a_table_from_values_is_the_table_from_its_cells() -> None:
    # A table's cells may be given as Cells or by position; parsers give them by position and
    # the Cells are made when first read.
    parsed = gikparse.parse_text(SEED.read_text("utf-8")).table("applications")
    assert parsed is not None
    values = {(c.row, c.column): c.value for c in parsed.cells}
    shape = {"id": parsed.id, "rows": parsed.rows, "columns": parsed.columns}
    from_cells = gikparse.Table(**shape, cells=parsed.cells)
    from_values = gikparse.Table(**shape, cells=values)
    assert from_values == from_cells == parsed
    assert hash(from_values) == hash(from_cells)
    assert from_values.cells == parsed.cells
    assert list(from_values) == list(parsed.cells)
    assert from_values.cell("received", "total") == values["received", "total"]
    assert from_values.row("received") == {c: v for (r, c), v in values.items() if r == "received"}
    first = parsed.cells[0]
    changed = {**values, (first.row, first.column): gikparse.Value(-1)}
    assert gikparse.Table(**shape, cells=changed) != parsed
    assert pickle.loads(pickle.dumps(from_values)).cells == parsed.cells
    # A table is a value: it does not follow the mapping it was made from, and evolve() makes
    # a new table from the content it is given.
    before = hash(from_values)
    values[first.row, first.column] = gikparse.Value(-1)
    assert from_values == parsed and hash(from_values) == before
    evolved = attrs.evolve(parsed, cells=changed)
    assert evolved.value(first.row, first.column) == -1 and evolved.cells[0].value.value == -1
    assert parsed.value(first.row, first.column) == first.value.value
    assert attrs.evolve(parsed, id="x").cells == parsed.cells
    # A short repr (not the hundreds of cells), the same whether or not cells were read.
    fresh = gikparse.parse_text(SEED.read_text("utf-8")).table("applications")
    assert repr(fresh) == repr(parsed) and "'applications'" in repr(parsed)
    assert f"cells={len(parsed.cells)}" in repr(parsed) and len(repr(parsed)) < 100


def test_values_are_the_same_however_a_table_is_read() -> None:
    # A parsed table makes a cell's Value when it is first read: equality, hashing, pickling,
    # numbers and exports must not depend on which cells were read before.
    text = SEED.read_text("utf-8")
    fresh, read = gikparse.parse_text(text), gikparse.parse_text(text)
    for table in read.tables:
        assert table.cells  # every Value made
    assert fresh == read and hash(fresh) == hash(read)
    assert fresh.to_dict() == read.to_dict()
    copy = pickle.loads(pickle.dumps(gikparse.parse_text(text)))
    assert copy == read
    for table in read.tables:
        again = gikparse.parse_text(text).table(table.id)
        assert again is not None
        for cell in table.cells:
            assert again.value(cell.row, cell.column) == cell.value.value
            made = again.cell(cell.row, cell.column)
            assert made == cell.value and made is again.cell(cell.row, cell.column)
            assert made is not None and made.raw == cell.value.raw
            assert made.location == cell.value.location
        assert again.cells == table.cells
        for row in table.rows:
            assert again.row(row) == table.row(row)


def test_a_broken_zip_is_a_source_error_naming_it() -> None:
    with pytest.raises(gikparse.SourceError, match="zip"):
        gikparse.parse(b"PK\x03\x04" + b"\x00" * 100)


def test_binary_junk_is_a_source_error() -> None:
    with pytest.raises(gikparse.SourceError):
        gikparse.parse(bytes(range(256)) * 4)


def test_unreadable_path_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(gikparse.SourceError):
        gikparse.parse(tmp_path)  # a folder


def test_wrong_type_is_a_clear_error() -> None:
    with pytest.raises(gikparse.SourceError, match="cannot parse a int"):
        gikparse.parse(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="parse_text"):
        gikparse.parse_text(b"bytes")  # type: ignore[arg-type]


def test_source_errors_are_value_errors() -> None:
    assert issubclass(gikparse.SourceError, ValueError)
    assert issubclass(gikparse.ParseError, gikparse.GikparseError)


def test_strict_raises_one_error_carrying_every_problem() -> None:
    text = SEEDS.joinpath("001_72224a9d5305aabc.txt").read_text("utf-8")
    lenient = gikparse.parse_text(text)
    problems = [d for d in lenient.diagnostics if d.severity is not gikparse.Severity.INFO]
    assert problems
    with pytest.raises(gikparse.ParseError) as caught:
        gikparse.parse_text(text, strict=True)
    assert caught.value.diagnostics == tuple(problems)
    assert "P203" in str(caught.value)


def test_not_a_report_gives_diagnostics_not_numbers() -> None:
    report = gikparse.parse_text("今天天气很好，我们去公园散步。\n")
    assert report.tables == ()
    assert {"P101"} <= {d.code for d in report.diagnostics}


def test_to_dict_is_json_ready_and_exact() -> None:
    data = gikparse.parse(SEED).to_dict()
    again = json.loads(json.dumps(data, ensure_ascii=False))
    assert again == data
    assert data["active_disclosure"]["procurement"]["centralized_procurement"]["amount"] == (
        "1732.633648"
    )
    assert data["applications"]["received"]["total"] == 2
    assert data["sections"]["other_matters"]["heading"] == "(六)其他需要报告的事项"


@given(report=generated_reports())
def test_to_dict_tells_every_cell_not_read_as_a_printed_number(report: GeneratedReport) -> None:
    # null in the tables may be blank, a dash, unreadable or ambiguous, and a number may be
    # inferred: cell_status says which, for exactly the cells whose status is not "number".
    text = render(report, "tab", CLEAN).text
    # A cell restored by the sums (P205): a value cut out of a full row.
    parsed = gikparse.parse_text(text.replace("\t0\t", "\t约\t", 1).replace("\t—\t", "\t\t", 1))
    data = json.loads(json.dumps(parsed.to_dict(), ensure_ascii=False))
    said = {
        (table, row, column): status
        for table, rows in data["cell_status"].items()
        for row, columns in rows.items()
        for column, status in columns.items()
    }
    assert said == {
        (table.id, cell.row, cell.column): cell.value.status.value
        for table in parsed.tables
        for cell in table.cells
        if cell.value.status is not gikparse.ValueStatus.NUMBER
    }


def test_to_records_are_long_rows_with_exact_values() -> None:
    report = gikparse.parse(SEED)
    records = report.to_records()
    assert len(records) == sum(len(t.cells) for t in report.tables)
    amount = next(r for r in records if r["column"] == "amount")
    assert amount["value"] == Decimal("1732.633648")
    assert amount["raw"] == "1732.633648万元"
    assert amount["section"] == "active_disclosure"
    assert amount["table"] == "procurement"
    assert amount["location"].startswith("line ")
    keys = {"section", "table", "row", "column", "value", "raw", "location"}
    assert all(keys <= set(r) for r in records)


def test_report_lookups() -> None:
    report = gikparse.parse(SEED)
    assert report.table("rules") is report.table("active_disclosure.rules")
    with pytest.raises(KeyError, match="nope"):
        report.table("nope")
    assert report.section("problems") is not None
    assert "安宁市人民政府" in repr(report)


def test_section_functions_work_on_their_own() -> None:
    section = gikparse.parse_problems("(一)存在的主要问题\n一是不够。\n(二)改进措施\n一是加强。\n")
    assert section.id == "problems"
    assert section.parts
    table = gikparse.parse_review_litigation(
        "行政复议\t行政诉讼\n" + "\t".join(str(i % 5) for i in range(15)) + "\n"
    )
    assert table.value("review", "upheld") == 0


def test_reader_diagnostics_reach_the_report() -> None:
    noticed = gikparse.Diagnostic(
        code="P401",
        severity=gikparse.Severity.WARNING,
        message="读者注意到的问题",
        message_en="something the reader noticed",
    )
    doc = gikparse.readers.text.read_text(SEED.read_text("utf-8"))
    report = gikparse.parse_document(attrs.evolve(doc, diagnostics=(noticed,)))
    assert report.diagnostics[0] == noticed


def test_prose_section_functions_take_a_document_too() -> None:
    text = "(一)存在的主要问题\n一是不够。\n(二)改进措施\n一是加强。\n"
    from_text = gikparse.parse_problems(text)
    from_doc = gikparse.parse_problems(gikparse.readers.text.read_text(text))
    assert from_doc.text == from_text.text
    assert from_doc.parts == from_text.parts

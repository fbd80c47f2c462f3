"""Reports as pandas frames: exact types, blanks missing, stable panel columns, round trips."""

from __future__ import annotations

import io
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gikparse
from gikparse.numbers import ValueStatus
from tests.conftest import SEEDS
from tests.render import CLEAN, render
from tests.report_factory import with_cell
from tests.strategies import GeneratedReport, generated_reports

pd = pytest.importorskip("pandas")
frames = pytest.importorskip("gikparse.frames")

SEED_PATHS = sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def seed_reports() -> list[gikparse.Report]:
    return [gikparse.parse(p) for p in SEED_PATHS]


def _exported_cells(report: gikparse.Report) -> dict[str, Any]:
    """Cell id -> JSON value, from ``to_dict()`` (the stable export)."""
    data = report.to_dict()
    out: dict[str, Any] = {}
    for short, rows in data["active_disclosure"].items():
        for row, columns in rows.items():
            for column, value in columns.items():
                out[f"active_disclosure.{short}/{row}/{column}"] = value
    for table in ("applications", "review_litigation"):
        for row, columns in (data[table] or {}).items():
            for column, value in columns.items():
                out[f"{table}/{row}/{column}"] = value
    return out


def _json_of(row: Any) -> Any:
    """The JSON value of a cells-frame row, as to_dict() writes it."""
    if not pd.isna(row["amount"]):
        return row["amount"]
    if not pd.isna(row["value"]):
        return int(row["value"])
    return None


def _same_json(got: Any, want: Any) -> bool:
    if isinstance(want, str):  # money: an exact decimal string
        return isinstance(got, Decimal) and got == Decimal(want)
    return got == want and type(got) is type(want)


def test_cells_frame_has_nullable_integers_exact_money_and_located_rows(
    seed_reports: list[gikparse.Report],
) -> None:
    cells = frames.cells_frame(seed_reports)
    assert str(cells["value"].dtype) == "Int64"
    assert cells["amount"].dtype == frames.DECIMAL
    assert str(cells["value_float"].dtype) == "Float64"
    for column in ("year", "page", "offset", "line"):
        assert str(cells[column].dtype) == "Int64", column
    assert len(cells) == sum(len(t.cells) for r in seed_reports for t in r.tables)
    money = cells[cells["kind"] == "money"]
    assert len(money) and money["value"].isna().all()
    assert (money["amount"].isna() == money["value_float"].isna()).all()


def test_cells_frame_values_equal_the_stable_export(seed_reports: list[gikparse.Report]) -> None:
    cells = frames.cells_frame(seed_reports)
    for report in seed_reports:
        mine = cells[cells["source"] == report.source]
        want = _exported_cells(report)
        got = {row["id"]: _json_of(row) for _, row in mine.iterrows()}
        assert got.keys() == want.keys()
        bad = [k for k in want if not _same_json(got[k], want[k])]
        assert not bad, bad[:5]


def test_blank_dash_and_unreadable_cells_are_missing_never_zero(
    seed_reports: list[gikparse.Report],
) -> None:
    report = seed_reports[-1]
    table = report.applications
    assert table is not None
    changed = with_cell(table, "received", "natural_person", None)
    changed = with_cell(changed, "received", "commercial_enterprise", "—")
    changed = with_cell(changed, "received", "research_institution", "x")
    report = attrs.evolve(report, applications=changed)
    cells = frames.cells_frame([report]).set_index("id")
    for column, status in (
        ("natural_person", ValueStatus.BLANK),
        ("commercial_enterprise", ValueStatus.DASH),
        ("research_institution", ValueStatus.UNREADABLE),
    ):
        row = cells.loc[f"applications/received/{column}"]
        assert row["status"] == status.value
        assert pd.isna(row["value"]) and pd.isna(row["value_float"])
    panel = frames.panel_frame([report], run_checks=False)
    assert pd.isna(panel.loc[0, "applications/received/natural_person"])


def test_a_number_that_does_not_fit_its_column_is_an_error_not_a_rounding(
    seed_reports: list[gikparse.Report],
) -> None:
    report = seed_reports[-1]
    table = report.applications
    assert table is not None
    huge = attrs.evolve(report, applications=with_cell(table, "received", "total", 10**20))
    with pytest.raises(frames.FrameError, match="applications/received/total"):
        frames.cells_frame([huge])
    with pytest.raises(frames.FrameError):
        frames.panel_frame([huge], run_checks=False)


def test_panel_columns_are_the_same_for_both_editions_and_years_stack(
    seed_reports: list[gikparse.Report],
) -> None:
    by_variant = {r.variant: r for r in seed_reports}
    old = frames.panel_frame([by_variant["2020"]])
    new = frames.panel_frame([by_variant["2021"]])
    assert list(old.columns) == list(new.columns)
    assert (old.dtypes == new.dtypes).all()
    stacked = pd.concat([old, new], ignore_index=True)
    assert (stacked.dtypes == old.dtypes).all()
    only = {v: [c.id for c in gikparse.cell_ids() if c.editions == (v,)] for v in ("2020", "2021")}
    assert stacked.loc[0, only["2021"]].isna().all()
    assert stacked.loc[1, only["2020"]].isna().all()
    assert stacked.loc[0, only["2020"]].notna().any()
    assert stacked.loc[1, only["2021"]].notna().any()
    assert list(stacked["year"]) == [by_variant["2020"].year, by_variant["2021"].year]
    assert list(stacked["findings"]) == [len(gikparse.check(r)) for r in by_variant.values()]


def _generated_cells(expected: GeneratedReport) -> dict[str, Any]:
    return {
        f"{t.qualified_id}/{row}/{column}": value
        for t in expected.tables
        for row, column, value in t.cells()
    }


@settings(max_examples=15)
@given(expected=st.sampled_from(("2020", "2021")).flatmap(generated_reports))
def test_generated_reports_give_panel_rows_with_their_numbers_and_survive_round_trips(
    expected: GeneratedReport,
) -> None:
    report = gikparse.parse_text(render(expected, "tab", CLEAN).text)
    panel = frames.panel_frame([report], run_checks=False)
    want = _generated_cells(expected)
    for spec in gikparse.cell_ids():
        got = panel.loc[0, spec.id]
        value = want.get(spec.id)
        if value is None:  # blank in the report, or a cell of the other edition
            assert pd.isna(got), spec.id
        else:
            assert got == value, spec.id
    cells = frames.cells_frame([report])
    for kind, frame in (("panel", panel), ("cells", cells)):
        text = io.StringIO()
        frame.to_csv(text, index=False)
        text.seek(0)
        pd.testing.assert_frame_equal(frames.read_csv(text, kind), frame)
        data = io.BytesIO()
        frame.to_parquet(data)
        data.seek(0)
        pd.testing.assert_frame_equal(frames.read_parquet(data, kind), frame)


def test_findings_frame_and_ids_frame_survive_csv_and_parquet(
    seed_reports: list[gikparse.Report], tmp_path: Path
) -> None:
    found = frames.findings_frame(seed_reports)
    assert len(found) == sum(len(gikparse.check(r)) for r in seed_reports)
    assert found["expected"].dtype == frames.DECIMAL
    ids = frames.ids_frame()
    assert list(ids["id"]) == [c.id for c in gikparse.cell_ids()]
    for kind, frame in (("findings", found), ("ids", ids)):
        frame.to_csv(tmp_path / f"{kind}.csv", index=False)
        frame.to_parquet(tmp_path / f"{kind}.parquet")
        pd.testing.assert_frame_equal(frames.read_csv(tmp_path / f"{kind}.csv", kind), frame)
        read = frames.read_parquet(tmp_path / f"{kind}.parquet", kind)
        pd.testing.assert_frame_equal(read, frame)


def test_a_failed_batch_result_is_a_panel_row_with_its_error_and_no_cells() -> None:
    results = list(gikparse.parse_many([SEED_PATHS[0], SEEDS / "missing.txt"]))
    panel = frames.panel_frame(results)
    assert pd.isna(panel.loc[0, "error"]) and panel.loc[1, "error"].startswith("FileNotFoundError")
    cell_columns = [c.id for c in gikparse.cell_ids()]
    assert panel.loc[1, cell_columns].isna().all()
    # In the long frames the failed file is one row of its error: never left out unseen.
    for frame in (frames.cells_frame(results), frames.findings_frame(results)):
        failed = frame[frame["source"] == str(SEEDS / "missing.txt")]
        assert len(failed) == 1 and failed["error"].iloc[0].startswith("FileNotFoundError")
        assert frame[frame["source"] != str(SEEDS / "missing.txt")]["error"].isna().all()


def test_a_report_of_no_known_edition_is_a_panel_row_not_an_error(
    seed_reports: list[gikparse.Report],
) -> None:
    # An empty text, a page that is no report, a report whose edition nothing tells (read as
    # the default edition, P111): each a row of the panel (a batch is not lost to one).
    unknown = attrs.evolve(
        seed_reports[0], template=attrs.evolve(seed_reports[0].template, variant=None)
    )
    reports = [gikparse.parse_text(""), gikparse.parse_text("天气晴。"), unknown]
    panel = frames.panel_frame(reports, run_checks=False)
    assert len(panel) == 3 and panel["variant"].isna().all()
    assert panel["error"].isna().all()
    # The tables read are the default edition's: found, their cells in the panel.
    assert panel.loc[2, "applications__found"]
    received = "applications/received/total"
    assert panel.loc[2, received] == unknown.table("applications").value("received", "total")


def test_read_csv_refuses_a_frame_of_another_kind(seed_reports: list[gikparse.Report]) -> None:
    text = io.StringIO()
    frames.findings_frame(seed_reports).to_csv(text, index=False)
    text.seek(0)
    with pytest.raises(frames.FrameError, match="not a cells frame"):
        frames.read_csv(text, "cells")


def test_read_csv_takes_the_callers_encoding(
    seed_reports: list[gikparse.Report], tmp_path: Path
) -> None:
    cells = frames.cells_frame(seed_reports[:1])
    path = tmp_path / "cells.csv"
    cells.to_csv(path, index=False, encoding="gbk")  # as Excel on a Chinese Windows saves it
    pd.testing.assert_frame_equal(frames.read_csv(path, encoding="gbk"), cells)


@pytest.mark.parametrize("read", ["read_csv", "read_parquet"])
def test_an_unknown_kind_is_a_value_error_naming_the_kinds(read: str, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("source\n", "utf-8")
    with pytest.raises(ValueError, match=r"'cells', 'panel', 'findings', 'ids'.*'panle'"):
        getattr(frames, read)(path, "panle")


def test_importing_gikparse_does_not_import_pandas() -> None:
    code = (
        "import sys, gikparse\n"
        f"list(gikparse.parse_many([{str(SEED_PATHS[0])!r}], check=True))\n"
        "gikparse.cell_ids()\n"
        "assert 'pandas' not in sys.modules and 'pyarrow' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[1])


def test_a_count_that_is_not_whole_is_kept_exact_never_truncated(
    seed_reports: list[gikparse.Report],
) -> None:
    report = seed_reports[-1]
    table = report.applications
    assert table is not None
    changed = with_cell(table, "received", "natural_person", Decimal("2.5"))
    changed = with_cell(changed, "received", "commercial_enterprise", Decimal("3.0"))
    report = attrs.evolve(report, applications=changed)
    cells = frames.cells_frame([report]).set_index("id")
    half = cells.loc["applications/received/natural_person"]
    assert pd.isna(half["value"]) and half["amount"] == Decimal("2.5")
    assert half["value_float"] == 2.5
    whole = cells.loc["applications/received/commercial_enterprise"]
    assert whole["value"] == 3 and pd.isna(whole["amount"])
    panel = frames.panel_frame([report], run_checks=False)
    assert pd.isna(panel.loc[0, "applications/received/natural_person"])
    assert panel.loc[0, "applications/received/commercial_enterprise"] == 3
    assert panel.loc[0, "not_whole"] == "applications/received/natural_person=2.5"


def test_the_panel_tells_a_blank_cell_from_an_unread_one_and_a_lost_table(
    seed_reports: list[gikparse.Report],
) -> None:
    report = seed_reports[-1]
    table = report.applications
    assert table is not None
    blank = attrs.evolve(report, applications=with_cell(table, "received", "natural_person", None))
    unread = attrs.evolve(report, applications=with_cell(table, "received", "natural_person", "x"))
    lost = attrs.evolve(report, applications=None)
    panel = frames.panel_frame([report, blank, unread, lost], run_checks=False)
    cell = "applications/received/natural_person"
    assert panel[cell].isna().tolist() == [False, True, True, True]  # the same NA three times…
    # … and three different reasons beside it
    assert panel["applications__found"].tolist() == [True, True, True, False]
    base_blank, base_unread = panel.loc[0, ["applications__blank", "applications__not_read"]]
    assert panel.loc[1, "applications__blank"] == base_blank + 1
    assert panel.loc[2, "applications__not_read"] == base_unread + 1
    assert f"{cell}=blank" in panel.loc[1, "cell_status"]
    assert f"{cell}=unreadable" in panel.loc[2, "cell_status"]
    assert pd.isna(panel.loc[3, "applications__blank"])
    assert pd.isna(panel.loc[3, "applications__not_read"])


def test_the_panels_table_statuses_agree_with_the_cells_frame(
    seed_reports: list[gikparse.Report],
) -> None:
    panel = frames.panel_frame(seed_reports, run_checks=False)
    cells = frames.cells_frame(seed_reports)
    tables = sorted({c.table for c in gikparse.cell_ids()})
    for i, report in enumerate(seed_reports):
        mine = cells[cells["source"] == report.source]
        edition = {c.table for c in gikparse.cell_ids() if report.variant in c.editions}
        listed = {f"{r.id}={r.status}" for r in mine.itertuples() if r.status != "number"}
        got = panel.loc[i, "cell_status"]
        assert listed == (set(got.split("; ")) if isinstance(got, str) else set())
        for table in tables:
            found = panel.loc[i, f"{table}__found"]
            if table not in edition:
                assert pd.isna(found)
                continue
            rows = mine[mine["table"] == table]
            assert bool(found) == (not rows.empty or any(t.id == table for t in report.tables))
            if not found:
                continue
            statuses = rows["status"].tolist()
            printed = sum(
                1 for c in gikparse.cell_ids() if c.table == table and report.variant in c.editions
            )
            assert panel.loc[i, f"{table}__blank"] == sum(s in ("blank", "dash") for s in statuses)
            assert panel.loc[i, f"{table}__inferred"] == statuses.count("inferred")
            read = sum(s in ("number", "inferred") for s in statuses)
            assert (
                panel.loc[i, f"{table}__not_read"]
                == printed - read - panel.loc[i, f"{table}__blank"]
            )

"""The review page and the notebook views: failing and unreadable cells marked, all escaped."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

import gikparse
from gikparse.checks import Finding, check
from gikparse.cli import main
from gikparse.errors import Severity
from gikparse.numbers import ValueStatus
from gikparse.review import report_html, table_html
from tests.cli_helpers import failing_text
from tests.conftest import SEEDS


class _Page(HTMLParser):
    """The marks of a page: per report section, each value cell's codes and classes, each
    table's codes, and each row label's colspan/rowspan; plus every text and tag seen."""

    def __init__(self) -> None:
        super().__init__()
        self.reports: dict[str, dict[str, tuple[set[str], set[str]]]] = {}
        self.tables: dict[str, dict[str, set[str]]] = {}
        self.statuses: dict[str, str] = {}
        self.tags: list[str] = []
        self.texts: list[str] = []
        self._source = ""

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attributes}
        self.tags.append(tag)
        if tag == "section" and "data-source" in found:
            self._source = found["data-source"]
            self.statuses[self._source] = found["data-status"]
            self.reports[self._source] = {}
            self.tables[self._source] = {}
        if tag == "td" and "data-cell" in found:
            codes = set(found.get("data-codes", "").split())
            classes = set(found.get("class", "").split())
            self.reports.setdefault(self._source, {})[found["data-cell"]] = (codes, classes)
        if tag == "table" and "data-table" in found:
            codes = set(found.get("data-codes", "").split())
            self.tables.setdefault(self._source, {})[found["data-table"]] = codes

    def handle_data(self, data: str) -> None:
        self.texts.append(data)


def _read(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def _assert_marked(
    findings: tuple[Finding, ...],
    cells: dict[str, tuple[set[str], set[str]]],
    tables: dict[str, set[str]],
) -> int:
    """Every failing finding (warning or error) is marked on each of its cells, on the cells
    of its row, or on its table; returns how many marks were checked."""
    checked = 0
    for f in findings:
        if not f.is_failure or f.severity is Severity.INFO or f.table is None:
            continue
        ids = [c.id for c in f.cells if c.year is None]
        if not ids and f.row is not None:
            ids = [k for k in cells if k.startswith(f"{f.table}/{f.row}/")]
        if ids:
            for cell_id in ids:
                codes, classes = cells[cell_id]
                assert f.code in codes, (f.code, cell_id)
                assert f"flag-{f.severity.value}" in classes or "flag-error" in classes
                checked += 1
        else:
            assert f.code in tables[f.table], (f.code, f.table)
            checked += 1
    return checked


def test_the_review_page_of_the_seed_folder_marks_every_failing_cell(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in SEEDS.glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "bad_sum.txt").write_text(failing_text(), "utf-8")
    page_path = tmp_path / "review.html"
    assert (
        main(
            [
                "check",
                "-q",
                "-f",
                "jsonl",
                "-o",
                str(tmp_path / "out.jsonl"),
                str(folder),
                "--html",
                str(page_path),
            ]
        )
        == 1
    )
    html = page_path.read_text("utf-8")
    page = _read(html)
    assert not {"script", "link", "img", "iframe"} & set(page.tags)  # self-contained
    assert "http://" not in html and "https://" not in html
    checked = 0
    for path in sorted(folder.iterdir()):
        report = gikparse.parse(path)
        source = str(path)
        assert source in page.reports, source
        checked += _assert_marked(check(report), page.reports[source], page.tables[source])
        # The 三 and 四 tables are drawn, every cell of them.
        for table in (report.applications, report.review_litigation):
            assert table is not None
            assert {f"{table.id}/{c.row}/{c.column}" for c in table.cells} <= set(
                page.reports[source]
            )
    assert checked >= 10  # seed 000's blank and prose cells, 001's rows, the broken sum
    assert page.statuses[str(folder / "bad_sum.txt")] == "fail"
    # The broken sum shows its numbers beside the cell.
    assert "3 ≠ 2 (+1)" in "".join(page.texts)
    # The must_flag findings of seeds 000 and 001 are among those marked.
    seed_000 = page.reports[str(folder / "000_623967a19d51db49.txt")]
    assert "C305" in seed_000["review_litigation/review/upheld"][0]
    assert "C405" in seed_000["review_litigation/litigation_direct/total"][0]
    seed_001 = page.reports[str(folder / "001_72224a9d5305aabc.txt")]
    assert "C312" in seed_001["applications/outcome.total/natural_person"][0]
    assert "C312" in page.tables[str(folder / "001_72224a9d5305aabc.txt")]["review_litigation"]


def test_unreadable_and_ambiguous_cells_are_highlighted() -> None:
    report = gikparse.parse(SEEDS / "002_0494dfef68de25df.txt")
    table = report.applications
    assert table is not None
    cells = {(c.row, c.column): c.value for c in table.cells}
    cells["received", "total"] = gikparse.Value(None, ValueStatus.UNREADABLE, raw="约3")
    cells["carried_over", "total"] = gikparse.Value(None, ValueStatus.AMBIGUOUS)
    broken = attrs.evolve(report, applications=attrs.evolve(table, cells=cells))
    page = _read(report_html(broken, check(broken)))
    marks = page.reports[""]
    assert "v-unreadable" in marks["applications/received/total"][1]
    assert "v-ambiguous" in marks["applications/carried_over/total"][1]
    assert "C307" in marks["applications/received/total"][0]
    assert "约3" in page.texts


def test_everything_is_escaped(tmp_path: Path) -> None:
    name = tmp_path / "<img src=x onerror=alert(1)>&.txt"
    name.write_text(failing_text().replace("安宁市人民政府", "<b>安宁</b>"), "utf-8")
    page_path = tmp_path / "r.html"
    assert (
        main(
            [
                "check",
                "-q",
                "-f",
                "jsonl",
                "-o",
                str(tmp_path / "o.jsonl"),
                str(name),
                "--html",
                str(page_path),
            ]
        )
        == 1
    )
    html = page_path.read_text("utf-8")
    assert "<img" not in html and "<b>安宁" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;&amp;.txt" in html


def test_notebook_views_use_the_template_layout() -> None:
    report = gikparse.parse(SEEDS / "003_74eb19db5e047c3e.txt")
    table = report.applications
    assert table is not None
    html = table._repr_html_()
    page = _read(html)
    assert {f"applications/{c.row}/{c.column}" for c in table.cells} == set(page.reports[""])
    assert '<th colspan="5">法人或其他组织</th>' in html
    assert '<th colspan="7">申请人情况</th>' in html
    review = report.review_litigation
    assert review is not None
    assert '<th colspan="10">行政诉讼</th>' in review._repr_html_()
    assert table_html(table) in html
    assert "applications" in report._repr_html_()


@pytest.mark.parametrize("name", ["000_623967a19d51db49", "001_72224a9d5305aabc"])
def test_report_repr_html_marks_the_seed_findings(name: str) -> None:
    report = gikparse.parse(SEEDS / f"{name}.txt")
    page = _read(report._repr_html_())
    assert _assert_marked(check(report), page.reports[""], page.tables[""]) > 0

"""Never silently wrong at the surface: paths, ids, empty and odd input, the consistency verdict."""

from __future__ import annotations

import builtins
import io
from pathlib import Path

import attrs
import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

import gikparse
from gikparse.checks import Consistency, consistency, is_consistent, unassessable
from gikparse.numbers import ValueStatus
from tests.conftest import SEEDS
from tests.docx_render import NS, docx_package, zip_members
from tests.render import SHAPES, noises, render
from tests.strategies import generated_reports

SEED = SEEDS / "002_0494dfef68de25df.txt"


def _codes(report: gikparse.Report) -> list[str]:
    return [d.code for d in report.diagnostics]


# ---- paths ----------------------------------------------------------------------------------


@pytest.mark.parametrize("typo", ["reprot.pdf", "reports/2021.TXT", "sub/dir/report", "x.docx"])
def test_a_typoed_path_raises_file_not_found(
    typo: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(gikparse.FileNotFoundError) as raised:
        gikparse.parse(typo)
    # One except catches every gikparse error; the built-in one catches it too.
    assert isinstance(raised.value, gikparse.GikparseError)
    assert isinstance(raised.value, builtins.FileNotFoundError)
    assert raised.value.filename == typo


def test_a_missing_pathlib_path_raises_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(gikparse.FileNotFoundError):
        gikparse.parse(tmp_path / "nope.txt")
    with pytest.raises(gikparse.FileNotFoundError):
        gikparse.parse_pdf(str(tmp_path / "nope.pdf"))


def test_a_folder_raises(tmp_path: Path) -> None:
    for source in (str(tmp_path), tmp_path, str(SEEDS)):
        with pytest.raises(gikparse.IsADirectoryError) as raised:
            gikparse.parse(source)  # type: ignore[arg-type]
        assert isinstance(raised.value, gikparse.SourceError)
        assert "folder" in str(raised.value)


def test_tilde_is_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    with pytest.raises(gikparse.FileNotFoundError) as raised:
        gikparse.parse("~/x.txt")
    assert raised.value.filename == str(tmp_path / "x.txt")
    (tmp_path / "x.txt").write_bytes(SEED.read_bytes())
    assert gikparse.parse("~/x.txt") == gikparse.parse(SEED)


def test_the_path_rule_is_one_documented_function(tmp_path: Path) -> None:
    assert gikparse.is_path_like("report.PDF")
    assert gikparse.is_path_like("~/reports")
    assert gikparse.is_path_like("a/b")
    assert gikparse.is_path_like(str(tmp_path))  # exists
    assert not gikparse.is_path_like("")
    assert not gikparse.is_path_like("一、总体情况\n二、主动公开政府信息情况")
    assert not gikparse.is_path_like("just some words")
    assert not gikparse.is_path_like("line one ending in .pdf\nline two.pdf")


def test_one_line_of_text_read_as_text_says_so_loudly() -> None:
    report = gikparse.parse("reprot")  # no suffix, no separator: text, and a P002 naming why
    first = report.diagnostics[0]
    assert first.code == "P002" and first.severity is gikparse.Severity.ERROR
    assert "pathlib.Path" in first.message_en
    assert not is_consistent(report)


# ---- empty, not a report, two reports, markup -------------------------------------------------


@pytest.mark.parametrize("source", ["", "  \n\n ", b"", io.BytesIO(b""), "empty-file"])
def test_empty_input_gives_the_p001_error_and_only_it(source: object, tmp_path: Path) -> None:
    if source == "empty-file":
        source = tmp_path / "empty.txt"
        source.write_bytes(b"")
    report = gikparse.parse(source)  # type: ignore[arg-type]
    assert _codes(report) == ["P001"]
    assert report.diagnostics[0].severity is gikparse.Severity.ERROR
    assert consistency(report) is Consistency.CANNOT_TELL
    with pytest.raises(gikparse.ParseError, match="P001"):
        gikparse.parse(b"", strict=True)


def test_a_text_that_is_not_a_report_gets_p002() -> None:
    report = gikparse.parse_text("会议纪要\n今天开会讨论了绿化问题。\n下次会议定于周五。\n")
    assert _codes(report)[0] == "P002"
    assert report.diagnostics[0].location is not None
    assert not is_consistent(report)


def test_html_markup_that_is_no_report_gets_p002_naming_markup() -> None:
    html = "<!DOCTYPE html>\n<html><body>\n<p>通知</p>\n</body></html>\n"
    report = gikparse.parse(html.encode())
    diagnostic = report.diagnostics[0]
    assert diagnostic.code == "P002" and "markup" in diagnostic.message_en


def test_two_reports_in_one_text_get_p003() -> None:
    one = SEED.read_text("utf-8")
    two = (SEEDS / "003_74eb19db5e047c3e.txt").read_text("utf-8")
    report = gikparse.parse_text(one + "\n" + two)
    p003 = [d for d in report.diagnostics if d.code == "P003"]
    assert len(p003) == 1 and p003[0].location is not None
    # The heading that starts over is where the second report begins.
    assert p003[0].location.offset >= len(one)
    assert "P003" not in _codes(gikparse.parse_text(one))
    # Only the first is parsed, its facts too: its own signature, not the second's.
    alone = gikparse.parse_text(one).meta
    assert (report.meta.published, report.meta.signed_by) == (alone.published, alone.signed_by)
    assert report.sections[-1].text == gikparse.parse_text(one).sections[-1].text


def test_seeds_are_reports_once() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        codes = _codes(gikparse.parse(path))
        assert not {"P001", "P002", "P003"} & set(codes), path.name


# ---- ids ----------------------------------------------------------------------------------


def test_a_typoed_row_or_column_id_raises_with_the_valid_ids() -> None:
    table = gikparse.parse(SEED).table("applications")
    assert table is not None
    with pytest.raises(KeyError, match=r"did you mean 'received'") as raised:
        table.value("recieved", "total")
    assert "carried_forward" in str(raised.value)  # the valid ids are listed
    with pytest.raises(KeyError, match=r"did you mean 'total'"):
        table.cell("received", "totl")
    with pytest.raises(KeyError, match="recieved"):
        table.row("recieved")


def test_a_typoed_table_or_section_id_raises() -> None:
    report = gikparse.parse(SEED)
    with pytest.raises(KeyError, match=r"did you mean 'applications'"):
        report.table("aplications")
    with pytest.raises(KeyError, match=r"did you mean 'overview'"):
        report.section("overveiw")


def test_a_valid_id_that_is_absent_stays_none() -> None:
    # A table prints (六) in one edition's form only; the other edition's rows are valid ids
    # the table does not have: None, as for any cell the report does not print.
    report = gikparse.parse(SEED)
    table = report.table("applications")
    assert table is not None
    other = "outcome.other" if "outcome.other" not in table.rows else "outcome.other.other"
    assert other not in table.rows
    assert table.value(other, "total") is None
    assert table.row(other) == {}
    empty = gikparse.parse(b"")
    assert empty.table("applications") is None
    assert empty.section("overview") is None


# ---- the consistency verdict -----------------------------------------------------------------


def test_an_ambiguous_cell_makes_the_report_cannot_tell() -> None:
    report = gikparse.parse(SEED)
    table = report.applications
    assert table is not None and is_consistent(report)
    cells = {(c.row, c.column): c.value for c in table.cells}
    cells["received", "total"] = gikparse.Value(None, ValueStatus.AMBIGUOUS)
    broken = attrs.evolve(report, applications=attrs.evolve(table, cells=cells))
    assert consistency(broken) is Consistency.CANNOT_TELL
    assert not is_consistent(broken)
    assert any("ambiguous" in reason for reason in unassessable(broken))


def test_a_missing_table_makes_the_report_cannot_tell() -> None:
    report = attrs.evolve(gikparse.parse(SEED), review_litigation=None)
    assert consistency(report) is Consistency.CANNOT_TELL


_CHANGED = ("applications", "review_litigation")


@settings(max_examples=30)
@given(data=st.data())
def test_one_number_changed_in_three_or_four_is_never_consistent(data: st.DataObject) -> None:
    """Render a consistent report with one number of 三 or 四 moved, parse it back: whatever
    the parser makes of it (a failing sum, an ambiguous row), the report is not consistent."""
    report = data.draw(generated_reports(blank=False), label="report")
    table = report.table(data.draw(st.sampled_from(_CHANGED), label="table"))
    position = data.draw(st.sampled_from(sorted(table.values)), label="cell")
    before = table.values[position]
    assert isinstance(before, int)
    after = data.draw(
        st.integers(0, max(60, 2 * before)).filter(lambda n: n != before), label="new value"
    )
    table.values[position] = after  # GeneratedTable keeps its values in a plain dict
    shape = data.draw(st.sampled_from(SHAPES), label="shape")
    rendering = render(report, shape, data.draw(noises(shape), label="noise"))
    note(rendering.text)
    parsed = gikparse.parse_text(rendering.text)
    assert not is_consistent(parsed)
    assert consistency(parsed) is not Consistency.CONSISTENT


def test_checks_read_diagnostics_that_name_a_section_not_a_table() -> None:
    # Section 二's own diagnostics (P213) name the section; the strict table lookup must not
    # turn them into a KeyError inside check().
    report = gikparse.parse(SEED)
    about_section = gikparse.Diagnostic(
        code="P213",
        severity=gikparse.Severity.WARNING,
        message="第二十条第（十）项",
        message_en="caption of no table",
        table="active_disclosure",
    )
    noted = attrs.evolve(report, diagnostics=(*report.diagnostics, about_section))
    found = [f for f in gikparse.check(noted) if "P213" in f.message]
    assert len(found) == 1 and found[0].table == "active_disclosure"


def test_rows_left_out_make_the_sums_unable_to_vouch_even_with_a_wrong_number() -> None:
    # Seed 000 without two refusal rows, and (一)予以公开 of natural persons moved to 7: the
    # column sums that would catch the 7 need the rows left out.
    seed = SEEDS / "000_623967a19d51db49.txt"
    kept = [
        line
        for line in seed.read_text("utf-8").splitlines()
        if "保护第三方合法权益" not in line and "属于三类内部" not in line
    ]
    text = "\n".join(kept)
    assert consistency(gikparse.parse_text(text)) is Consistency.CANNOT_TELL
    granted = next(line for line in kept if "予以公开\t" in line)
    wrong = granted.replace("\t0\t0\t0\t0\t0\t0\t0", "\t7\t0\t0\t0\t0\t0\t7", 1)
    assert wrong != granted
    report = gikparse.parse_text(text.replace(granted, wrong))
    assert report.table("applications").value("outcome.granted", "natural_person") == 7
    assert consistency(report) is not Consistency.CONSISTENT
    assert any("not printed" in reason for reason in unassessable(report))


@pytest.mark.parametrize("name", ["~nosuchuser-gikparse/x.pdf", "~~"])
def test_a_tilde_of_no_user_is_a_missing_file_not_a_crash(name: str) -> None:
    with pytest.raises(gikparse.FileNotFoundError):
        gikparse.parse(name)


def test_a_file_named_like_a_word_lock_file_is_read_literally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("~$report.txt").write_text(SEED.read_text("utf-8"), "utf-8")
    assert gikparse.parse("~$report.txt") == gikparse.parse(SEED)


def test_markup_given_as_a_str_is_a_page_never_a_path() -> None:
    for page in ("<p>hi</p>", "<table><tr><td>1</td></tr></table>"):
        assert not gikparse.is_path_like(page)
        assert gikparse.parse_html(page).diagnostics[0].code == "P002"


def test_an_address_is_refused_with_advice_not_looked_up_as_a_file() -> None:
    with pytest.raises(gikparse.SourceError, match="does not download"):
        gikparse.parse("https://www.example.gov.cn/2021/report.html")


def test_pdf_options_given_for_other_sources_are_said_to_be_ignored() -> None:
    text = SEED.read_text("utf-8")
    for source in (text, text.encode("utf-8")):
        report = gikparse.parse(source, pages=[1])
        assert report.diagnostics[-1].code == "P004"
        assert report.table("applications") == gikparse.parse(text).table("applications")
    page = gikparse.parse("<html><body><p>一、总体情况</p></body></html>", pages=[1])
    assert page.diagnostics[-1].code == "P004" and "html" in page.diagnostics[-1].message_en
    assert gikparse.parse(text, password="x").diagnostics[-1].code == "P004"
    assert all(d.code != "P004" for d in gikparse.parse(text).diagnostics)
    with pytest.raises(gikparse.ParseError, match="P004"):
        gikparse.parse(text, pages=[1], strict=True)
    # A zip is read as Word without being opened first to tell; the diagnostic still names it.
    body = "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>"
    word = docx_package(f"<w:document {NS}><w:body>{body}</w:body></w:document>")
    other = zip_members({"readme.txt": b"hello"})
    assert "is docx" in gikparse.parse(word, pages=[1]).diagnostics[-1].message_en
    with pytest.raises(gikparse.SourceError, match="zip archive"):
        gikparse.parse(other, pages=[1])


@pytest.mark.parametrize("reader", ["gikparse.api.read_text", "gikparse.readers.html.read_html"])
def test_running_out_of_memory_is_a_source_error_that_says_so(
    reader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(reader, exhausted)
    source = SEED.read_text("utf-8")
    if "html" in reader:
        source = f"<html><body><p>{source}</p></body></html>"
    with pytest.raises(gikparse.SourceError, match="out of memory"):
        gikparse.parse(source)

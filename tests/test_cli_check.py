"""The command for people who review folders: check, exit codes, every input accounted for."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gikparse.cli import main
from tests.cli_helpers import cli_env, failing_text, run_cli, seed_folder
from tests.conftest import SEEDS

SEED_000 = str(SEEDS / "000_623967a19d51db49.txt")
SEED_002 = str(SEEDS / "002_0494dfef68de25df.txt")


@pytest.fixture
def bad(tmp_path: Path) -> str:
    path = tmp_path / "bad_sum.txt"
    path.write_text(failing_text(), "utf-8")
    return str(path)


# ---- findings and exit codes ------------------------------------------------------------------


def test_check_lists_each_finding_by_report_with_counts_per_rule(
    bad: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--lang", "en", SEED_002, bad]) == 1
    out = capsys.readouterr().out
    head_002 = next(line for line in out.splitlines() if line.startswith(SEED_002))
    assert "PASS" in head_002
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(bad))
    assert "FAIL" in lines[start] and "2 error" in lines[start]
    block = "\n".join(lines[start + 1 : start + 5])
    # rule, cell, location, message and difference, in readable lines under the report
    assert "C103 error  applications/received/total @ line 43" in block
    assert "[difference +1: 3 vs 2]" in block
    assert "C101 error" in block
    tail = lines[lines.index("Findings by rule:") :]
    assert any(line.split()[:3] == ["C101", "error", "1"] for line in tail)
    assert any(line.split()[:3] == ["C103", "error", "1"] for line in tail)
    assert tail[-1] == "2 report(s), 1 pass, 1 fail, 0 cannot tell, 0 not read or no report"


def test_exit_codes_follow_fail_on_and_exit_zero(bad: str) -> None:
    quiet = ["check", "-q", "-f", "jsonl"]
    assert main([*quiet, SEED_002]) == 0
    assert main([*quiet, bad]) == 1
    assert main([*quiet, "--exit-zero", bad]) == 0
    # Seed 000 has warnings only (prose against table, blank cells).
    assert main([*quiet, SEED_000]) == 0
    assert main([*quiet, "--fail-on", "warning", SEED_000]) == 1
    assert main([*quiet, "--ignore", "C1", bad]) == 0
    assert main([*quiet, "--select", "C305", "--fail-on", "warning", SEED_000]) == 1


def test_legacy_check_flag_fails_on_a_failing_report(bad: str) -> None:
    assert main(["-q", "-c", bad]) == 1  # ``gikparse -c`` used to exit 0 here


@pytest.mark.parametrize(
    "args",
    [
        ["check", "-j", "0", SEED_002],
        ["check", "-j", "many", SEED_002],
        ["check", "--select", "X9", SEED_002],
        ["check", "--limit", "max_nothing=3", SEED_002],
        ["check", "--limit", "max_pages=-1", SEED_002],
        ["check", "--pages", "3-1", SEED_002],
        ["check", "--fail-on", "info", SEED_002],
        ["check", "--no-such-option", SEED_002],
        ["check"],
        ["check", "-", "-"],
        ["check", "--html", "/no/such/folder/review.html", SEED_002],
    ],
)
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "error" in err and "Traceback" not in err


def test_a_missing_path_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path / "reprot.pdf")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_limits_are_validated_and_built(capsys: pytest.CaptureFixture[str]) -> None:
    from gikparse.cli._args import parse_arguments

    options = parse_arguments(
        ["check", "--limit", "max_pages=7", "--limit", "max-digit-run=9", "x"]
    )
    assert options.limits.max_pages == 7 and options.limits.max_digit_run == 9
    assert parse_arguments(["x.pdf", "--pages", "1-3,5,2"]).pages == (1, 2, 3, 5)


# ---- every input accounted for ----------------------------------------------------------------


def test_a_folder_scan_accounts_for_every_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = seed_folder(tmp_path / "reports")
    assert main(["check", "-f", "jsonl", str(folder)]) == 1
    captured = capsys.readouterr()
    results = {Path(r["source"]).name: r for r in map(json.loads, captured.out.splitlines())}
    assert set(results) == {p.name for p in folder.iterdir()}
    assert results["table.xlsx"]["status"] == "skipped"
    assert "not a report file type" in results["table.xlsx"]["reason"]
    assert results["junk.pdf"]["status"] == "error" and results["junk.pdf"]["error"]
    assert results["empty.md"]["status"] == "error"
    assert "P001" in results["empty.md"]["error"]
    assert results["bad_sum.txt"]["status"] == "fail"
    # The totals on stderr name the files not read, and why.
    assert "SKIPPED: " + str(folder / "table.xlsx") in captured.err
    assert "ERROR: " + str(folder / "junk.pdf") in captured.err
    assert "ERROR: " + str(folder / "empty.md") + ": P001" in captured.err


def test_parse_csv_names_failed_files_with_a_status_column(tmp_path: Path) -> None:
    folder = seed_folder(tmp_path / "reports")
    out = tmp_path / "cells.csv"
    assert main(["parse", "-q", "-f", "csv", "--bom", "-o", str(out), str(folder)]) == 1
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    by_file: dict[str, set[str]] = {}
    for row in rows:
        by_file.setdefault(Path(row["source"]).name, set()).add(row["file_status"])
    assert set(by_file) == {p.name for p in folder.iterdir()}
    assert by_file["junk.pdf"] == {"error"} and by_file["table.xlsx"] == {"skipped"}
    assert by_file["bad_sum.txt"] == {"ok"}
    junk = next(r for r in rows if r["source"].endswith("junk.pdf"))
    assert junk["error"]


def test_check_csv_has_one_row_per_finding_and_one_per_clean_file(tmp_path: Path, bad: str) -> None:
    out = tmp_path / "findings.csv"
    assert main(["check", "-q", "-f", "csv", "-o", str(out), SEED_002, bad]) == 1
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    clean = [r for r in rows if r["source"] == SEED_002]
    assert len(clean) == 1 and clean[0]["file_status"] == "pass" and clean[0]["code"] == ""
    failing = [r for r in rows if r["source"] == bad]
    assert {(r["code"], r["difference"]) for r in failing} >= {("C101", "+1"), ("C103", "+1")}
    assert all(r["file_status"] == "fail" for r in failing)


def test_output_into_a_folder_writes_one_file_per_input(tmp_path: Path) -> None:
    folder = seed_folder(tmp_path / "reports", extras=False)
    out = tmp_path / "out"
    assert main(["parse", "-q", "-f", "json", "-o", str(out) + os.sep, str(folder)]) == 0
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(p.name + ".json" for p in folder.iterdir())
    one = json.loads((out / "002_0494dfef68de25df.txt.json").read_text("utf-8"))
    assert one["applications"]["received"]["total"] == 2
    # An existing folder without the trailing slash works the same.
    assert main(["check", "-q", "-o", str(out), str(folder)]) == 0
    assert (out / "002_0494dfef68de25df.txt.txt").read_text("utf-8").startswith(str(folder))


def test_stdin_is_read_for_a_dash(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = Path(SEED_002).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["parse", "-q", "-f", "jsonl", "-"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["source"] == "-" and result["applications"]["received"]["total"] == 2


def test_stdin_in_a_subprocess_with_a_failing_report() -> None:
    done = run_cli("check", "-", stdin=failing_text().encode("gb18030"))
    assert done.returncode == 1
    assert b"C103" in done.stdout and b"Traceback" not in done.stderr


# ---- Ctrl-C ---------------------------------------------------------------------------------


def _interrupt(process: subprocess.Popen[bytes]) -> tuple[int, bytes]:
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: the whole process group
    _, err = process.communicate(timeout=60)
    return process.returncode, err


def test_ctrl_c_while_waiting_for_stdin_exits_130_without_traceback() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "gikparse", "check", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(),
        start_new_session=True,
    )
    time.sleep(1.5)  # imported and blocked on stdin
    code, err = _interrupt(process)
    assert code == 130
    assert b"Traceback" not in err and b"interrupted" in err


def test_ctrl_c_during_a_parallel_run_exits_130_without_traceback(tmp_path: Path) -> None:
    folder = seed_folder(tmp_path / "many", copies=60, extras=False)
    process = subprocess.Popen(
        [sys.executable, "-m", "gikparse", "check", "-j", "2", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(),
        start_new_session=True,
    )
    assert process.stdout is not None
    process.stdout.readline()  # the first report is done: workers are busy
    code, err = _interrupt(process)
    assert code == 130
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err


def test_a_folder_scan_reads_every_report_file_type(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gikparse.cli._inputs import SCANNED_SUFFIXES

    folder = tmp_path / "kinds"
    folder.mkdir()
    for suffix in SCANNED_SUFFIXES:
        (folder / f"report{suffix.upper()}").write_bytes(b"PK\x03\x04 placeholder")
    (folder / ".hidden.txt").write_bytes(b"")
    (folder / "~$report.docx").write_bytes(b"")
    main(["parse", "-q", "-f", "jsonl", str(folder)])
    results = {
        Path(r["source"]).name: r for r in map(json.loads, capsys.readouterr().out.splitlines())
    }
    read = {name for name, r in results.items() if r["status"] != "skipped"}
    assert read == {f"report{s.upper()}" for s in SCANNED_SUFFIXES}  # tried, whatever came of it
    assert results["~$report.docx"]["status"] == "skipped"
    assert ".hidden.txt" not in results


def test_parallel_workers_give_the_same_output_in_the_same_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = seed_folder(tmp_path / "reports")
    outputs = []
    for jobs in ("1", "2"):
        main(["check", "-q", "-f", "jsonl", "-j", jobs, str(folder)])
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] and len(outputs[0].splitlines()) == 9


def test_password_and_pages_reach_the_pdf_reader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from tests.pdf_render import simple_pdf

    def draw(canvas: Canvas) -> None:
        canvas.setFont("Helvetica", 12)
        canvas.drawString(72, 700, "Annual report 2021")

    locked = tmp_path / "locked.pdf"
    locked.write_bytes(simple_pdf(draw, encrypt="secret", pages=3))
    assert main(["parse", "-q", "-f", "jsonl", str(locked)]) == 1
    first = json.loads(capsys.readouterr().out)
    assert first["status"] == "error" and "password" in first["error"]
    assert main(["parse", "-q", "-f", "jsonl", "--password", "secret", str(locked)]) == 1
    opened = json.loads(capsys.readouterr().out)
    # Opened: the text is read, and it holds no report (P002), said as the reason.
    assert opened["status"] == "error" and opened["error"].startswith("P002")
    main(["parse", "-q", "-f", "jsonl", "--password", "secret", "--pages", "9", str(locked)])
    no_page = json.loads(capsys.readouterr().out)
    assert no_page["status"] == "error" and "[9]" in no_page["error"]


def test_the_summary_line_of_an_input_with_no_report_says_what_is_unknown_not_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert main(["parse", str(empty)]) == 1
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"{empty}: ? variant=? cells=0") and "None" not in line
    assert "P001" in line

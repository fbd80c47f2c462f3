"""The gikparse command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from gikparse.cli import main
from tests.conftest import SEEDS, load_expected

SEED = "002_0494dfef68de25df"


def test_jsonl_gives_one_object_per_report(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(SEEDS / f"{SEED}.txt"), str(SEEDS / "003_74eb19db5e047c3e.txt")]
    assert main(["--format", "jsonl", "--quiet", *paths]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["agency"] == load_expected(SEED)["agency"]
    assert first["applications"]["received"]["total"] == 2


def test_csv_gives_one_row_per_cell(tmp_path: Path) -> None:
    out = tmp_path / "cells.csv"
    assert main(["--format", "csv", "--quiet", "-o", str(out), str(SEEDS / f"{SEED}.txt")]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    amount = [r for r in rows if r["table"] == "procurement" and r["column"] == "amount"]
    assert amount[0]["json_value"] == "1732.633648"
    assert amount[0]["raw"] == "1732.633648万元"
    assert {r["section"] for r in rows} == {
        "active_disclosure",
        "applications",
        "review_litigation",
    }


def test_progress_goes_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEEDS / f"{SEED}.txt")]) == 0
    captured = capsys.readouterr()
    assert "安宁市人民政府" in captured.out
    assert "1 report(s), 0 failed" in captured.err


def test_unreadable_file_is_reported_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"\x00\x01\x02 not a report \xff\xfe" * 10)
    assert main(["--quiet", str(junk)]) == 1
    assert "ERROR" in capsys.readouterr().out


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--quiet", str(tmp_path / "nope.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_check_adds_findings(capsys: pytest.CaptureFixture[str]) -> None:
    seed = str(SEEDS / "000_623967a19d51db49.txt")
    assert main(["--quiet", "--check", "--format", "jsonl", seed]) == 0
    result = json.loads(capsys.readouterr().out)
    codes = {f["code"] for f in result["findings"]}
    # The prose says no lawsuits, the table has 12; the blank 行政复议 cells are reported.
    assert {"C405", "C305"} <= codes
    assert main(["--quiet", "--check", seed]) == 0
    assert "findings=2" in capsys.readouterr().out

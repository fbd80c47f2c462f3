"""The command never harms or loses its inputs: no output over an input, names taken
literally, any file name written, every input accounted for."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

from gikparse.cli import main
from gikparse.model import Report
from tests.cli_helpers import run_cli, seed_folder
from tests.conftest import SEEDS

SEED_002 = SEEDS / "002_0494dfef68de25df.txt"


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "r.txt"
    path.write_bytes(SEED_002.read_bytes())
    return path


@pytest.mark.parametrize("spelling", ["same", "relative", "hard link"])
def test_an_output_file_that_is_an_input_is_refused_and_the_input_kept(
    report: Path,
    spelling: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = report.read_bytes()
    out = report
    if spelling == "relative":
        monkeypatch.chdir(report.parent)
        out = Path("sub/../r.txt")
        (report.parent / "sub").mkdir()
    elif spelling == "hard link":
        out = report.parent / "link.txt"
        os.link(report, out)
    assert main(["parse", "-q", "-f", "json", "-o", str(out), str(report)]) == 2
    assert "would overwrite the input" in capsys.readouterr().err
    assert report.read_bytes() == before


def test_an_output_folder_file_that_is_an_input_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # -o DIR/ writes DIR/<name>.json for each input: another input named so would be emptied.
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r").write_bytes(SEED_002.read_bytes())
    victim = tmp_path / "r.json"
    victim.write_bytes(SEED_002.read_bytes())
    before = victim.read_bytes()
    args = ["parse", "-q", "-f", "json", "-o", f"{tmp_path}/", str(tmp_path / "in"), str(victim)]
    assert main(args) == 2
    assert "would overwrite the input" in capsys.readouterr().err
    assert victim.read_bytes() == before


def test_a_review_page_over_an_input_is_refused(
    report: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = report.read_bytes()
    assert main(["check", "-q", "--html", str(report), str(report)]) == 2
    assert "--html" in capsys.readouterr().err
    assert report.read_bytes() == before


def test_outputs_beside_the_inputs_are_still_written(report: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert main(["parse", "-q", "-f", "json", "-o", str(out), str(report)]) == 0
    assert out.read_text("utf-8").startswith("[")


@pytest.mark.parametrize("name", ["~$report.txt", "~nosuchuser/x.txt", "~"])
def test_names_are_taken_literally_as_the_shell_left_them(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The shell expands ~ before the command runs: a ~ still in a name is part of the name.
    monkeypatch.chdir(tmp_path)
    path = tmp_path / name
    if name == "~":
        path.mkdir()
        (path / "r.txt").write_bytes(SEED_002.read_bytes())
    else:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(SEED_002.read_bytes())
    out = tmp_path / "~nosuchuser" / "out.jsonl"
    out.parent.mkdir(exist_ok=True)
    assert main(["parse", "-q", "-f", "jsonl", "-o", "~nosuchuser/out.jsonl", name]) == 0
    assert out.read_text("utf-8").count("\n") == 1


@pytest.mark.parametrize("name", ["~nosuchuser/x.txt", "~$missing.txt"])
def test_a_missing_name_with_a_tilde_is_a_usage_error_not_a_crash(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check", "-q", name]) == 2
    assert f"no such file or folder: {name}" in capsys.readouterr().err


GBK_NAME = os.fsdecode(b"\xb1\xa8\xb8\xe6.txt")  # 报告.txt in GBK, as a Windows zip leaves it


@pytest.mark.parametrize(
    "args",
    [
        ["check", "-f", "text", "-o", "{out}/report.txt", "--html", "{out}/review.html"],
        ["check", "-f", "csv", "-o", "{out}/report.csv"],
        ["parse", "-f", "json", "-o", "{out}/report.json"],
        ["parse", "-f", "jsonl", "-o", "{out}/each/"],
        ["parse", "-f", "summary"],
    ],
)
def test_a_file_name_that_is_not_utf8_is_written_in_every_output(
    args: list[str], tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / GBK_NAME).write_bytes(SEED_002.read_bytes())
    (folder / "ok.txt").write_bytes(SEED_002.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    done = run_cli(*(a.format(out=out) for a in args), "-q", str(folder))
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    written = [done.stdout] + [p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()]
    text = b"".join(written).decode("utf-8")  # every output is UTF-8
    assert "ok.txt" in text
    assert "\ufffd\ufffd\ufffd\ufffd.txt" in text or "\\udcb1" in text  # the name, shown
    if "each" in args[-1]:
        assert len(list((out / "each").iterdir())) == 2


def _die_on_killme(report: Report, **_: object) -> list[object]:
    """The checks, as a worker killed outright (out of memory…) on ``killme.txt`` runs them."""
    if (report.source or "").endswith("killme.txt"):
        os.kill(os.getpid(), signal.SIGKILL)
    return []


def test_a_killed_worker_leaves_every_input_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = seed_folder(tmp_path / "in", extras=False)
    (folder / "killme.txt").write_bytes(SEED_002.read_bytes())
    names = sorted(str(p) for p in folder.iterdir())
    monkeypatch.setattr("gikparse.cli._work.check", _die_on_killme)  # workers are forked after
    assert main(["check", "-q", "-j", "2", "-f", "jsonl", str(folder)]) == 1
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["source"] for row in rows] == names
    killed = next(row for row in rows if row["source"].endswith("killme.txt"))
    assert killed["status"] == "error" and "worker process died" in killed["error"]


def test_broken_links_and_unreadable_folders_in_a_scan_are_listed_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "r.txt").write_bytes(SEED_002.read_bytes())
    (folder / "ok.txt").write_bytes(SEED_002.read_bytes())
    (folder / "gone.pdf").symlink_to(tmp_path / "nowhere.pdf")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    real_scandir = os.scandir

    def scandir(path: str) -> object:  # as for a folder the user may not list (root may)
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr("gikparse.cli._inputs.os.scandir", scandir)
    assert main(["check", "-q", "-f", "jsonl", str(folder)]) == 1
    rows = {
        Path(r["source"]).name: r for r in map(json.loads, capsys.readouterr().out.split("\n")[:-1])
    }
    assert sorted(rows) == ["gone.pdf", "locked", "loop.txt", "ok.txt"]
    assert rows["ok.txt"]["status"] == "pass"
    assert rows["gone.pdf"]["status"] == "error" and "broken link" in rows["gone.pdf"]["error"]
    assert rows["loop.txt"]["status"] == "error"
    assert rows["locked"]["status"] == "error" and "Permission denied" in rows["locked"]["error"]


@pytest.mark.parametrize(
    ("command", "extra", "status"),
    [("check", [], 1), ("check", ["--exit-zero"], 0), ("parse", [], 0)],
)
@pytest.mark.parametrize("content", ["empty", "only skipped files"])
def test_checking_a_folder_without_reports_fails_and_parsing_it_is_empty(
    command: str,
    extra: list[str],
    status: int,
    content: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if content != "empty":
        (tmp_path / "table.xlsx").write_bytes(b"PK\x03\x04")
    assert main([command, *extra, "-f", "jsonl", str(tmp_path)]) == status
    captured = capsys.readouterr()
    assert ("no files found" if content == "empty" else "table.xlsx") in captured.err + captured.out


def test_a_folder_run_again_into_itself_rewrites_its_own_outputs(tmp_path: Path) -> None:
    # The first run's r.txt.json is a skipped input of the second (never read): rewriting it
    # is what -o DIR/ does, not an input destroyed.
    (tmp_path / "r.txt").write_bytes(SEED_002.read_bytes())
    args = ["parse", "-q", "-f", "json", "-o", f"{tmp_path}/", str(tmp_path)]
    assert main(args) == 0
    first = (tmp_path / "r.txt.json").read_bytes()
    assert main(args) == 0
    assert (tmp_path / "r.txt.json").read_bytes() == first

"""Helpers of the command-line tests: a folder of reports, the CLI in a subprocess, a screen."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parent.parent
_GOOD = "一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |"
_BAD = "一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 3 |"


def failing_text() -> str:
    """Seed 002 with the printed total of 一、本年新收 one too high: C101 and C103 fail."""
    text = (SEEDS / "002_0494dfef68de25df.txt").read_text("utf-8")
    assert _GOOD in text
    return text.replace(_GOOD, _BAD)


def seed_folder(folder: Path, *, copies: int = 1, extras: bool = True) -> Path:
    """The seed texts (``copies`` times), and with ``extras`` one failing report, one junk
    .pdf, one empty file and one spreadsheet a scan must list as skipped."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(SEEDS.glob("*.txt")):
        for n in range(copies):
            name = path.name if n == 0 else f"{path.stem}-{n}.txt"
            (folder / name).write_bytes(path.read_bytes())
    if extras:
        (folder / "bad_sum.txt").write_text(failing_text(), "utf-8")
        (folder / "junk.pdf").write_bytes(b"%PDF-1.4\n\x00\x01 broken \xff" * 5)
        (folder / "empty.md").write_bytes(b"")
        (folder / "table.xlsx").write_bytes(b"PK\x03\x04 not read")
    return folder


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("COLUMNS", None)
    return env


def run_cli(
    *args: str, stdin: bytes | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "gikparse", *args],
        input=stdin,
        capture_output=True,
        env=cli_env(),
        timeout=timeout,
        check=False,
    )


_CSI = re.compile(r"\x1b\[([0-9;?]*)([A-Za-z])")


def screen(raw: str) -> list[str]:
    """What a terminal shows after ``raw``: carriage returns, line feeds, erase-line and
    cursor-up sequences interpreted; other escape sequences dropped."""
    lines: list[list[str]] = [[]]
    row = col = 0
    i = 0
    while i < len(raw):
        ch = raw[i]
        match = _CSI.match(raw, i) if ch == "\x1b" else None
        if match is not None:
            arg, op = match.groups()
            if op == "K":
                if arg in ("", "0"):
                    del lines[row][col:]
                elif arg == "2":
                    lines[row] = [" "] * col  # erase all; the cursor stays
                elif arg == "1":
                    lines[row][: col + 1] = [" "] * min(col + 1, len(lines[row]))
            elif op == "A":
                row = max(0, row - int(arg or 1))
            i = match.end()
            continue
        if ch == "\r":
            col = 0
        elif ch == "\n":
            row += 1
            if row == len(lines):
                lines.append([])
        elif ch == "\b":
            col = max(0, col - 1)
        elif ch >= " ":
            line = lines[row]
            line.extend(" " * (col - len(line)))
            # As terminals count columns (wcwidth): wide and full-width characters take two;
            # the rest one, tqdm's block "█" (of ambiguous width) among them.
            width = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
            cells = [ch] + [""] * (width - 1)
            line[col : col + width] = cells
            col += width
        i += 1
    return ["".join(line).rstrip() for line in lines]

"""The command on a terminal: progress drawn in place, and gone before the summary lines."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from tests.cli_helpers import cli_env, screen, seed_folder

_NO_TQDM = "import sys; sys.modules['tqdm'] = None; from gikparse.cli import main; sys.exit(main())"


def _on_terminal(args: list[str], *, tqdm: bool) -> tuple[int, str]:
    """Run the command with stdout and stderr on one pseudo-terminal; its exit status and
    everything the terminal received."""
    master, slave = pty.openpty()
    # A terminal window of 100 × 40 (a new pseudo-terminal has none, and tqdm draws nothing).
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    code = ["-m", "gikparse"] if tqdm else ["-c", _NO_TQDM]
    env = cli_env() | {"COLUMNS": "100", "LINES": "40", "TERM": "xterm"}
    process = subprocess.Popen(
        [sys.executable, *code, *args], stdout=slave, stderr=slave, env=env, close_fds=True
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return process.wait(timeout=120), b"".join(chunks).decode("utf-8", "replace")


def _progress_drawn(raw: str, tqdm: bool) -> bool:
    return ("%|" in raw or "report/s" in raw) if tqdm else "[1/" in raw or "/60]" in raw


@pytest.mark.parametrize("tqdm", [True, False], ids=["tqdm", "plain"])
def test_progress_is_drawn_and_cleared_before_the_summary(tmp_path: Path, tqdm: bool) -> None:
    folder = seed_folder(tmp_path / "reports", copies=12, extras=False)
    files = sorted(str(p) for p in folder.iterdir())
    code, raw = _on_terminal(["parse", "-f", "summary", str(folder)], tqdm=tqdm)
    assert code == 0, raw
    assert _progress_drawn(raw, tqdm), raw[:2000]
    shown = [line for line in screen(raw) if line.strip()]
    # Every line on the screen is a report line or the total: no bar left, none half-erased.
    assert len(shown) == len(files) + 1, shown
    for line, name in zip(shown, files, strict=False):
        assert line.startswith(name + ": ") and "variant=" in line, line
    assert shown[-1] == f"{len(files)} report(s), 0 failed"


def test_check_on_a_terminal_ends_with_clean_totals(tmp_path: Path) -> None:
    folder = seed_folder(tmp_path / "reports", copies=6)
    code, raw = _on_terminal(["check", str(folder)], tqdm=True)
    assert code == 1
    shown = [line for line in screen(raw) if line.strip()]
    assert shown[-1].startswith(
        "33 report(s), 30 pass, 1 fail, 0 cannot tell, 2 not read or no report"
    )
    assert "%|" not in "\n".join(shown)
    heads = [line for line in shown if line.startswith(str(folder))]
    assert len(heads) == len(list(folder.iterdir()))


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    folder = seed_folder(tmp_path / "reports", copies=3, extras=False)
    done = subprocess.run(
        [sys.executable, "-m", "gikparse", "parse", str(folder)],
        capture_output=True,
        env=cli_env(),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0
    assert done.stderr.decode() == "15 report(s), 0 failed\n"  # the total only, no \r or bar

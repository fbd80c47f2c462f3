"""Progress on stderr: a bar where a person watches, nothing where a program reads.

On a terminal the progress line is cleared before any other line is written to the same
terminal, and at the end, so the summary never ends up glued to a half-erased bar. tqdm (the
``cli`` extra) draws the bar when installed; without it a plain ``[n/total] file`` line does.
When stderr is not a terminal (a pipe, a log file, CI) there is no progress at all.
"""

from __future__ import annotations

import importlib
import shutil
import time
from typing import Any, Protocol, TextIO

__all__ = ["Progress", "make_progress"]

_CLEAR = "\r\x1b[2K"  #: to the start of the line, then erase it
_INTERVAL = 0.1  #: seconds between redraws of the plain line


class Progress(Protocol):
    def advance(self, name: str) -> None: ...
    def clear(self) -> None: ...
    def close(self) -> None: ...


class NoProgress:
    def advance(self, name: str) -> None:
        pass

    def clear(self) -> None:
        pass

    def close(self) -> None:
        pass


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal columns (CJK characters take two)."""
    out, used = [], 0
    for ch in text:
        wide = 2 if ord(ch) >= 0x1100 else 1
        if used + wide > width:
            break
        out.append(ch)
        used += wide
    return "".join(out)


class PlainProgress:
    """``[n/total] name`` redrawn in place, at most ten times a second."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self._total, self._stream = total, stream
        self._done, self._shown, self._last = 0, False, 0.0

    def advance(self, name: str) -> None:
        self._done += 1
        now = time.monotonic()
        if now - self._last < _INTERVAL and self._done < self._total:
            return
        self._last = now
        width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
        line = _fit(f"[{self._done}/{self._total}] {name}", width)
        self._stream.write(_CLEAR + line)
        self._stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            self._stream.write(_CLEAR)
            self._stream.flush()
            self._shown = False

    def close(self) -> None:
        self.clear()


class TqdmProgress:
    """The tqdm bar, left on screen never: ``leave=False`` and cleared before other lines."""

    def __init__(self, total: int, stream: TextIO, tqdm: Any) -> None:
        # miniters=1: tqdm's monitor thread redraws a bar whose miniters it raised, which on a
        # slow run could draw the bar again after it was cleared for a report line.
        self._bar = tqdm(
            total=total,
            file=stream,
            leave=False,
            unit="report",
            dynamic_ncols=True,
            miniters=1,
        )

    def advance(self, name: str) -> None:
        self._bar.set_postfix_str(_fit(name.rpartition("/")[2], 30), refresh=False)
        self._bar.update(1)

    def clear(self) -> None:
        self._bar.clear()

    def close(self) -> None:
        self._bar.close()


def make_progress(total: int, stream: TextIO, *, quiet: bool, fancy: bool = True) -> Progress:
    """The progress for a run of ``total`` inputs; none when quiet or not on a terminal."""
    if quiet or total < 1 or not stream.isatty():
        return NoProgress()
    if fancy:
        try:  # the ``cli`` extra; a plain line without it
            tqdm = importlib.import_module("tqdm").tqdm
        except ImportError:
            pass
        else:
            return TqdmProgress(total, stream, tqdm)
    return PlainProgress(total, stream)

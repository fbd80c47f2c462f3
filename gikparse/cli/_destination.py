"""Where the output goes: stdout, one file, or a folder with one file per input (``-o DIR/``)."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ._args import Options, UsageError
from ._inputs import STDIN, Input, display_name
from ._output import FORMAT_SUFFIX, Totals, Writer, outcome_dict
from ._work import Outcome

__all__ = ["Destination", "clobbered", "open_destination"]


def _open(path: Path, options: Options) -> TextIO:
    encoding = "utf-8-sig" if options.bom and options.format == "csv" else "utf-8"
    try:
        # backslashreplace: a character UTF-8 cannot hold (a lone surrogate of a file name that
        # is not UTF-8) is written escaped rather than losing the run's output.
        return path.open(
            "w",
            encoding=encoding,
            errors="backslashreplace",
            newline="" if options.format == "csv" else None,
        )
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def _folder_file(folder: Path, source: str, taken: set[str], format: str) -> Path:
    """The file of ``source`` in the ``-o`` folder; ``taken`` holds the names given so far."""
    stem = "stdin" if source == "-" else Path(source).name
    name, n = stem, 1
    while name in taken:  # the same name in two scanned folders
        n += 1
        name = f"{stem}-{n}"
    taken.add(name)
    return folder / (name + FORMAT_SUFFIX[format])


def _identity(path: Path | str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except (OSError, ValueError):  # does not exist (yet), or cannot be looked at
        return None
    return stat.st_dev, stat.st_ino


def clobbered(options: Options, inputs: Sequence[Input]) -> str | None:
    """Why the outputs would overwrite an input before it is read, or ``None``.

    Output files are opened before the first input is read, so ``-o report.txt report.txt``
    would empty the report: compared as files (device and inode), so that links and other
    spellings of the same path are caught."""
    outputs: list[tuple[str, Path]] = []
    if options.html is not None:
        outputs.append(("--html", options.html))
    if options.output is not None and not options.output_folder:
        outputs.append(("-o", options.output))
    elif options.output is not None:
        taken: set[str] = set()
        for item in inputs:  # the files the folder will get, named as Destination names them
            source = STDIN if item.is_stdin else display_name(item.name)
            outputs.append(("-o", _folder_file(options.output, source, taken, options.format)))
    written = {ident: (flag, out) for flag, out in outputs if (ident := _identity(out))}
    if not written:
        return None
    for item in inputs:  # a skipped file is never read: its name may be reused (a re-run)
        ident = None if item.is_stdin or not item.to_read else _identity(item.name)
        if ident is not None and ident in written:
            flag, out = written[ident]
            return f"{flag} {out} would overwrite the input {display_name(item.name)}"
    return None


class Destination:
    """Writes each outcome as it comes; ``close`` finishes the output."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.folder: Path | None = None
        self._names: set[str] = set()
        self._stream: TextIO | None = None
        out = options.output
        if out is not None and options.output_folder:
            try:
                out.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise UsageError(f"cannot make the folder {out}: {exc.strerror or exc}") from None
            self.folder = out
            self.writer: Writer | None = None
            return
        if out is None:
            stream = sys.stdout
            if isinstance(stream, io.TextIOWrapper):  # as the output files: never stop mid-run
                stream.reconfigure(errors="backslashreplace")
            if options.bom and options.format == "csv":
                stream.write("\ufeff")
        else:
            if not out.parent.is_dir():
                raise UsageError(f"cannot write {out}: no folder {out.parent}")
            stream = self._stream = _open(out, options)
        self.writer = Writer(stream, options.format, options.command, options.lang, self._info)

    @property
    def _info(self) -> bool:
        return self.options.show_info

    @property
    def carries_totals(self) -> bool:
        """Whether the output itself ends with the totals (``check`` as text)."""
        return self.options.format == "text" and self.folder is None

    def _file_for(self, outcome: Outcome) -> Path:
        assert self.folder is not None
        return _folder_file(self.folder, outcome.source, self._names, self.options.format)

    def write(self, outcome: Outcome) -> None:
        if self.writer is not None:
            self.writer.write(outcome)
            return
        path = self._file_for(outcome)
        with _open(path, self.options) as out:
            if self.options.format in ("json", "jsonl"):
                data = outcome_dict(outcome, full=self.options.command == "parse")
                json.dump(data, out, ensure_ascii=False, indent=1)
                print(file=out)
            else:
                writer = Writer(
                    out, self.options.format, self.options.command, self.options.lang, self._info
                )
                writer.write(outcome)
                writer.finish(None)

    def close(self, totals: Totals | None) -> None:
        try:
            if self.writer is not None:
                self.writer.finish(totals)
                self.writer.out.flush()
        finally:
            if self._stream is not None:
                self._stream.close()


def open_destination(options: Options) -> Destination:
    if options.html is not None and not options.html.parent.is_dir():
        raise UsageError(f"cannot write {options.html}: no folder {options.html.parent}")
    return Destination(options)

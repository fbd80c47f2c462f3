"""Where the output goes: stdout, one file, or a folder with one file per input (``-o DIR/``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

from ._args import Options, UsageError
from ._output import FORMAT_SUFFIX, Totals, Writer, outcome_dict
from ._work import Outcome

__all__ = ["Destination", "open_destination"]


def _open(path: Path, options: Options) -> TextIO:
    encoding = "utf-8-sig" if options.bom and options.format == "csv" else "utf-8"
    try:
        return path.open("w", encoding=encoding, newline="" if options.format == "csv" else None)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


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
        stem = "stdin" if outcome.source == "-" else Path(outcome.source).name
        name, n = stem, 1
        while name in self._names:  # the same name in two scanned folders
            n += 1
            name = f"{stem}-{n}"
        self._names.add(name)
        return self.folder / (name + FORMAT_SUFFIX[self.options.format])

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

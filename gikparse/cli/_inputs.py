"""The inputs of a run: files named, files found in folders, stdin; none left unaccounted for."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

__all__ = ["SCANNED_SUFFIXES", "STDIN", "Input", "collect", "display_name", "missing"]

#: What a folder scan reads. Files with other suffixes are listed as skipped, never dropped.
SCANNED_SUFFIXES = frozenset({".pdf", ".txt", ".md", ".html", ".htm", ".docx", ".doc", ".wps"})
STDIN = "-"


def display_name(name: str) -> str:
    """``name`` as the outputs show it: bytes of a name that are not UTF-8 (a GBK name from a
    Windows zip, kept by Python as lone surrogates) become U+FFFD, so that every output can be
    written as UTF-8."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "replace")
    return name


@attrs.frozen
class Input:
    """One input: a path (or ``-``), and why it is skipped or cannot be read, if so."""

    name: str
    skipped: str | None = None  #: the reason a file found in a folder is not read
    error: str | None = None  #: why an entry found in a folder cannot be read (a broken link…)

    @property
    def is_stdin(self) -> bool:
        return self.name == STDIN

    @property
    def to_read(self) -> bool:
        return self.skipped is None and self.error is None


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _file(entry: os.DirEntry[str]) -> Input:
    """What a scan makes of a folder entry that is not a folder."""
    path = entry.path
    try:
        is_file = entry.is_file()  # follows a link
        if not is_file and entry.is_symlink() and not os.path.exists(path):
            return Input(path, error="a broken link: what it points to does not exist")
    except OSError as exc:  # a link loop, an entry that vanished
        return Input(path, error=f"cannot look at it: {_why(exc)}")
    if not is_file:
        return Input(path, skipped="not a regular file (a device, a pipe or a socket)")
    if entry.name.startswith("~$"):  # Word's lock files beside an open document
        return Input(path, skipped="a Word lock file (~$…), not a report")
    if Path(entry.name).suffix.lower() in SCANNED_SUFFIXES:
        return Input(path)
    kinds = " ".join(sorted(SCANNED_SUFFIXES))
    return Input(path, skipped=f"not a report file type (a folder scan reads {kinds})")


def _scan(folder: str) -> Iterator[Input]:
    """Every entry under ``folder`` but hidden ones, sorted by path: files to read, and the
    rest (other file types, broken links, unreadable folders) listed with the reason."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Input(folder, error=f"cannot read the folder: {_why(exc)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_folder = False
        if is_folder:
            yield from _scan(entry.path)
        elif entry.is_symlink() and os.path.isdir(entry.path):
            yield Input(entry.path, skipped="a link to a folder (not followed: name the folder)")
        else:
            yield _file(entry)


def missing(paths: Iterable[str]) -> list[str]:
    """The paths given that do not exist (``-`` is stdin and always exists). Names are taken
    literally: the shell has expanded ``~`` already, so ``~$report.docx`` is a file's name."""
    return [p for p in paths if p != STDIN and not os.path.exists(p)]


def collect(paths: Iterable[str]) -> list[Input]:
    """Every input, in order: named files as given (read whatever their suffix), folders'
    files sorted, ``-`` once."""
    out: list[Input] = []
    for name in paths:
        if name != STDIN and os.path.isdir(name):
            out.extend(_scan(name))
        else:
            out.append(Input(name))
    return out

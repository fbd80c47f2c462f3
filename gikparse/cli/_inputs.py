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
    """One input: a path (or ``-``), and why it is skipped if it is."""

    name: str
    skipped: str | None = None  #: the reason a file found in a folder is not read

    @property
    def is_stdin(self) -> bool:
        return self.name == STDIN


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _scan(folder: Path) -> Iterator[Input]:
    for child in sorted(folder.rglob("*")):
        if not child.is_file() or _hidden(child, folder):
            continue
        if child.name.startswith("~$"):  # Word's lock files beside an open document
            yield Input(str(child), skipped="a Word lock file (~$…), not a report")
        elif child.suffix.lower() in SCANNED_SUFFIXES:
            yield Input(str(child))
        else:
            kinds = " ".join(sorted(SCANNED_SUFFIXES))
            yield Input(str(child), skipped=f"not a report file type (a folder scan reads {kinds})")


def missing(paths: Iterable[str]) -> list[str]:
    """The paths given that do not exist (``-`` is stdin and always exists). Names are taken
    literally: the shell has expanded ``~`` already, so ``~$report.docx`` is a file's name."""
    return [p for p in paths if p != STDIN and not os.path.exists(p)]


def collect(paths: Iterable[str]) -> list[Input]:
    """Every input, in order: named files as given (read whatever their suffix), folders'
    files sorted, ``-`` once."""
    out: list[Input] = []
    for name in paths:
        path = Path(name)
        if name != STDIN and path.is_dir():
            out.extend(_scan(path))
        else:
            out.append(Input(name))
    return out

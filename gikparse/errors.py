"""Exceptions and parse diagnostics.

Diagnostics are values: a parse never raises for a problem it can describe. Exceptions are kept
for input that cannot be read at all, and for ``strict=True``.
"""

from __future__ import annotations

import builtins
import enum

import attrs

from gikparse.location import Location

__all__ = [
    "Diagnostic",
    "FileNotFoundError",
    "GikparseError",
    "IsADirectoryError",
    "ParseError",
    "Severity",
    "SourceError",
]


class Severity(str, enum.Enum):
    """How much a diagnostic or finding matters."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen(kw_only=True)
class Diagnostic:
    """Something the parser noticed: a stable ``code``, messages and where it happened.

    Codes start with ``P`` (parsing). The list is in docs/diagnostics.md.
    """

    code: str
    severity: Severity
    message: str
    message_en: str
    table: str | None = None
    row: str | None = None
    column: str | None = None
    location: Location | None = attrs.field(default=None, eq=False)

    def __str__(self) -> str:
        where = f" @ {self.location}" if self.location is not None else ""
        ids = ".".join(p for p in (self.table, self.row, self.column) if p)
        ids = f" [{ids}]" if ids else ""
        return f"{self.code} {self.severity.value}{ids}: {self.message}{where}"

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "message_en": self.message_en,
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "location": None if self.location is None else self.location.to_dict(),
        }


class GikparseError(Exception):
    """Root of every exception gikparse raises on purpose."""


class SourceError(GikparseError, ValueError):
    """The source cannot be read: unknown type, undecodable bytes, encrypted or image-only PDF."""


# The built-in base comes first: OSError's constructor keeps errno, strerror and filename, so
# ``except FileNotFoundError`` (built-in) and ``except GikparseError`` both catch a missing path.
class FileNotFoundError(builtins.FileNotFoundError, SourceError):
    """A path given to ``parse()`` does not exist (also the built-in ``FileNotFoundError``)."""


class IsADirectoryError(builtins.IsADirectoryError, SourceError):
    """A path given to ``parse()`` is a folder; the ``gikparse`` command reads folders."""


class ParseError(GikparseError, ValueError):
    """Raised by ``strict=True`` parses; carries every warning and error of the parse."""

    def __init__(self, diagnostics: tuple[Diagnostic, ...]) -> None:
        self.diagnostics = diagnostics
        lines = "\n".join(str(d) for d in diagnostics)
        super().__init__(f"{len(diagnostics)} problem(s) while parsing:\n{lines}")

    def __reduce__(self) -> tuple[type[ParseError], tuple[tuple[Diagnostic, ...]]]:
        # Rebuilt from the diagnostics, not the message, when it comes back from a worker
        # process (parse_many with on_error="raise").
        return (type(self), (self.diagnostics,))

"""The work budget of a parse: one frozen object every reader consults.

The defaults are generous for real reports (the largest are tens of pages, tens of thousands of
glyphs, a few MB of text) and small enough that a hostile file ends in a
:class:`~gikparse.SourceError` naming the limit, instead of a hang or an exhausted machine.
"""

from __future__ import annotations

import attrs

from gikparse.errors import SourceError

__all__ = ["DEFAULT_LIMITS", "LimitExceeded", "Limits"]

_MB = 1024 * 1024


def _positive(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"Limits.{attribute.name} must be a positive int, not {value!r}")


def _limit(default: int) -> int:
    return attrs.field(default=default, validator=_positive)


@attrs.frozen(kw_only=True)
class Limits:
    """How much work one parse may do. Raise a field to read a larger file::

    gikparse.parse(path, limits=gikparse.Limits(max_pages=5000))
    """

    #: Bytes a source may have before it is read (a file, bytes, a page).
    max_source_bytes: int = _limit(200 * _MB)
    #: Characters of text input (text, markdown, and the text a reader lays out).
    max_text_chars: int = _limit(20 * _MB)
    #: Bytes one decompressed stream (PDF stream, zip member) may inflate to.
    max_stream_bytes: int = _limit(64 * _MB)
    #: Bytes all decompressed streams of one document may inflate to together.
    max_decoded_bytes: int = _limit(256 * _MB)
    #: Pages of a PDF that are read.
    max_pages: int = _limit(2000)
    #: Content-stream operators run on one PDF page (form XObjects included). pdfminer runs
    #: 50,000-100,000 a second on a busy machine; the pages of real reports run a few thousand.
    max_operators_per_page: int = _limit(100_000)
    #: Content-stream operators run over all pages of one PDF.
    max_operators: int = _limit(2_000_000)
    #: Glyphs laid out on one PDF page.
    max_glyphs_per_page: int = _limit(200_000)
    #: Form XObjects drawn inside each other.
    max_xobject_depth: int = _limit(12)
    #: Form XObject invocations on one page, counted at every depth.
    max_xobject_invocations: int = _limit(10_000)
    #: Indirect references followed one after another (``6 0 R`` -> ``7 0 R`` -> ...).
    max_reference_chain: int = _limit(64)
    #: Elements nested inside each other (HTML tags, DOCX XML elements, tables in tables).
    max_nesting_depth: int = _limit(512)
    #: Digits a run may have and still be read as one number; longer runs are unreadable
    #: (cells run together). The largest real amounts have about 15.
    max_digit_run: int = _limit(30)

    def exceeded(self, field: str, seen: object, what: str) -> LimitExceeded:
        """The error for a source past ``field``, naming the limit and how to raise it."""
        return LimitExceeded(field, getattr(self, field), seen, what)


class LimitExceeded(SourceError):
    """A source needs more work than ``Limits`` allows; the message names the field to raise."""

    def __init__(self, field: str, limit: int, seen: object, what: str) -> None:
        self.field = field
        self.limit = limit
        self.seen = seen
        self.what = what
        super().__init__(
            f"{what}: {seen} is past the limit {field}={limit}; if the file is genuine, "
            f"parse it with limits=gikparse.Limits({field}=...) set higher "
            f"(command line: --limit {field}=...)"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.field, self.limit, self.seen, self.what))


DEFAULT_LIMITS = Limits()

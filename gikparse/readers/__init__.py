"""Surface readers: each turns one kind of source into a :class:`Document`."""

from gikparse.readers.document import Document, Line, LineKind, TextCell

__all__ = ["Document", "Line", "LineKind", "TextCell"]

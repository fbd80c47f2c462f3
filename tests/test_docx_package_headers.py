"""A DOCX member read without zipfile's file object is read as zipfile reads it.

Package.read inflates a member in one call, skipping ``zip.open``, when the member's local
header is one ``zip.open`` accepts (gikparse/readers/_docx_package.py, _header_ok). Whatever
the header holds (a broken signature, another name, flags for encryption or patch data), the
outcome, a Document or the error and its message, must be the one of reading through zipfile.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gikparse.limits import DEFAULT_LIMITS
from gikparse.readers._docx_package import Package
from gikparse.readers.docx import read_docx

SEED = sorted((Path(__file__).parent / "fixtures" / "rendered").glob("*.docx"))[0]


def _outcome(data: bytes) -> object:
    try:
        doc = read_docx(data)
    except Exception as exc:  # the outcome compared: any error, and its text
        return type(exc).__name__, str(exc)
    return doc


def _through_zipfile(data: bytes) -> object:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Package, "_header_ok", lambda self, info: False)
        return _outcome(data)


def _header_offsets(data: bytes) -> list[int]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [info.header_offset for info in zf.infolist()]


def _changed(data: bytes, at: int, value: bytes) -> bytes:
    return data[:at] + value + data[at + len(value) :]


def test_headers_broken_the_usual_ways_are_refused_alike() -> None:
    data = SEED.read_bytes()
    package = Package(data, DEFAULT_LIMITS)
    assert all(package._header_ok(info) for info in package.zip.infolist())  # the shortcut
    assert _outcome(data) == _through_zipfile(data)
    for offset in _header_offsets(data):
        for at, value in (
            (0, b"PK\x05\x06"),  # another signature
            (6, b"\x01\x00"),  # the local header says encrypted (the directory does not)
            (6, b"\x00\x08"),  # a UTF-8 name
            (30, b"X"),  # another name
            (26, b"\xff\x00"),  # a name running past the header
            (28, b"\xff\xff"),  # an extra field running past the data
        ):
            broken = _changed(data, offset + at, value)
            assert _outcome(broken) == _through_zipfile(broken), (offset, at)


@settings(max_examples=60, deadline=None)
@given(member=st.integers(0, 50), at=st.integers(0, 60), value=st.binary(min_size=1, max_size=4))
def test_any_bytes_in_a_local_header_are_read_as_zipfile_reads_them(
    member: int, at: int, value: bytes
) -> None:
    data = SEED.read_bytes()
    offsets = _header_offsets(data)
    broken = _changed(data, offsets[member % len(offsets)] + at, value)
    assert _outcome(broken) == _through_zipfile(broken)

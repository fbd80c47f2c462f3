""".doc and .wps files (OLE2) through LibreOffice: converted when ``soffice`` is on PATH, refused
with the command to run when it is not. LibreOffice itself is never needed: a fake ``soffice``
script written by the test stands in for it."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

import gikparse
from gikparse.readers.convert import read_converted
from gikparse.readers.sniff import OLE2_MAGIC
from tests.conftest import RENDERED

SEED = "003_74eb19db5e047c3e"
# The start of a compound file and the directory entry of a Word binary document.
WORD_OLE2 = OLE2_MAGIC + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(200)
EXCEL_OLE2 = OLE2_MAGIC + bytes(504) + "Workbook".encode("utf-16-le") + bytes(200)

_FAKE = """\
import os, shutil, subprocess, sys, time
args = sys.argv[1:]
mode = os.environ.get("FAKE_SOFFICE_MODE", "convert")
with open(os.environ["FAKE_SOFFICE_LOG"], "a", encoding="utf-8") as log:
    log.write(repr(args) + "\\n")
    log.write("pid=%d\\n" % os.getpid())
    if mode == "hang":
        # Like soffice starting soffice.bin: a child that must be killed with its parent.
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        log.write("child=%d\\n" % child.pid)
if mode == "hang":
    time.sleep(60)
if mode == "convert":
    outdir = args[args.index("--outdir") + 1]
    stem = os.path.splitext(os.path.basename(args[-1]))[0]
    shutil.copy(os.environ["FAKE_SOFFICE_DOCX"], os.path.join(outdir, stem + ".docx"))
else:
    print("Error: source file could not be loaded", file=sys.stderr)
"""


@pytest.fixture
def no_soffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.fixture
def fake_soffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A ``soffice`` on PATH that 'converts' by copying the seed DOCX; returns its log."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(f"#!{sys.executable}\n{_FAKE}", encoding="utf-8")
    script.chmod(0o755)
    log = tmp_path / "soffice.log"
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    monkeypatch.setenv("FAKE_SOFFICE_DOCX", str(RENDERED / f"{SEED}.docx"))
    return log


def test_without_libreoffice_a_doc_is_refused_with_the_command_that_converts_it(
    no_soffice: None,
) -> None:
    with pytest.raises(gikparse.SourceError) as caught:
        gikparse.parse(WORD_OLE2)
    message = str(caught.value)
    assert "soffice --headless --convert-to docx FILE.doc" in message
    assert "Word/WPS" in message and "LibreOffice" in message


RTF = b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 SimSun;}} report}"


def test_without_libreoffice_an_rtf_file_is_refused_with_the_command_that_converts_it(
    no_soffice: None,
) -> None:
    with pytest.raises(gikparse.SourceError, match=r"convert-to docx FILE\.rtf"):
        gikparse.parse(RTF)


@pytest.mark.skipif(os.name != "posix", reason="the fake soffice is a POSIX script")
def test_with_libreoffice_an_rtf_file_saved_as_doc_is_converted(
    fake_soffice: Path, tmp_path: Path
) -> None:
    path = tmp_path / "报告.doc"  # WPS and Word save RTF under .doc: the bytes decide
    path.write_bytes(RTF)
    report = gikparse.parse(path)
    notes = [d for d in report.diagnostics if d.code == "P451"]
    assert len(notes) == 1 and "an RTF document" in notes[0].message_en
    assert "source.rtf" in fake_soffice.read_text("utf-8").splitlines()[0]


def test_without_libreoffice_a_wps_file_gets_the_wps_command(
    no_soffice: None, tmp_path: Path
) -> None:
    path = tmp_path / "报告.wps"
    path.write_bytes(WORD_OLE2)
    with pytest.raises(gikparse.SourceError, match=r"convert-to docx FILE\.wps"):
        gikparse.parse_docx(path)


@pytest.mark.skipif(os.name != "posix", reason="the fake soffice is a POSIX script")
def test_with_libreoffice_a_doc_is_converted_parsed_and_said(fake_soffice: Path) -> None:
    report = gikparse.parse(WORD_OLE2)
    direct = gikparse.parse_docx(RENDERED / f"{SEED}.docx")
    assert report.to_dict()["applications"] == direct.to_dict()["applications"]
    assert report.agency == direct.agency
    notes = [d for d in report.diagnostics if d.code == "P451"]
    assert len(notes) == 1 and "LibreOffice" in notes[0].message_en
    # Run headless, on a copy in a temporary folder, with a throw-away profile.
    args = fake_soffice.read_text("utf-8").splitlines()[0]
    assert "--headless" in args and "-env:UserInstallation=file://" in args
    assert "'--convert-to', 'docx'" in args


@pytest.mark.skipif(os.name != "posix", reason="the fake soffice is a POSIX script")
def test_a_conversion_that_makes_no_docx_is_a_source_error(
    fake_soffice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "fail")
    with pytest.raises(gikparse.SourceError, match="could not be loaded"):
        gikparse.parse(WORD_OLE2)


@pytest.mark.skipif(os.name != "posix", reason="the fake soffice is a POSIX script")
def test_a_conversion_past_the_time_limit_is_killed(
    fake_soffice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "hang")
    started = time.monotonic()
    with pytest.raises(gikparse.SourceError, match="did not convert"):
        read_converted(WORD_OLE2, timeout=1.0)
    assert time.monotonic() - started < 30
    log = fake_soffice.read_text("utf-8")
    for key in ("pid=", "child="):
        pid = int(log.split(key)[1].split()[0])
        assert _gone(pid), f"{key}{pid} still runs"


def _gone(pid: int) -> bool:
    """The process has ended (a zombie waiting for its parent to reap it has ended too)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        except OSError:
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


def test_other_ole2_files_are_named_not_converted(fake_soffice: Path) -> None:
    with pytest.raises(gikparse.SourceError, match="Excel"):
        gikparse.parse(EXCEL_OLE2)
    assert not fake_soffice.exists()

"""Binary Word and WPS files (.doc, .wps: OLE2 compound files) through LibreOffice.

gikparse does not read the binary formats itself. When LibreOffice (``soffice`` or
``libreoffice``) is on PATH, the file is converted to DOCX in a temporary folder, with its own
throw-away LibreOffice profile (so a running LibreOffice or a locked profile cannot block it)
and a time limit (the whole process group is killed when it runs over), and the DOCX is read.
Without LibreOffice, the error names the format and the command that converts it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import attrs

from gikparse.errors import Diagnostic, Severity, SourceError
from gikparse.limits import DEFAULT_LIMITS, Limits
from gikparse.readers.document import Document
from gikparse.readers.docx import read_docx

__all__ = ["CONVERT_TIMEOUT", "convert_to_docx", "ole2_kind", "read_converted"]

#: Seconds LibreOffice may take to convert one file (its first start is slow).
CONVERT_TIMEOUT = 120.0
_PROGRAMS = ("soffice", "libreoffice")


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


# Stream names in the compound file's directory tell the formats apart without parsing it.
_STREAMS = (
    (
        _utf16("EncryptedPackage"),
        "encrypted",
        "加密的 Office 文件",
        "a password-protected Office file",
    ),
    (
        _utf16("WordDocument"),
        "doc",
        "Word/WPS 二进制文档（.doc/.wps）",
        "a binary Word/WPS document (.doc/.wps)",
    ),
    (
        _utf16("Workbook"),
        "xls",
        "Excel 二进制工作簿（.xls/.et）",
        "a binary Excel workbook (.xls/.et)",
    ),
    (_utf16("Book"), "xls", "Excel 二进制工作簿（.xls）", "a binary Excel workbook (.xls)"),
    (
        _utf16("PowerPoint Document"),
        "ppt",
        "PowerPoint 二进制演示文稿（.ppt）",
        "a binary PowerPoint file (.ppt)",
    ),
)


def ole2_kind(data: bytes) -> tuple[str, str, str]:
    """(kind, Chinese name, English name) of an OLE2 compound file, from its stream names."""
    for marker, kind, zh, en in _STREAMS:
        if marker in data:
            return kind, zh, en
    return "ole2", "OLE2 复合文档（可能是 .wps 或 .doc）", "an OLE2 compound file (.wps or .doc?)"


def _program() -> str | None:
    for name in _PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    return None


def _command(suffix: str) -> str:
    return f"soffice --headless --convert-to docx FILE{suffix}"


def convert_to_docx(
    data: bytes, *, suffix: str = ".doc", timeout: float = CONVERT_TIMEOUT
) -> tuple[bytes, str]:
    """The DOCX bytes LibreOffice makes of ``data``, and the program that made them.

    Raises :class:`~gikparse.SourceError` when LibreOffice is not on PATH (naming the command
    to run by hand), fails, or runs past ``timeout`` seconds.
    """
    program = _program()
    if program is None:
        raise SourceError(
            "未找到 LibreOffice，无法读取 .doc/.wps 二进制文档；请安装 LibreOffice，"
            f"或先转换为 DOCX：{_command(suffix)}"
            "（binary Word/WPS files are read through LibreOffice, which is not on PATH; "
            f"install it, or convert the file first with: {_command(suffix)}）"
        )
    with tempfile.TemporaryDirectory(prefix="gikparse-convert-") as folder:
        root = Path(folder)
        source = root / f"source{suffix}"
        source.write_bytes(data)
        out = root / "out"
        out.mkdir()
        profile = (root / "profile").as_uri()
        argv = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx",
            "--outdir",
            str(out),
            str(source),
        ]
        stderr = _run(argv, timeout)
        made = out / "source.docx"
        if not made.is_file():
            raise SourceError(
                f"LibreOffice 未能将文件转换为 DOCX（LibreOffice made no DOCX of the file: "
                f"{stderr[-500:] or 'no message'}）"
            )
        return made.read_bytes(), Path(program).name


def _run(argv: list[str], timeout: float) -> str:
    """Run LibreOffice in its own process group; kill the whole group past ``timeout``."""
    posix = os.name == "posix"
    try:
        process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=posix,
        )
    except OSError as exc:
        raise SourceError(f"无法启动 LibreOffice（cannot run {argv[0]}: {exc}）") from None
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        if posix:
            # soffice starts soffice.bin: kill all of it.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows has no process groups to kill
            process.kill()
        try:
            process.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            # A helper that left the process group still holds the pipes: stop waiting on it.
            process.kill()
            process.wait()
        raise SourceError(
            f"LibreOffice 转换超时（{timeout:g} 秒）"
            f"（LibreOffice did not convert the file within {timeout:g} s and was stopped）"
        ) from None
    return err.decode("utf-8", "replace").strip()


def read_converted(
    data: bytes,
    *,
    name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    timeout: float = CONVERT_TIMEOUT,
) -> Document:
    """Read a .doc/.wps file (or RTF): converted to DOCX by LibreOffice, then read as DOCX,
    with a diagnostic (P451) saying so. Other OLE2 files (.xls, .ppt, encrypted) get a SourceError
    naming what they are."""
    if len(data) > limits.max_source_bytes:
        raise limits.exceeded("max_source_bytes", len(data), "bytes of the Word/WPS file")
    if data.startswith(b"{\\rtf"):  # RTF, which WPS and Word often save as .doc
        zh, en, suffix = "RTF 文档", "an RTF document", ".rtf"
    else:
        kind, zh, en = ole2_kind(data)
        if kind not in ("doc", "ole2"):
            raise SourceError(f"这是{zh}，不是年度报告文档（this is {en}, not a report document）")
        suffix = Path(name).suffix.lower() if name else ""
        if suffix not in (".doc", ".wps", ".dot", ".wpt"):
            suffix = ".doc"
    converted, program = convert_to_docx(data, suffix=suffix, timeout=timeout)
    doc = read_docx(converted, limits=limits)
    note = Diagnostic(
        code="P451",
        severity=Severity.INFO,
        message=f"{zh}已由 LibreOffice（{program}）转换为 DOCX 后读取",
        message_en=f"{en} was converted to DOCX by LibreOffice ({program}) and read as DOCX",
    )
    return attrs.evolve(doc, diagnostics=(note, *doc.diagnostics))

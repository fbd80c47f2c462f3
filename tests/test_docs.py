"""The documentation: the cookbook's examples run, and the generated reference is complete.

Every ```python block of the pages below runs, in order, in one namespace per page, in a folder
holding ``reports/`` (the seed reports) and ``downloads/`` (see ``_downloads``). Blocks in other
languages are not run.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path
from types import ModuleType

import pytest

import gikparse
from gikparse.checks import RULES
from gikparse.diagnostic_codes import DIAGNOSTIC_CODES
from tests.conftest import RENDERED, SEEDS
from tests.html_render import HtmlStyle, render_html
from tests.strategies import fixed_report

DOCS = Path(__file__).parents[1] / "docs"
EXECUTED = [
    "concepts.md",
    *(f"cookbook/{p.name}" for p in sorted((DOCS / "cookbook").glob("*.md"))),
]
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def python_blocks(page: str) -> list[str]:
    return _BLOCK.findall((DOCS / page).read_text("utf-8"))


@pytest.mark.parametrize("page", EXECUTED)
def test_the_pages_python_examples_run(
    page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = python_blocks(page)
    assert blocks, f"{page} has no python example"
    if "dask" in page:
        pytest.importorskip("distributed")
    pytest.importorskip("pandas")
    shutil.copytree(SEEDS, tmp_path / "reports", ignore=shutil.ignore_patterns("*.json"))
    _downloads(tmp_path / "downloads")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": f"docs_{page}"}
    for number, block in enumerate(blocks, 1):
        code = compile(block, f"{page} (example {number})", "exec")
        exec(code, namespace)
    capsys.readouterr()


def _downloads(folder: Path) -> None:
    """What a crawl leaves: the seed reports as web pages and Word files, a page that is no
    report, and a damaged attachment."""
    folder.mkdir()
    for path in sorted(RENDERED.glob("*")):
        if path.suffix in (".html", ".docx"):
            shutil.copy(path, folder / path.name)
    # A site's page whose report states neither agency nor date: the metadata box does.
    site = HtmlStyle(kind="site", signature=False, agency_in_title=False)
    page = render_html(fixed_report("2021", agency="安宁市人民政府"), site)
    (folder / "2022012012345.htm").write_bytes(page.data)
    (folder / "notice.html").write_text(
        "<html><head><title>通知</title></head><body><p>关于开展检查的通知</p></body></html>",
        encoding="utf-8",
    )
    (folder / "attachment.docx").write_bytes(b"PK\x03\x04 damaged in transfer")


def _hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_hooks", DOCS / "hooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generated_reference_lists_every_id_code_and_rule() -> None:
    hooks = _hooks()
    ids = hooks.ids_page()
    for cell in gikparse.cell_ids():
        assert f"`{cell.id}`" in ids
        assert cell.row_label in ids and cell.column_label in ids
    codes = hooks.diagnostics_page()
    assert all(f"| {d.code} |" in codes for d in DIAGNOSTIC_CODES)
    rules = hooks.rules_page()
    assert all(f"| {code} |" in rules for code in RULES)
    assert "usage: gikparse" in hooks.cli_page()


def test_every_page_the_site_builds_from_is_in_its_nav() -> None:
    config = (DOCS.parent / "mkdocs.yml").read_text("utf-8")
    generated = set(_hooks().PAGES)
    written = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    in_nav = set(re.findall(r":\s*([\w/.-]+\.md)\s*$", config, re.MULTILINE))
    assert in_nav <= written | generated
    assert written - in_nav == set(), "pages missing from mkdocs.yml's nav"

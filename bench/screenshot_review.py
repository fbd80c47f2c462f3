"""Render the review page of a folder and take a screenshot with headless Chromium.

On demand, not in CI: needs Debian's ``chromium`` (``apt-get install chromium fonts-noto-cjk``).

    python bench/screenshot_review.py [FOLDER] [--out review.png] [--width 1400 --height 2400]

FOLDER defaults to the seed reports of the tests, plus one report with a broken sum so that a
failing cell shows. Writes the page (``review.html``) and the screenshot next to each other.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gikparse.cli import main as gikparse_main  # noqa: E402

_GOOD = "一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |"
_BAD = "一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 3 |"


def _demo_folder(where: Path) -> Path:
    folder = where / "reports"
    folder.mkdir()
    seeds = ROOT / "tests" / "fixtures" / "seeds"
    for path in sorted(seeds.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    text = (seeds / "002_0494dfef68de25df.txt").read_text("utf-8")
    (folder / "002_with_a_broken_sum.txt").write_text(text.replace(_GOOD, _BAD), "utf-8")
    return folder


def _browser() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("no chromium found: apt-get install chromium fonts-noto-cjk")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--out", type=Path, default=Path("review.png"))
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=2400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or _demo_folder(Path(tmp))
        page = args.out.with_suffix(".html").resolve()
        status = gikparse_main(
            [
                "check",
                "-q",
                "-f",
                "jsonl",
                "-o",
                str(Path(tmp) / "findings.jsonl"),
                "--html",
                str(page),
                str(folder),
            ]
        )
        print(f"gikparse check exited {status}; page: {page}")
        subprocess.run(
            [
                _browser(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--window-size={args.width},{args.height}",
                f"--screenshot={args.out.resolve()}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    print(f"screenshot: {args.out.resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

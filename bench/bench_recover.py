"""Recovering tables that lost their shape: solver time per report, and the share recovered.

Run on demand (not a test)::

    python bench/bench_recover.py [--count 200] [--seed 1]

``--count`` random reports per edition (counts of 1 to 7 digits, many zeros, blanks, signed
changes, 万元 decimals; every total derived, so the tables add up) are rendered as flattened
page text (tests.render_lost) and parsed. Prints, per report, the median and the worst time
spent cutting runs into cells (gikparse.recover's solver) and the whole parse, and the share of
cells recovered, left out and wrong (which must be 0).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import gikparse  # noqa: E402
from gikparse.numbers import NumberKind, ValueStatus  # noqa: E402
from gikparse.schema import TEMPLATES  # noqa: E402
from gikparse.tables import _build, _sections  # noqa: E402
from tests.render import Noise  # noqa: E402
from tests.render_lost import LOST_SHAPES, lost  # noqa: E402
from tests.strategies import (  # noqa: E402
    GeneratedReport,
    GeneratedTable,
    derive,
    derived_positions,
)

_LEFT_OUT = {ValueStatus.AMBIGUOUS, ValueStatus.UNREADABLE, ValueStatus.MISSING}


def _leaf(rng: random.Random, kind: NumberKind) -> Any:
    if rng.random() < 0.1:
        return None
    if rng.random() < 0.4:
        return Decimal(0) if kind is NumberKind.MONEY else 0
    if kind is NumberKind.MONEY:
        return Decimal(rng.randint(0, 10 ** rng.randint(1, 9))).scaleb(-rng.randint(0, 6))
    value = rng.randint(0, 10 ** rng.randint(1, 7) - 1)
    if kind is NumberKind.SIGNED and rng.random() < 0.5:
        value = -value
    return value


def _report(rng: random.Random, variant: str) -> GeneratedReport:
    template = TEMPLATES[variant]
    tables = []
    for spec in template.tables:
        fixed = derived_positions(spec)
        leaves = {
            (r.id, c.id): _leaf(rng, c.kind)
            for r in spec.rows
            for c in spec.columns
            if (r.id, c.id) not in fixed
        }
        tables.append(GeneratedTable(spec, derive(spec, leaves)))
    return GeneratedReport(variant, template.years[0], "安宁市人民政府", tuple(tables))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    spent = [0.0]
    solver = _build.recover_rows

    def timed(*a: Any, **k: Any) -> Any:
        start = time.perf_counter()
        try:
            return solver(*a, **k)
        finally:
            spent[0] += time.perf_counter() - start

    # The engine's two callers of the solver (runs of rows; section 四's one run).
    _build.recover_rows = _sections.recover_rows = timed  # type: ignore[assignment]
    for shape in LOST_SHAPES:
        solve_times: list[float] = []
        parse_times: list[float] = []
        counts = {"recovered": 0, "left out": 0, "wrong": 0}
        for variant in sorted(TEMPLATES):
            for _ in range(args.count):
                report = _report(rng, variant)
                noise = Noise(
                    blank_marks=("—", "/", "无"),
                    signed_words=rng.random() < 0.5,
                    fullwidth=rng.random() < 0.2,
                    seed=rng.randint(0, 2**31),
                )
                text = lost(report, shape, noise)
                spent[0] = 0.0
                start = time.perf_counter()
                got = gikparse.parse_text(text)
                parse_times.append(time.perf_counter() - start)
                solve_times.append(spent[0])
                for table in report.tables:
                    parsed = got.table(table.qualified_id)
                    for row, column, want in table.cells():
                        have = None if parsed is None else parsed.cell(row, column)
                        if have is None or have.status in _LEFT_OUT:
                            counts["left out"] += 1
                        elif have.value == want:
                            counts["recovered"] += 1
                        else:
                            counts["wrong"] += 1
        total = sum(counts.values())
        print(f"{shape}: {len(parse_times)} reports")
        print(
            f"  solver per report: median {statistics.median(solve_times) * 1000:.1f} ms, "
            f"worst {max(solve_times) * 1000:.1f} ms"
        )
        print(
            f"  parse per report:  median {statistics.median(parse_times) * 1000:.1f} ms, "
            f"worst {max(parse_times) * 1000:.1f} ms"
        )
        print("  cells: " + ", ".join(f"{k} {v} ({v / total:.1%})" for k, v in counts.items()))


if __name__ == "__main__":
    main()

"""Batch scaling: ``parse_many`` on 1 and 2 workers, plain processes and Dask.

Run on demand (not a test)::

    python bench/bench_batch.py [--count 1000] [--workers 1 2] [--chunksize 1 20]

Writes ``--count`` distinct report files (the seed texts, renamed, with their table numbers
varied) to a temporary folder, then parses them all with ``parse_many(check=True,
keep_text=False)``: in this process (the baseline), on a ``ProcessPoolExecutor`` and on a Dask
``LocalCluster`` of worker processes (one thread each), for each worker count and chunk size.
Prints reports per second, the efficiency (throughput / (workers x the baseline's)) and the
per-task overhead: (wall time x workers - the baseline's time for the same reports) / tasks,
i.e. what each task costs beyond the parse itself (pickling, scheduling, sending results back).
Pools are started before the clock starts; the first timed run includes each worker's imports.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import gikparse  # noqa: E402

SEEDS = ROOT / "tests" / "fixtures" / "seeds"
_CELL_COUNT = regex.compile(r"(?<=\t)\d+(?=\t|\n)")


def write_reports(folder: Path, count: int, seed: int = 20240101) -> list[Path]:
    """``count`` report files: the seeds in turn, numbers varied, each under its own name."""
    rng = random.Random(seed)
    texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    paths = []
    for i in range(count):
        text = _CELL_COUNT.sub(lambda m: str(rng.randint(0, 900)), texts[i % len(texts)])
        path = folder / f"county{i:05d}_{2020 + i % 5}.txt"
        path.write_text(text, "utf-8")
        paths.append(path)
    return paths


def _run(paths: Sequence[Path], executor: concurrent.futures.Executor | None, chunk: int) -> float:
    start = time.perf_counter()
    results = gikparse.parse_many(
        paths, executor=executor, check=True, keep_text=False, chunksize=chunk
    )
    failed = sum(1 for r in results if not r.ok)
    elapsed = time.perf_counter() - start
    if failed:
        raise SystemExit(f"{failed} report(s) failed")
    return elapsed


@contextlib.contextmanager
def _processes(workers: int) -> Iterator[concurrent.futures.Executor]:
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(abs, range(workers * 4)))  # start the workers before timing
        yield pool


@contextlib.contextmanager
def _dask(workers: int) -> Iterator[concurrent.futures.Executor]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        client.wait_for_workers(workers)
        with client.get_executor() as executor:
            yield executor


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--chunksize", type=int, nargs="+", default=[1, 20])
    parser.add_argument("--engines", nargs="+", default=["processes", "dask"])
    args = parser.parse_args(argv)
    engines: dict[str, Callable[[int], contextlib.AbstractContextManager[object]]] = {
        "processes": _processes,
        "dask": _dask,
    }
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_reports(Path(tmp), args.count)
        _run(paths[:10], None, 1)  # imports and regex compilation
        base = _run(paths, None, 1)
        per_report = base / len(paths)
        print(f"{len(paths)} reports; in this process: {len(paths) / base:.0f} reports/s")
        print("engine     workers chunk  reports/s  efficiency  overhead/task")
        for engine in args.engines:
            for workers in args.workers:
                with engines[engine](workers) as executor:
                    for chunk in args.chunksize:
                        assert isinstance(executor, concurrent.futures.Executor)
                        wall = _run(paths, executor, chunk)
                        tasks = -(-len(paths) // chunk)
                        rate = len(paths) / wall
                        efficiency = rate / (workers / per_report)
                        overhead = (wall * workers - base) / tasks
                        print(
                            f"{engine:<10} {workers:>7} {chunk:>5} {rate:>10.0f} "
                            f"{efficiency:>10.0%} {overhead * 1000:>11.2f} ms"
                        )


if __name__ == "__main__":
    main()

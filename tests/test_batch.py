"""parse_many: one result per source in input order, on any executor, errors as records."""

from __future__ import annotations

import concurrent.futures
import concurrent.futures.process
import os
import pickle
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import gikparse
from gikparse.batch import BatchResult
from tests.conftest import SEEDS

SEED_PATHS = sorted(SEEDS.glob("*.txt"))
NOT_A_REPORT = b"\x00\x01\x02\x03" * 64  # bytes that are neither text nor a PDF


def batch_sources(missing: Path) -> list[Any]:
    """The seeds as paths, str and bytes, with a missing file and bad bytes among them."""
    return [
        SEED_PATHS[0],
        str(SEED_PATHS[1]),
        missing,
        SEED_PATHS[2].read_bytes(),
        NOT_A_REPORT,
        *SEED_PATHS[3:],
    ]


def comparable(result: BatchResult) -> tuple[Any, ...]:
    """What must not depend on where a result was made."""
    return (result.source, result.report, result.findings, result.error)


def plain_loop(sources: list[Any], **options: Any) -> list[tuple[Any, ...]]:
    return [comparable(r) for r in gikparse.parse_many(sources, **options)]


def test_plain_loop_gives_reports_in_order_and_errors_as_records(tmp_path: Path) -> None:
    results = list(gikparse.parse_many(batch_sources(tmp_path / "gone.txt"), check=True))
    assert [r.ok for r in results] == [True, True, False, True, False, True, True]
    assert results[0].report == gikparse.parse(SEED_PATHS[0])
    assert results[0].findings == tuple(gikparse.check(results[0].report))
    assert results[1].source == str(SEED_PATHS[1])
    missing, bad = results[2], results[4]
    assert missing.source == str(tmp_path / "gone.txt") and missing.report is None
    assert missing.error is not None and missing.error.type == "FileNotFoundError"
    assert bad.source == "<bytes #4>" and bad.error is not None
    assert bad.error.type == "SourceError"
    assert results[3].report == gikparse.parse(SEED_PATHS[2])


def test_unchecked_results_say_findings_were_not_looked_for() -> None:
    (result,) = gikparse.parse_many(SEED_PATHS[:1])
    assert result.ok and result.findings is None


@pytest.mark.parametrize(
    "make_pool",
    [
        lambda: concurrent.futures.ThreadPoolExecutor(max_workers=3),
        lambda: concurrent.futures.ProcessPoolExecutor(max_workers=2),
    ],
    ids=["threads", "processes"],
)
@pytest.mark.parametrize(("chunksize", "max_pending"), [(1, 64), (2, 1)])
def test_executors_give_the_plain_loops_results(
    make_pool: Callable[[], concurrent.futures.Executor],
    chunksize: int,
    max_pending: int,
    tmp_path: Path,
) -> None:
    sources = batch_sources(tmp_path / "gone.txt")
    want = plain_loop(sources, check=True)
    with make_pool() as pool:
        got = gikparse.parse_many(
            sources, executor=pool, check=True, chunksize=chunksize, max_pending=max_pending
        )
        assert [comparable(r) for r in got] == want


def test_on_error_raise_raises_the_parse_error_when_its_result_is_reached(
    tmp_path: Path,
) -> None:
    results = gikparse.parse_many(batch_sources(tmp_path / "gone.txt"), on_error="raise")
    assert next(results).ok and next(results).ok
    with pytest.raises(gikparse.SourceError, match=r"gone\.txt"):
        next(results)


def test_on_error_raise_keeps_the_results_before_the_error_in_the_same_task(
    tmp_path: Path,
) -> None:
    sources = [SEED_PATHS[1], SEED_PATHS[2], tmp_path / "gone.txt", SEED_PATHS[3]]
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
        results = gikparse.parse_many(sources, executor=pool, on_error="raise", chunksize=4)
        assert [r.source for r in (next(results), next(results))] == [
            str(SEED_PATHS[1]),
            str(SEED_PATHS[2]),
        ]
        with pytest.raises(gikparse.SourceError, match=r"gone\.txt"):
            next(results)


def test_a_strict_parse_error_from_a_worker_process_keeps_its_diagnostics() -> None:
    want = gikparse.parse(SEED_PATHS[0]).diagnostics
    assert any(d.severity is not gikparse.Severity.INFO for d in want)
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
        results = gikparse.parse_many(SEED_PATHS[:1], executor=pool, on_error="raise", strict=True)
        with pytest.raises(gikparse.ParseError) as raised:
            next(results)
    strict = tuple(d for d in want if d.severity is not gikparse.Severity.INFO)
    assert raised.value.diagnostics == strict
    assert str(raised.value) == str(gikparse.ParseError(strict))


def test_results_without_text_are_equal_smaller_and_still_located() -> None:
    (full,) = gikparse.parse_many(SEED_PATHS[-1:])
    (lean,) = gikparse.parse_many(SEED_PATHS[-1:], keep_text=False)
    assert full.report is not None and lean.report is not None
    assert lean.report.text == "" and full.report.text
    assert lean.report == full.report
    assert len(pickle.dumps(lean)) < len(pickle.dumps(full)) - len(full.report.text)
    table = full.report.applications
    lean_table = lean.report.applications
    assert table is not None and lean_table is not None
    assert [c.value.location for c in lean_table] == [c.value.location for c in table]
    assert pickle.loads(pickle.dumps(lean)) == lean


class ImmediateExecutor(concurrent.futures.Executor):
    """Runs each task when it is submitted: what is drawn from the sources is what was submitted."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> concurrent.futures.Future[Any]:
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        future.set_result(fn(*args, **kwargs))
        return future


def test_only_max_pending_tasks_are_submitted_at_a_time() -> None:
    drawn = 0

    def sources() -> Iterator[Path]:
        nonlocal drawn
        for i in range(40):
            drawn += 1
            yield SEED_PATHS[i % len(SEED_PATHS)]

    results = gikparse.parse_many(
        sources(), executor=ImmediateExecutor(), max_pending=3, chunksize=2
    )
    first = next(results)
    assert first.ok
    assert drawn <= 3 * 2  # the generator was not drained to submit everything at once
    rest = list(results)
    assert len(rest) == 39 and drawn == 40


@pytest.mark.parametrize(
    "options",
    [{"on_error": "ignore"}, {"chunksize": 0}, {"max_pending": 0}, {"strcit": True}],
)
def test_bad_batch_options_are_refused_before_any_parse(options: dict[str, Any]) -> None:
    with pytest.raises((ValueError, TypeError)):
        list(gikparse.parse_many(SEED_PATHS[:1], **options))


def test_results_are_frozen_records() -> None:
    (result,) = gikparse.parse_many([NOT_A_REPORT])
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.source = "x"  # type: ignore[misc]
    assert str(result.error).startswith("SourceError: ")


def _die_on_killme(report: gikparse.Report) -> list[Any]:
    """A checker that kills its worker process outright on the report named ``killme.txt``."""
    if (report.source or "").endswith("killme.txt"):
        os.kill(os.getpid(), signal.SIGKILL)
    return []


@pytest.mark.parametrize("chunksize", [1, 2])
def test_a_source_a_process_pool_cannot_take_is_an_error_record_of_its_chunk(
    chunksize: int,
) -> None:
    path = SEED_PATHS[0]
    with path.open("rb") as file, concurrent.futures.ProcessPoolExecutor(2) as pool:
        sources: list[Any] = [path, file, SEED_PATHS[1], SEED_PATHS[2]]
        results = list(gikparse.parse_many(sources, executor=pool, chunksize=chunksize))
    assert [r.source for r in results] == [
        str(s) if i != 1 else file.name for i, s in enumerate(sources)
    ]
    failed = {i for i, r in enumerate(results) if not r.ok}
    # the open file fails, with the sources sent in the same task, and nothing else
    assert failed == ({1} if chunksize == 1 else {0, 1})
    for i in failed:
        error = results[i].error
        assert error is not None and error.type and "pickle" in error.message


def test_a_killed_worker_gives_error_records_for_the_rest_and_no_hang(tmp_path: Path) -> None:
    killme = tmp_path / "killme.txt"
    killme.write_bytes(SEED_PATHS[0].read_bytes())
    sources = [SEED_PATHS[0], killme, *SEED_PATHS[1:], *SEED_PATHS]
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        results = list(gikparse.parse_many(sources, executor=pool, check=_die_on_killme))
    assert [r.source for r in results] == [str(s) for s in sources]
    assert results[1].error is not None and results[1].error.type == "BrokenProcessPool"
    assert all(r.ok or (r.error and r.error.type == "BrokenProcessPool") for r in results)
    with (
        concurrent.futures.ProcessPoolExecutor(2) as pool,
        pytest.raises(concurrent.futures.process.BrokenProcessPool),
    ):
        list(gikparse.parse_many(sources, executor=pool, check=_die_on_killme, on_error="raise"))


@pytest.mark.parametrize("check", ["yes", 1, None, "C1"])
def test_a_check_that_is_neither_a_bool_nor_a_callable_is_refused(check: Any) -> None:
    with pytest.raises(TypeError, match="check"):
        gikparse.parse_many(SEED_PATHS[:1], check=check)


def test_a_str_is_a_path_or_text_by_the_librarys_one_rule(tmp_path: Path) -> None:
    line = "本机关2023年政府信息公开工作情况良好"  # one line of prose: text, not a file's name
    gone = str(tmp_path / "gone.pdf")
    sources = [line, gone, str(SEED_PATHS[0])]
    results = list(gikparse.parse_many(sources))
    assert [gikparse.is_path_like(s) for s in sources] == [False, True, True]
    assert [r.source for r in results] == ["<text #0>", gone, str(SEED_PATHS[0])]
    text = results[0].report
    assert text is not None and "P002" in {d.code for d in text.diagnostics}
    assert results[1].error is not None and "gone.pdf" in results[1].error.message
    assert results[2].ok

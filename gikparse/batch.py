"""Many reports at once, on any ``concurrent.futures.Executor``: one result per source, in order.

``parse_many`` runs in the caller's process by default, or on the executor given: a thread or
process pool, or a Dask cluster's (``distributed.Client(...).get_executor()``). A source that
cannot be parsed gives a result with an ``error`` instead of a report; it never stops the batch.
Results are picklable, and small with ``keep_text=False`` (the report without its full text), so
that they can come back from other processes and machines.
"""

from __future__ import annotations

import collections
import concurrent.futures
import inspect
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal, TypeAlias

import attrs

from gikparse.api import Source, is_path_like, parse
from gikparse.checks import Finding, check
from gikparse.model import Report

__all__ = ["BatchError", "BatchResult", "parse_many", "source_label"]

OnError = Literal["record", "raise"]
#: ``check=``: ``True`` runs :func:`gikparse.check`; a callable (picklable for process pools,
#: e.g. ``functools.partial(gikparse.check, select="C1")``) runs instead.
Checker: TypeAlias = "bool | Callable[[Report], Iterable[Finding]]"

#: Futures in flight at once, per default: enough to keep a pool busy, few enough that a batch
#: of a million paths does not hold a million futures (and their results) in memory.
DEFAULT_MAX_PENDING = 64


@attrs.frozen(kw_only=True)
class BatchError:
    """Why a source gave no report: the exception's type name and message, as plain strings
    (so that the record pickles and serialises wherever the exception happened)."""

    type: str
    message: str

    def __str__(self) -> str:
        return f"{self.type}: {self.message}"

    def to_dict(self) -> dict[str, str]:
        return {"type": self.type, "message": self.message}


@attrs.frozen(kw_only=True)
class BatchResult:
    """The outcome of one source of a batch: a report (with findings if checked), or an error.

    ``findings`` is ``None`` when the batch did not run the checks (which is not "no findings").
    """

    source: str
    report: Report | None = None
    findings: tuple[Finding, ...] | None = None
    error: BatchError | None = None

    @property
    def ok(self) -> bool:
        """A report was made (it may still carry diagnostics and findings)."""
        return self.error is None


def source_label(source: Source, index: int) -> str:
    """How a batch names a source: the path for paths, ``<text #i>``/``<bytes #i>`` otherwise."""
    if isinstance(source, os.PathLike):
        return os.fspath(source)
    if isinstance(source, str):
        return source if is_path_like(source) else f"<text #{index}>"
    if isinstance(source, (bytes, bytearray)):
        return f"<bytes #{index}>"
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else f"<{type(source).__name__} #{index}>"


def _parse_one(
    source: Source,
    label: str,
    checker: Checker,
    keep_text: bool,
    options: dict[str, Any],
) -> BatchResult | Exception:
    """Parse one source into a result, or the exception that stopped it (returned, so that the
    results before it in the same task still arrive)."""
    try:
        report = parse(source, **options)  # a str is a path or text by is_path_like
        findings: tuple[Finding, ...] | None = None
        if checker is True:
            findings = tuple(check(report))
        elif callable(checker):
            findings = tuple(checker(report))
        if not keep_text:
            report = attrs.evolve(report, text="")
        return BatchResult(source=label, report=report, findings=findings)
    except Exception as exc:
        return exc


def _parse_chunk(
    chunk: list[tuple[Source, str]],
    checker: Checker,
    keep_text: bool,
    record: bool,
    options: dict[str, Any],
) -> list[BatchResult | Exception]:
    """A task: module-level so that process pools and clusters can pickle it. With
    ``record=False`` it stops at the first exception, which ends the list."""
    out: list[BatchResult | Exception] = []
    for source, label in chunk:
        found = _parse_one(source, label, checker, keep_text, options)
        if isinstance(found, Exception) and record:
            found = BatchResult(
                source=label, error=BatchError(type=type(found).__name__, message=str(found))
            )
        out.append(found)
        if isinstance(found, Exception):
            break
    return out


def _unpacked(results: list[BatchResult | Exception]) -> Iterator[BatchResult]:
    for found in results:
        if isinstance(found, Exception):
            raise found
        yield found


def _chunks(sources: Iterable[Source], size: int) -> Iterator[list[tuple[Source, str]]]:
    chunk: list[tuple[Source, str]] = []
    for index, source in enumerate(sources):
        chunk.append((source, source_label(source, index)))
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def parse_many(
    sources: Iterable[Source],
    *,
    executor: concurrent.futures.Executor | None = None,
    check: Checker = False,
    on_error: OnError = "record",
    keep_text: bool = True,
    chunksize: int = 1,
    max_pending: int = DEFAULT_MAX_PENDING,
    **parse_options: Any,
) -> Iterator[BatchResult]:
    """Parse every source, yielding one :class:`BatchResult` per source in input order.

    ``sources`` are paths (a ``str`` is a path or report text by the one rule of
    :func:`gikparse.is_path_like`: a missing ``x.pdf`` is an error, a line of prose is text and
    gets P002), bytes, report text or binary files; with a process pool or a cluster, give
    paths, which the workers read themselves. ``executor`` is any
    ``concurrent.futures.Executor``; ``None`` parses in this process, one source at a time.
    ``check=True`` runs :func:`gikparse.check` on each report; a callable taking a Report
    (picklable for process pools, e.g. ``functools.partial(gikparse.check, select="C1")``) runs
    instead. ``on_error="record"`` turns any exception into the result's ``error``; ``"raise"``
    re-raises it when its result is reached. ``keep_text=False`` drops ``Report.text``
    (locations still refer to it) so that results are small to send back. ``chunksize`` sources
    go into one task (fewer, larger tasks cost less overhead), and at most ``max_pending`` tasks
    are submitted at a time, so that ``sources`` may be a lazy iterable of any length.
    ``parse_options`` go to :func:`gikparse.parse` (``strict``, ``pages``, ``password``,
    ``limits``…). Bad options raise here, at the call, before any source is drawn.
    """
    if on_error not in ("record", "raise"):
        raise ValueError(f"on_error must be 'record' or 'raise', not {on_error!r}")
    if not (isinstance(check, bool) or callable(check)):  # "yes" would run no checks, silently
        raise TypeError(f"check must be True, False or a callable, not {check!r}")
    if chunksize < 1 or max_pending < 1:
        raise ValueError("chunksize and max_pending must be at least 1")
    # A misspelt option would otherwise fail every source, one error record at a time.
    inspect.signature(parse).bind(None, **parse_options)
    args = (check, keep_text, on_error == "record", parse_options)
    chunks = _chunks(sources, chunksize)
    if executor is None:
        return _in_turn(chunks, args)
    return _submitted(executor, chunks, args, max_pending)


def _in_turn(
    chunks: Iterator[list[tuple[Source, str]]], args: tuple[Checker, bool, bool, dict[str, Any]]
) -> Iterator[BatchResult]:
    for chunk in chunks:
        yield from _unpacked(_parse_chunk(chunk, *args))


def _submitted(
    executor: concurrent.futures.Executor,
    chunks: Iterator[list[tuple[Source, str]]],
    args: tuple[Checker, bool, bool, dict[str, Any]],
    max_pending: int,
) -> Iterator[BatchResult]:
    """Results in input order, with at most ``max_pending`` tasks in flight.

    A task that cannot be sent (an open file to a process pool: not picklable) or whose
    result never comes (a worker killed: ``BrokenProcessPool``) fails every source of its
    chunk: error records with ``on_error="record"``, the exception otherwise. A broken pool
    refuses the tasks after it at once, so the rest of the batch becomes records quickly."""
    record = args[2]
    Task = concurrent.futures.Future[list[BatchResult | Exception]]
    pending: collections.deque[tuple[list[tuple[Source, str]], Task | Exception]]
    pending = collections.deque()

    def send(chunk: list[tuple[Source, str]]) -> None:
        try:
            pending.append((chunk, executor.submit(_parse_chunk, chunk, *args)))
        except Exception as exc:  # a broken or shut pool, a task that cannot be sent
            pending.append((chunk, exc))

    def receive() -> Iterator[BatchResult]:
        chunk, task = pending.popleft()
        try:
            if isinstance(task, Exception):
                raise task
            results = task.result()
        except Exception as exc:
            if not record:
                raise
            error = BatchError(type=type(exc).__name__, message=str(exc) or type(exc).__name__)
            results = [BatchResult(source=label, error=error) for _, label in chunk]
        yield from _unpacked(results)

    try:
        for chunk in chunks:
            send(chunk)
            if len(pending) >= max_pending:
                yield from receive()
        while pending:
            yield from receive()
    finally:
        # The caller stopped early, or a result raised: do not leave work queued.
        for _, task in pending:
            if not isinstance(task, Exception):
                task.cancel()

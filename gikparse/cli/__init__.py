"""The ``gikparse`` command: ``parse`` extracts the data, ``check`` reviews a folder of reports.

Modules by job: ``_args`` (the command line), ``_inputs`` (which files), ``_work`` (one file's
parse and verdict, and a run of many), ``_output`` (the formats and totals), ``_progress`` (the
progress line), ``_destination`` (stdout, a file, or one file per input). Exit status: 0 all
good, 1 a report failed or could not be read, 2 a usage error, 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from ._args import Options, UsageError, parse_arguments
from ._destination import Destination, clobbered, open_destination
from ._inputs import collect, missing
from ._output import Totals
from ._progress import make_progress
from ._work import FAILING, Outcome, Settings, Status, run

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _error(message: str) -> None:
    print(f"gikparse: error: {message}", file=sys.stderr)


def _settings(options: Options) -> Settings:
    return Settings(
        run_checks=options.run_checks,
        select=options.select,
        ignore=options.ignore,
        fail_on=options.fail_on,
        password=options.password,
        pages=options.pages,
        limits=options.limits,
    )


def _run(options: Options) -> int:
    absent = missing(options.paths)
    if absent:
        _error(f"no such file or folder: {absent[0]}")
        return EXIT_USAGE
    inputs = collect(options.paths)
    # A review of nothing is not a pass: ``check`` on a folder with no report file in it fails
    # (a mistyped or unsynced folder must not look clean); ``parse`` of nothing is empty data.
    nothing = options.command == "check" and not options.exit_zero
    if not inputs:
        print("gikparse: no files found in " + ", ".join(options.paths), file=sys.stderr)
        return EXIT_FAILED if nothing else EXIT_OK
    clash = clobbered(options, inputs)
    if clash is not None:
        raise UsageError(clash)
    stdin = sys.stdin.buffer.read() if any(i.is_stdin for i in inputs) else None
    destination = open_destination(options)
    progress = make_progress(len(inputs), sys.stderr, quiet=options.quiet)
    totals = Totals()
    kept: list[Outcome] = []
    try:
        for outcome in run(inputs, _settings(options), options.jobs, stdin):
            totals.add(outcome)
            if options.html is not None:
                kept.append(outcome)
            progress.clear()  # never write a line into the middle of the progress line
            destination.write(outcome)
            progress.advance(outcome.source)
    except BaseException:
        # Interrupted or failed: close what is open, but write no totals for a partial run.
        progress.close()
        destination.close(None)
        raise
    progress.close()
    destination.close(totals if options.command == "check" else None)
    _closing(options, destination, totals)
    if options.html is not None:
        from gikparse.review import write_review

        write_review(options.html, kept, lang=options.lang)
    if nothing and not any(item.to_read for item in inputs):
        print("gikparse: no report file to check in " + ", ".join(options.paths), file=sys.stderr)
        return EXIT_FAILED
    failed = any(status in FAILING for status in totals.statuses)
    if failed and options.run_checks is False:
        failed = totals.statuses[Status.ERROR] > 0
    return EXIT_OK if options.exit_zero or not failed else EXIT_FAILED


def _closing(options: Options, destination: Destination, totals: Totals) -> None:
    """The totals and the unread inputs, on stderr (unless the text output carried them)."""
    if options.quiet or destination.carries_totals:
        return
    for line in totals.lines(rules=options.command == "check"):
        print(line, file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gikparse`` command; returns the exit status."""
    try:
        try:
            options = parse_arguments(sys.argv[1:] if argv is None else argv)
        except SystemExit as exc:  # argparse: --help, --version, or a usage error (2)
            return exc.code if isinstance(exc.code, int) else EXIT_USAGE
        except UsageError as exc:
            _error(str(exc))
            return EXIT_USAGE
        try:
            return _run(options)
        except UsageError as exc:
            _error(str(exc))
            return EXIT_USAGE
    except KeyboardInterrupt:
        print("gikparse: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, and keep Python from complaining
        # about the unflushed stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED

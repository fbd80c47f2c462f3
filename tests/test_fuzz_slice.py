"""A small slice of the fuzz harness (bench/fuzz.py) runs in CI: every input ends in a Report
or a GikparseError, within the time limit, in a worker whose memory is capped."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

_FUZZ = Path(__file__).resolve().parent.parent / "bench" / "fuzz.py"


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gikparse_fuzz", _FUZZ)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_a_slice_of_fuzz_inputs_ends_in_reports_or_gikparse_errors() -> None:
    fuzz = _harness()
    tallies = fuzz.run(100, seed=1, timeout=10.0, memory_mib=1024, pool=12)
    summary = fuzz.table(tallies)
    assert sum(t.inputs for t in tallies.values()) == 100
    assert sum(t.bad for t in tallies.values()) == 0, summary

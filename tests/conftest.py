"""Shared test set-up: hypothesis profiles and the seed fixtures."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
RENDERED = FIXTURES / "rendered"

settings.register_profile(
    "default", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# CI explores a fixed, larger set of examples so that a run is repeatable; the default profile
# stays random so that local runs keep finding new cases.
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

SEED_NAMES = sorted(p.name.removesuffix(".txt") for p in SEEDS.glob("*.txt"))


def load_expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SEEDS / f"{name}.expected.json").read_text("utf-8"))
    return data


@pytest.fixture(params=SEED_NAMES)
def seed_name(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name

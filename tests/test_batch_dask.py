"""Dask, the tested distributed engine: a cluster's executor and the panel recipes.

dask and distributed come with the ``dask`` extra, which CI (``.ci/run``) installs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import gikparse
from tests.test_batch import SEED_PATHS, batch_sources, comparable, plain_loop

distributed = pytest.importorskip("distributed")
dask_bag = pytest.importorskip("dask.bag")
dask_dataframe = pytest.importorskip("dask.dataframe")
pd = pytest.importorskip("pandas")
frames = pytest.importorskip("gikparse.frames")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    # One small in-process cluster for the module: starting one costs about a second.
    with (
        distributed.LocalCluster(
            n_workers=1,
            threads_per_worker=2,
            processes=False,
            dashboard_address=":0",  # any free port: two clusters at once (xdist) do not clash
        ) as cluster,
        distributed.Client(cluster) as dask_client,
    ):
        yield dask_client


def test_a_dask_clusters_executor_gives_the_plain_loops_results(
    client: Any, tmp_path: Path
) -> None:
    sources = batch_sources(tmp_path / "gone.txt")
    want = plain_loop(sources, check=True)
    with client.get_executor() as executor:
        got = gikparse.parse_many(
            sources, executor=executor, check=True, keep_text=False, max_pending=2
        )
        assert [comparable(r) for r in got] == want


def _expected_panel(paths: list[Any]) -> Any:
    return frames.panel_frame(gikparse.parse_many(paths, check=True))


def test_a_dask_dataframe_of_partitions_builds_the_panel_on_the_workers(
    client: Any, tmp_path: Path
) -> None:
    paths = [str(p) for p in SEED_PATHS] + [str(tmp_path / "gone.txt")]
    chunks = [paths[:3], paths[3:]]
    panel = dask_dataframe.from_map(frames.panel_of, chunks, meta=frames.panel_frame([]))
    got = panel.compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(got, _expected_panel(paths))


def test_a_dask_bag_of_paths_maps_to_panel_rows(client: Any) -> None:
    paths = [str(p) for p in SEED_PATHS]
    rows = dask_bag.from_sequence(paths, npartitions=2).map(frames.parse_to_panel_row)
    got = frames.panel_frame(rows.compute())
    pd.testing.assert_frame_equal(got, _expected_panel(paths))

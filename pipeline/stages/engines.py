"""Where the parse of distinct volume texts runs: this process, worker processes, or a Dask cluster.

The parse is the one stage whose cost is Python per distinct string; everything else is DuckDB's set
work. An engine maps the same pure function (:func:`pipeline.stages.bulk.parse_chunk`) over chunks of
distinct texts and yields the results in order, a few chunks in flight at a time so memory stays
bounded. The figures are identical whichever engine ran them.
"""

from __future__ import annotations

import functools
import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any, Protocol

import pandas as pd

from pipeline.plumbing.errors import PipelineError
from pipeline.volumes import Policy

Chunk = list[tuple[int, str, "str | None"]]
Result = tuple[pd.DataFrame, pd.DataFrame]


class Engine(Protocol):
    def parse(self, chunks: Iterable[Chunk], policy: Policy) -> Iterator[Result]: ...

    def describe(self) -> str: ...


class LocalEngine:
    """This machine: ``workers`` processes (forked, the grammar compiled once before), or this process."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers if workers is not None else (len(os.sched_getaffinity(0)) or 1)

    def describe(self) -> str:
        return (
            f"{self.workers} worker process{'es' * (self.workers > 1)}" if self.workers > 1 else "in process"
        )

    def parse(self, chunks: Iterable[Chunk], policy: Policy) -> Iterator[Result]:
        from .bulk import parse_chunk

        work = functools.partial(parse_chunk, policy=policy)
        if self.workers <= 1:
            yield from map(work, chunks)
            return
        import multiprocessing

        from pipeline.volumes import parse_volume

        parse_volume("1 TB")  # compile the grammar here, once: the workers inherit it
        with multiprocessing.get_context("fork").Pool(self.workers) as pool:
            # chunks are drawn here, in this thread (they are read from the database), a few in flight
            pending: deque = deque()
            for chunk in chunks:
                pending.append(pool.apply_async(work, (chunk,)))
                if len(pending) >= 2 * self.workers:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()


class DaskEngine:
    """A Dask cluster (``dask.distributed``): the scheduler at ``address``, or a local cluster."""

    def __init__(self, address: str | None = None, workers: int | None = None) -> None:
        self.address, self.workers = address, workers
        self._client: Any = None

    def describe(self) -> str:
        return f"dask at {self.address}" if self.address else "dask, local cluster"

    def _connect(self) -> Any:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise PipelineError("--engine dask needs dask.distributed: pip install '.[dask]'") from None
        if self._client is None:
            if self.address:
                try:
                    self._client = Client(self.address, timeout="10s")
                except (OSError, TimeoutError) as exc:
                    raise PipelineError(f"cannot reach the Dask scheduler at {self.address}: {exc}") from None
            else:
                cluster = LocalCluster(
                    n_workers=self.workers or 2, threads_per_worker=1, dashboard_address=None
                )
                self._client = Client(cluster)
        return self._client

    def parse(self, chunks: Iterable[Chunk], policy: Policy) -> Iterator[Result]:
        from .bulk import parse_chunk

        client = self._connect()
        depth = 2 * max(1, len(client.scheduler_info().get("workers", {})))
        pending: deque = deque()
        for chunk in chunks:
            pending.append(client.submit(parse_chunk, chunk, policy, pure=False))
            if len(pending) >= depth:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        if self._client is not None:
            cluster = getattr(self._client, "cluster", None)
            self._client.close()
            if cluster is not None and not self.address:
                cluster.close()
            self._client = None

"""Where the per-story analysis runs: in this process, or on a Dask distributed cluster.

Stories are independent once grouped, and their analysis (parse, entities, quotes, numbers,
dates, facts, brief) is most of a run's time, so that is what a cluster shares out: each
changed story is one task, `pipeline.analyse_alone(story, its articles, their analyses done
before)`, a plain function of records in and records out. A worker loads the language
models once (they are cached per process) and keeps them for every task it runs. Reading,
lineage and story grouping stay in the calling process, and so does the one writer to the
store.

`Engine(workers=N)` starts a local cluster of N processes; `Engine(scheduler="tcp://HOST:8786")`
joins a running one (`dask scheduler` on one machine, `dask worker tcp://HOST:8786` on each of
the others, each with storytrace installed).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence

from .model import AnalysisFailure, Article, ArticleAnalysis, Story

Task = tuple[Story, list[Article], dict[str, ArticleAnalysis]]
Done = tuple[Story, list[AnalysisFailure], dict[str, ArticleAnalysis]]


class Engine:
    """Runs `analyse_alone` over stories; a context manager (the cluster stops on exit)."""

    def __init__(self, workers: int | None = None, scheduler: str | None = None):
        self.client = self.cluster = None
        if workers is None and scheduler is None:
            return
        from distributed import Client, LocalCluster

        if scheduler:
            self.client = Client(scheduler, timeout="10s")
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)

    @property
    def distributed(self) -> bool:
        return self.client is not None

    def run(self, work: Callable[..., Done], tasks: Sequence[Task]) -> Iterator[tuple[int, Done]]:
        """(index of the task, its result), as each finishes."""
        if self.client is None:
            for i, task in enumerate(tasks):
                yield i, work(*task)
            return
        from distributed import as_completed

        futures = {self.client.submit(work, *task, pure=False): i for i, task in enumerate(tasks)}
        for future in as_completed(futures):
            yield futures[future], future.result()

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

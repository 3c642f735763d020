"""Story analysis on a Dask distributed cluster gives the same report as one process.

CI runs the real thing: a 2-worker local cluster, and a scheduler and a worker started as
their own processes (`dask scheduler`, `dask worker`), as on several machines.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storytrace import pipeline
from storytrace.engine import Engine
from storytrace.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"
INPUTS = [SHARED / "seeds", *sorted((SHARED / "data" / "wikiref220" / "articles").glob("greek.elections.1*.txt"))[:3]]

pytestmark = pytest.mark.slow


def same(a, b) -> None:
    assert json.dumps(a.to_dict(), sort_keys=True) == json.dumps(b.to_dict(), sort_keys=True)


@pytest.fixture(scope="module")
def one_process():
    return pipeline.brief(INPUTS)


def test_a_local_cluster_gives_the_report_of_one_process(one_process):
    with Engine(workers=2) as engine:
        assert engine.distributed
        report = pipeline.brief(INPUTS, engine=engine)
    assert len(report.stories) >= 2  # the seeds and the Greek election stay apart
    same(report, one_process)


def test_add_through_a_running_scheduler_and_worker(tmp_path, one_process):
    port = free_port()
    dask = Path(sys.executable).parent / "dask"
    scheduler = subprocess.Popen([str(dask), "scheduler", "--port", str(port), "--no-dashboard"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = subprocess.Popen([str(dask), "worker", f"tcp://127.0.0.1:{port}", "--nworkers", "1", "--nthreads", "1",
                               "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with Engine(scheduler=f"tcp://127.0.0.1:{port}") as engine:
            engine.client.wait_for_workers(1, timeout=60)
            with Store(tmp_path / "st.db") as store:
                added = pipeline.add(store, INPUTS, engine=engine)
                assert added.problems == [p for p in added.problems if p.skipped]
                stored = {s.id: s for s in store.stories()}
        for story in one_process.stories:
            assert json.dumps(stored[story.id].facts, default=vars) == json.dumps(story.facts, default=vars)
            assert stored[story.id].quotes == story.quotes
    finally:
        for proc in (worker, scheduler):
            proc.terminate()
            proc.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_scheduler_is_one_line(tmp_path):
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "storytrace", "brief", str(SHARED / "seeds"), "--out", str(tmp_path),
                           "--scheduler", f"tcp://127.0.0.1:{free_port()}"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and time.monotonic() - start < 60
    lines = [l for l in proc.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and "cannot reach the Dask scheduler" in lines[0]

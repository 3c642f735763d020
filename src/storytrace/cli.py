"""The command line: argument parsing, progress and messages only; the work is in `pipeline`."""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.text import Text
from rich.table import Table

from . import health, outlets, pipeline
from .model import InputProblem, Report
from .render import plural
from .engine import Engine
from .store import Store, StoreError, default_db_path, explain

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="What is actually established about a news story.")
err = Console(stderr=True)
out = Console()

EVALUATIONS = ("extraction", "metadata", "stories", "lineage", "quotes", "facts")
# Scored on a corpus the user supplies (not shipped, not part of "all"): give its path.
EXTERNAL_EVALUATIONS = ("attributions",)
DEFAULT_DATA = Path("../shared/data")


class RateColumn(ProgressColumn):
    """Items a second ("3.2/s"), once rich has seen enough steps to say."""

    def render(self, task) -> Text:
        return Text(f"{task.speed:.1f}/s" if task.speed else "", style="progress.data.speed")


class Messages:
    """Where progress and messages go: a rich display, nothing (--quiet), or JSON lines (--json)."""

    def __init__(self, quiet: bool = False, as_json: bool = False):
        self.quiet, self.as_json = quiet, as_json
        self.progress: Progress | None = None
        self.tasks: dict[str, int] = {}

    @property
    def chatty(self) -> bool:
        """Whether human-readable output (summary tables, counts) goes to stdout."""
        return not (self.quiet or self.as_json)

    def event(self, kind: str, **fields: object) -> None:
        if self.as_json:
            print(json.dumps({"event": kind, **fields}, ensure_ascii=False), file=sys.stderr, flush=True)

    def problem(self, p: InputProblem) -> None:
        if self.as_json:
            self.event("problem", source=p.source, problem=p.problem, skipped=p.skipped)
        elif not self.quiet:
            err.print(f"[yellow]skipped[/] {p.source}: {p.problem}", highlight=False, soft_wrap=True)

    def fail(self, message: str, code: int = 1) -> typer.Exit:
        if self.as_json:
            self.event("error", message=message)
        else:
            err.print(f"[red]error:[/] {message}", highlight=False, soft_wrap=True)
        return typer.Exit(code)

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.event("progress", stage=stage, done=done, total=total)
        if self.progress is None:
            return
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(stage, total=total)
        self.progress.update(self.tasks[stage], completed=done, total=total)

    def __enter__(self) -> Messages:
        if not (self.quiet or self.as_json) and err.is_terminal:
            self.progress = Progress(TextColumn("{task.description:<10}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                                     RateColumn(), TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
                                     console=err, transient=True)
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()


@app.callback()
def main_options(
    ctx: typer.Context,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no summary, errors only.")] = False,
    json_logs: Annotated[bool, typer.Option("--json", help="Progress and problems as JSON lines on stderr.")] = False,
) -> None:
    ctx.obj = Messages(quiet=quiet, as_json=json_logs)


def open_store(db: Path, msg: Messages) -> Store:
    try:
        return Store(db)
    except StoreError as exc:
        raise msg.fail(str(exc), 2) from None


@contextmanager
def writing_to(db: Path, msg: Messages) -> Iterator[None]:
    """Storage errors and Ctrl-C during a write to the store, each as one line that says
    what was kept (an add is one transaction: nothing of it, the store as it was)."""
    try:
        yield
    except sqlite3.Error as exc:
        raise msg.fail(f"{explain(db, exc)}; nothing of this run was stored", 2) from None
    except StoreError as exc:
        raise msg.fail(str(exc), 2) from None
    except KeyboardInterrupt:
        raise msg.fail(f"interrupted: nothing of this run was stored and {db} is as it was; "
                       "run the same command again to add the articles", 130) from None


def waiting(db: Path, msg: Messages) -> Callable[[], None]:
    def say() -> None:
        msg.event("waiting", db=str(db))
        if not (msg.quiet or msg.as_json):
            err.print(f"waiting: another storytrace process is writing to {db}", highlight=False, soft_wrap=True)
    return say


StoreOption = Annotated[Optional[Path], typer.Option(
    "--db", help="The store (SQLite file); default $STORYTRACE_DB or ./storytrace.db.")]
WorkersOption = Annotated[Optional[int], typer.Option(
    "--workers", min=1, help="Analyse stories on a local Dask cluster of this many processes.")]
SchedulerOption = Annotated[Optional[str], typer.Option(
    "--scheduler", help="Analyse stories on a running Dask cluster (tcp://HOST:8786).")]


@contextmanager
def engine_for(workers: int | None, scheduler: str | None, msg: Messages) -> Iterator[Engine]:
    """The engine the options ask for: this process, a local cluster, or a running one."""
    if workers is None and scheduler is None:
        yield Engine()
        return
    msg("cluster", 0, 1)
    try:
        engine = Engine(workers, scheduler)
    except (OSError, TimeoutError) as exc:
        raise msg.fail(f"cannot reach the Dask scheduler {scheduler}: {exc}" if scheduler
                       else f"cannot start {workers} Dask workers: {exc}", 2) from None
    msg("cluster", 1, 1)
    with engine:
        yield engine


OutletOption = Annotated[Optional[str], typer.Option(
    "--outlet", help="The outlet of articles whose input names none (plain text files).")]
OutletsOption = Annotated[Optional[Path], typer.Option(
    "--outlets", help="A CSV table of outlets: match (domain or name), name, kind, owner.")]


def outlet_table(path: Path | None, msg: Messages) -> list[outlets.Outlet]:
    if path is None:
        return []
    try:
        return outlets.load(path)
    except outlets.OutletTableError as exc:
        raise msg.fail(str(exc), 2) from None


def summary_table(report: Report) -> Table:
    title = f"{plural(len(report.articles), 'article')}, {plural(len(report.stories), 'story', 'stories')}"
    table = Table(title=title, title_justify="left")
    table.add_column("story", ratio=1, overflow="fold")
    # Short headers leave the story's title room in an 80-column terminal.
    for col in ("articles", "indep.", "corrob.", "single", "contest."):
        table.add_column(col, justify="right", no_wrap=True)
    for s in report.stories:
        status = [f.status for f in s.facts]
        table.add_row(s.title, str(len(s.articles)), str(len(s.independent_groups) or len(s.articles)),
                      str(status.count("corroborated")), str(status.count("single-source")), str(status.count("contested")))
    return table


@app.command()
def brief(
    ctx: typer.Context,
    paths: Annotated[Optional[list[str]], typer.Argument(help="Files, folders (read recursively) and globs.")] = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for report.json, report.md, report.html.")] = Path("out"),
    db: Annotated[Optional[Path], typer.Option("--db", help="Report on this store (PATHs, if any, are added to it first).")] = None,
    outlet: OutletOption = None,
    outlets_csv: OutletsOption = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Read articles and write a brief: report.json, report.md and report.html."""
    from .render import write_report

    msg: Messages = ctx.obj
    if not paths and db is None:
        raise msg.fail("give files or folders to read, or --db FILE to report on a store", 2)
    table = outlet_table(outlets_csv, msg)
    with msg, engine_for(workers, scheduler, msg) as engine:
        if db is not None:
            with writing_to(db, msg), open_store(db, msg) as store:
                problems = pipeline.add(store, paths, progress=msg, on_wait=waiting(db, msg), outlet=outlet,
                                        outlet_table=table, engine=engine).problems if paths else []
                report = pipeline.report_from_store(store)
            report.problems = problems
        else:
            report = pipeline.brief(paths, progress=msg, outlet=outlet, outlet_table=table, engine=engine)
    for p in report.problems:
        msg.problem(p)
    if not report.articles:
        raise msg.fail("no article could be read" if paths else f"{db}: the store holds no articles")
    written = write_report(report, out_dir)
    msg.event("written", **{k: str(v) for k, v in written.items()})
    if msg.chatty:
        out.print(summary_table(report))
        out.print(f"Wrote {', '.join(str(p) for p in written.values())}", highlight=False)


@app.command()
def add(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files, folders (read recursively) and globs.")],
    db: StoreOption = None,
    outlet: OutletOption = None,
    outlets_csv: OutletsOption = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Add articles to a store; each joins its story or opens a new one."""
    msg: Messages = ctx.obj
    db = db or default_db_path()
    table = outlet_table(outlets_csv, msg)
    with msg, engine_for(workers, scheduler, msg) as engine, writing_to(db, msg), open_store(db, msg) as store:
        result = pipeline.add(store, paths, progress=msg, on_wait=waiting(db, msg), outlet=outlet, outlet_table=table,
                              engine=engine)
    for p in result.problems:
        msg.problem(p)
    msg.event("added", new=len(result.new), known=len(result.known), stories=result.stored,
              changed=len(result.stories), repaired=result.repaired)
    if not result.new and not result.known:
        raise msg.fail("no article could be read")
    if msg.chatty:
        repaired = (f" {plural(result.repaired, 'article')} an interrupted add had left in no story "
                    "now have their story." if result.repaired else "")
        out.print(f"{len(result.new)} new, {len(result.known)} already in {db}; the store holds "
                  f"{plural(result.stored, 'story', 'stories')}.{repaired}", highlight=False)


@app.command()
def check(
    ctx: typer.Context,
    db: StoreOption = None,
    repair: Annotated[bool, typer.Option("--repair", help="Place articles left in no story and undo double placements.")] = False,
) -> None:
    """Check a store: the file's integrity, every article in exactly one story, failed analyses."""
    msg: Messages = ctx.obj
    db = db or default_db_path()
    if not db.exists():
        raise msg.fail(f"{db}: no such store", 2)
    with msg, writing_to(db, msg), open_store(db, msg) as store:
        findings = health.check(store)
        if repair and findings.repairable:
            findings = health.repair(store, progress=msg, on_wait=waiting(db, msg))
    msg.event("check", **findings.to_dict())
    if not msg.as_json:
        for line in findings.lines():
            out.print(line, highlight=False, soft_wrap=True)
    if not findings.sound:
        raise typer.Exit(1)


@app.command("eval")
def evaluate(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=f"One of: {', '.join(EVALUATIONS + EXTERNAL_EVALUATIONS)}, all.")],
    data: Annotated[Optional[Path], typer.Argument(help="The labelled data (default ../shared/data, or its extraction-benchmark for extraction and metadata).")] = None,
) -> None:
    """Score the pipeline on labelled data and print the figures."""
    import importlib

    msg: Messages = ctx.obj
    names = EVALUATIONS if name == "all" else (name,)
    if any(n not in EVALUATIONS + EXTERNAL_EVALUATIONS for n in names):
        raise msg.fail(f"unknown evaluation {name!r}; choose from {', '.join(EVALUATIONS + EXTERNAL_EVALUATIONS)}, all", 2)
    if name in EXTERNAL_EVALUATIONS and data is None:
        raise msg.fail(f"eval {name} needs the corpus's folder (PolNeAR: its data/dev or data/train)", 2)
    results = {}
    for n in names:
        data_dir = data or (DEFAULT_DATA / "extraction-benchmark" if n in ("extraction", "metadata") else DEFAULT_DATA)
        if not data_dir.exists():
            raise msg.fail(f"{data_dir}: no such folder (give the labelled data's path)", 2)
        module = importlib.import_module(f"storytrace.evaluate.{n}")
        try:
            results[n] = module.evaluate(data_dir)
        except ValueError as problem:  # the folder holds nothing to score
            raise msg.fail(str(problem), 2) from None
        if msg.as_json:
            continue
        out.print(score_table(f"eval {n} ({data_dir})", results[n]))
    if msg.as_json:
        print(json.dumps(results, indent=2))


def score_table(title: str, scores: dict[str, dict[str, float]]) -> Table:
    """One row per system or set, one column per figure; turned on its side when the
    figures outnumber the rows (per-topic counts), so that it stays readable in 80 columns."""
    sets = list(scores)
    metrics = sorted({m for row in scores.values() for m in row})
    table = Table(title=title, title_justify="left")
    if len(metrics) > max(6, len(sets)):
        table.add_column("figure")
        for name in sets:
            table.add_column(name, justify="right")
        for m in metrics:
            table.add_row(m, *(fmt(scores[name].get(m)) for name in sets))
        return table
    table.add_column("system / set")
    for m in metrics:
        table.add_column(m, justify="right")
    for name, row in scores.items():
        table.add_row(name, *(fmt(row.get(m)) for m in metrics))
    return table


def fmt(value: object) -> str:
    """Rates to four places; counts (whole numbers above one) as integers."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and value > 1 else f"{value:.4f}"
    return "" if value is None else str(value)


@app.command()
def serve(
    ctx: typer.Context,
    db: Annotated[Path, typer.Option("--db", help="The store to browse and add to.")] = None,
    host: Annotated[str, typer.Option(help="Address to bind; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Start the web app over a store."""
    import uvicorn

    from .web.app import create_app

    msg: Messages = ctx.obj
    db = db or default_db_path()
    open_store(db, msg).close()
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning" if msg.quiet else "info")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # before a command began its work (while loading, say)
        err.print("interrupted before anything was stored", highlight=False)
        sys.exit(130)

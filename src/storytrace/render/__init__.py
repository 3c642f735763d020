"""Render a report as report.json, report.md and report.html (templates beside this file)."""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, PackageLoader

from ..model import Report
from .view import report_views, unassigned


def plural(n: int, one: str, many: str | None = None) -> str:
    """"1 story", "2 stories": a count with its noun."""
    return f"{n} {one if n == 1 else many or one + 's'}"


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("storytrace", "render/templates"),
        autoescape=lambda name: name is not None and ".html" in name,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cites"] = lambda numbers: "".join(f"[{n}]" for n in numbers)
    env.filters["pct"] = lambda x: f"{round(100 * x)}%"
    env.filters["plural"] = plural
    return env


def report_json(report: Report) -> str:
    data = report.to_dict()
    return json.dumps(data, ensure_ascii=False, indent=2)


def render_template(name: str, report: Report) -> str:
    return environment().get_template(name).render(
        report=report, views=report_views(report), unassigned=unassigned(report)
    )


def write_report(report: Report, out_dir: Path) -> dict[str, Path]:
    """Write the three report files into `out_dir`; returns their paths by format."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"json": out_dir / "report.json", "md": out_dir / "report.md", "html": out_dir / "report.html"}
    paths["json"].write_text(report_json(report), encoding="utf-8")
    paths["md"].write_text(render_template("report.md.j2", report), encoding="utf-8")
    paths["html"].write_text(render_template("report.html.j2", report), encoding="utf-8")
    return paths

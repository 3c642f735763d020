"""The lineage of a story drawn as an inline SVG, built on the server.

One column per independent line of reporting (tinted in that line's colour); inside a
column the originals sit on top and each rewrite sits a row below what it copied, with
an arrow from the rewrite to its source labelled with the share it took. Hand-written
because it is a few dozen shapes: a graph-layout library would be a heavy dependency for
a layered drawing whose layers the lineage edges already give.
"""

from __future__ import annotations

from collections import defaultdict
from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup

from ..render.view import Source, StoryView

NODE_W, NODE_H = 184, 48
GAP_X, GAP_Y = 18, 64
PAD, HEAD = 12, 26
# Colour-blind-safe hues (Okabe–Ito), as (stroke, fill) pairs.
PALETTE = [("#0072b2", "#e3f0f9"), ("#d55e00", "#fbe9df"), ("#009e73", "#def3ec"),
           ("#cc79a7", "#f8e9f2"), ("#e69f00", "#fcf1da"), ("#56b4e9", "#e6f4fc"),
           ("#6b6b00", "#f0f0d8"), ("#555555", "#ececec")]


def colour(group: int) -> tuple[str, str]:
    return PALETTE[(group - 1) % len(PALETTE)] if group > 0 else PALETTE[-1]


def depths(view: StoryView) -> dict[str, int]:
    """Row of each article: 0 for an original, else one below the deepest article it copies."""
    sources_of = defaultdict(list)
    for e in view.story.lineage:
        sources_of[e.article].append(e.derived_from)
    memo: dict[str, int] = {}

    def depth(a: str, seen: frozenset[str]) -> int:
        if a not in memo:
            parents = [p for p in sources_of[a] if p not in seen and p in view.number]
            memo[a] = 1 + max(depth(p, seen | {a}) for p in parents) if parents else 0
        return memo[a]

    return {s.article.id: depth(s.article.id, frozenset()) for s in view.sources}


def columns(view: StoryView) -> list[tuple[int, list[Source]]]:
    """Sources by independent line, in the story's order; an ungrouped article is its own line."""
    by_group: dict[int, list[Source]] = defaultdict(list)
    loose = []
    for s in view.sources:
        (by_group[s.group] if s.group else loose).append(s)
    cols = [(g, by_group[g]) for g in sorted(by_group)]
    next_group = max(by_group, default=0) + 1
    for i, s in enumerate(loose):
        cols.append((next_group + i, [s]))
    return cols


def short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def lineage_svg(view: StoryView, article_href: str = "/articles/{id}") -> Markup:
    """The picture: `<svg>` markup safe to put into a page as is."""
    row = depths(view)
    pos: dict[str, tuple[float, float]] = {}
    shapes: list[str] = []
    nodes: list[str] = []
    x = PAD
    rows = max(row.values(), default=0) + 1
    height = PAD * 2 + HEAD + rows * NODE_H + (rows - 1) * GAP_Y
    cols = columns(view)
    for group, members in cols:
        per_row: dict[int, list[Source]] = defaultdict(list)
        for s in members:
            per_row[row[s.article.id]].append(s)
        width_n = max(len(v) for v in per_row.values())
        col_w = width_n * NODE_W + (width_n - 1) * GAP_X + 2 * PAD
        stroke, fill = colour(group)
        shapes.append(f'<rect class="line" x="{x - PAD / 2}" y="{PAD / 2}" width="{col_w - PAD}" '
                      f'height="{height - PAD}" rx="10" fill="{fill}" stroke="{stroke}" stroke-opacity=".35"/>')
        label = f"independent source {group}"
        shapes.append(f'<text x="{x + PAD / 2}" y="{PAD + 12}" class="line-label" fill="{stroke}">{escape(label)}</text>')
        for r, sources in per_row.items():
            for i, s in enumerate(sources):
                nx = x + PAD / 2 + i * (NODE_W + GAP_X)
                ny = PAD + HEAD + r * (NODE_H + GAP_Y)
                pos[s.article.id] = (nx, ny)
                nodes.append(node(s, nx, ny, stroke, article_href))
        x += col_w + GAP_X
    width = x - GAP_X + PAD / 2
    arrows = [arrow(e, pos) for e in view.story.lineage if e.article in pos and e.derived_from in pos]
    summary = (f"Lineage of {len(view.sources)} articles in {len(cols)} independent lines; "
               f"{len(arrows)} copied or rewrote another.")
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="lineage-graph" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}" height="{height:g}" style="min-width:{min(width, 640):g}px" role="img" aria-label={quoteattr(summary)}>'
        f'<title>{escape(summary)}</title>'
        '<defs><marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>'
        + "".join(shapes) + "".join(arrows) + "".join(nodes) + "</svg>"
    )


def node(s: Source, x: float, y: float, stroke: str, href: str) -> str:
    a = s.article
    # ~7 px a character at these font sizes: keep both lines inside the box.
    name = short(a.outlet or a.title or a.source, 19)
    detail = short((a.title if a.outlet else a.published) or a.source, 26)
    tip = f"[{s.number}] {a.title or a.source} ({a.outlet or a.source})"
    return (f'<a href={quoteattr(href.format(id=a.id))} class="node" data-article="{escape(a.id)}">'
            f'<title>{escape(tip)}</title>'
            f'<rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="6" fill="#fff" stroke="{stroke}" stroke-width="2"/>'
            f'<text x="{x + 8}" y="{y + 19}" class="node-name"><tspan font-weight="700">[{s.number}]</tspan> {escape(name)}</text>'
            f'<text x="{x + 8}" y="{y + 37}" class="node-title">{escape(detail)}</text></a>')


def arrow(edge, pos: dict[str, tuple[float, float]]) -> str:
    """From the rewrite's top edge to the bottom edge of what it copied (or side to side)."""
    (dx, dy), (sx, sy) = pos[edge.article], pos[edge.derived_from]
    if sy + NODE_H <= dy:
        x1, y1, x2, y2 = dx + NODE_W / 2, dy, sx + NODE_W / 2, sy + NODE_H
    else:  # same row (a cycle the lineage stage left in): side to side
        left = sx < dx
        x1, y1 = (dx if left else dx + NODE_W), dy + NODE_H / 2
        x2, y2 = (sx + NODE_W if left else sx), sy + NODE_H / 2
    # The label sits nearer the rewrite, so labels of arrows into one source do not collide.
    mx, my = x1 + (x2 - x1) * 0.35, y1 + (y2 - y1) * 0.35
    label = f"{round(100 * edge.shared)}% {edge.kind}"
    return (f'<g class="edge" data-from="{escape(edge.article)}" data-to="{escape(edge.derived_from)}">'
            f'<line x1="{x1:g}" y1="{y1:g}" x2="{x2:g}" y2="{y2:g}" stroke="#333" stroke-width="1.6" marker-end="url(#arrowhead)"/>'
            f'<text x="{mx:g}" y="{my + 4:g}" text-anchor="middle" class="edge-label">{escape(label)}</text></g>')

"""Charts drawn with matplotlib as inline SVG (no JavaScript, opens offline). Bars and nodes carry
links to the facts behind them."""

from __future__ import annotations

import io
import math
from collections import Counter

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

plt.rcParams["svg.fonttype"] = "none"  # text stays text (searchable, escaped by matplotlib)


def _svg(fig: Figure) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    plt.close(fig)
    svg = buf.getvalue()
    return svg[svg.index("<svg") :]


def bar_chart(counts: dict[str, float], title: str, links: dict[str, str], ylabel: str) -> str:
    """Vertical bars, one per key, each linking to ``links[key]``."""
    keys = list(counts)
    fig, ax = plt.subplots(figsize=(max(4, 0.5 * len(keys) + 2), 3))
    bars = ax.bar(range(len(keys)), [counts[k] for k in keys], color="#4c78a8")
    for bar, key in zip(bars, keys, strict=True):
        bar.set_url(links.get(key, ""))
    ax.set_xticks(range(len(keys)), keys, rotation=45, ha="right", fontsize=8)
    if counts and max(counts.values()) > 50 * max(1, min(v for v in counts.values() if v > 0)):
        ax.set_yscale("symlog")  # one huge figure must not flatten the others
    ax.set_title(title, fontsize=10)
    ax.set_ylabel(ylabel, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def route_network(legs: Counter, links: dict[str, str], top: int = 40) -> str:
    """Countries (or regions) on a circle, the ``top`` legs stated by most cables as arrows whose width
    says in how many cables they appear; each node links to its routes."""
    legs = Counter(dict(legs.most_common(top)))
    nodes = sorted({n for leg in legs for n in leg})
    fig, ax = plt.subplots(figsize=(7, 7))
    ax.set_aspect("equal")
    ax.axis("off")
    if not nodes:
        ax.text(0.5, 0.5, "no routes", ha="center")
        return _svg(fig)
    pos = {n: (math.cos(2 * math.pi * i / len(nodes)), math.sin(2 * math.pi * i / len(nodes)))
           for i, n in enumerate(nodes)}
    top = max(legs.values())
    for (a, b), n in legs.items():
        (x0, y0), (x1, y1) = pos[a], pos[b]
        if a == b:
            ax.add_patch(plt.Circle((x0 * 1.12, y0 * 1.12), 0.07, fill=False, color="#e45756", lw=0.5 + 3 * n / top))
            continue
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                    arrowprops={"arrowstyle": "-|>", "color": "#e45756", "alpha": 0.35 + 0.6 * n / top,
                                "lw": 0.5 + 3 * n / top, "shrinkA": 9, "shrinkB": 9,
                                "connectionstyle": "arc3,rad=0.12"})
    for n, (x, y) in pos.items():
        dot = ax.scatter([x], [y], s=140, color="#4c78a8", zorder=3)
        dot.set_urls([links.get(n, "")])
        label = ax.text(x * 1.25, y * 1.25, n, ha="center", va="center", fontsize=8)
        label.set_url(links.get(n, ""))
    ax.set_xlim(-1.5, 1.5)
    ax.set_ylim(-1.5, 1.5)
    ax.set_title(f"Trafficking routes: the {len(legs)} legs most often stated (arrow width: number of cables)",
                 fontsize=10)
    return _svg(fig)

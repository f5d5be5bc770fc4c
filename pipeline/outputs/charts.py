"""Drawing the report charts with matplotlib: `Figure` objects, no pyplot (no
global state, no GUI backend chosen). A notebook shows them inline: they are
`Chart`s, whose `_repr_png_` draws them (a plain Figure made without pyplot
shows as `<Figure size ...>` in Jupyter, pyplot's inline backend never having
been loaded).

Text is set in DejaVu Sans, which has every Vietnamese letter; SVG text is
drawn as paths, so a viewer without the font shows it too. Files are
reproducible: no date in the SVG metadata, a fixed SVG id salt.
"""
from __future__ import annotations

import textwrap
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Mapping

import matplotlib
import matplotlib.dates as mdates
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from pipeline.models import DEADLINE, OPEN, PERIOD, RECURRING, UNDATED, Plan, TaskLine

STYLE = {"font.family": "DejaVu Sans", "font.size": 9, "svg.fonttype": "path",
         "svg.hashsalt": "vnplan", "axes.spines.top": False, "axes.spines.right": False}
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf")
WIDTH_IN, LABEL_IN, RIGHT_IN = 13.0, 4.6, 0.4
ROW_IN, LIST_LINE_IN, HEAD_IN, FOOT_IN = 0.3, 0.2, 1.25, 0.7
OPEN_SHOWN = timedelta(days=180)     # how far an open-ended task is drawn at least
LABEL_CHARS, LIST_CHARS = 58, 150
MAX_ROWS, MAX_LISTED = 90, 30
DPI = 110
TOP_AGENCIES = 20
MAX_MONTH_LABELS = 18

CAPTIONS = {
    PERIOD: "Khoảng thời gian",
    DEADLINE: "Hạn chót (chỉ có ngày kết thúc)",
    OPEN: "Từ ngày bắt đầu trở đi",
    RECURRING: "Thường xuyên, định kỳ",
    UNDATED: "Không có thời gian xác định",
    "issued": "Ngày ban hành",
    "no_dated": "Không có nhiệm vụ nào có ngày cụ thể",
    "more": "… và {n} nhiệm vụ khác",
    "tasks": "nhiệm vụ",
    "agency_title": "Số nhiệm vụ chủ trì theo cơ quan",
    "month_title": "Số nhiệm vụ đến hạn theo tháng",
    "axis_tasks": "Số nhiệm vụ",
    "none": "Chưa có dữ liệu",
}


class Chart(Figure):
    """A Figure a notebook (IPython's display) shows as a picture."""

    def _repr_png_(self) -> bytes:
        import io
        buf = io.BytesIO()
        FigureCanvasAgg(self).print_png(buf)
        return buf.getvalue()


def _short(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _day(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def save(fig: Figure, base: Path) -> list[Path]:
    """`base`.png and `base`.svg."""
    base.parent.mkdir(parents=True, exist_ok=True)
    png, svg = base.with_name(base.name + ".png"), base.with_name(base.name + ".svg")
    with matplotlib.rc_context(STYLE):
        fig.savefig(png, dpi=DPI, metadata={"Software": None})
        fig.savefig(svg, metadata={"Date": None, "Creator": None})
    return [png, svg]


def _layout(plan: Plan) -> tuple[list[tuple[str, list[TaskLine]]], list[TaskLine], list[TaskLine]]:
    """Drawn tasks grouped by owner (groups in order of first task), recurring
    ones, and undated ones."""
    groups: dict[str, list[TaskLine]] = {}
    repeating, undated = [], []
    for t in plan.tasks:
        if t.shape == RECURRING:
            repeating.append(t)
        elif t.shape == UNDATED:
            undated.append(t)
        else:
            groups.setdefault(t.owner, []).append(t)
    return [(owner, sorted(ts, key=lambda t: (t.start or t.end, t.ordinal)))
            for owner, ts in groups.items()], repeating, undated


def _list_lines(title: str, tasks: list[TaskLine]) -> list[tuple[str, bool]]:
    if not tasks:
        return []
    lines = [(f"{title} ({len(tasks)})", True)]
    for t in tasks[:MAX_LISTED]:
        when = f" — {t.timing_raw}" if t.timing_raw else ""
        lines.append((_short(f"• {t.section}  {t.owner}: {t.text}{when}", LIST_CHARS), False))
    if len(tasks) > MAX_LISTED:
        lines.append((CAPTIONS["more"].format(n=len(tasks) - MAX_LISTED), False))
    return lines


def _x_range(rows: list[TaskLine], issued: date | None) -> tuple[date, date]:
    days = [d for t in rows for d in (t.start, t.end) if d] + ([issued] if issued else [])
    days += [t.start + OPEN_SHOWN for t in rows if t.shape == OPEN]
    lo, hi = min(days), max(days)
    if (hi - lo).days < 90:                       # at least three months across
        pad = (90 - (hi - lo).days) // 2
        lo, hi = lo - timedelta(days=pad), hi + timedelta(days=pad)
    margin = timedelta(days=max(7, (hi - lo).days // 30))
    return lo - margin, hi + margin


def _date_axis(ax, lo: date, hi: date) -> None:
    months = (hi.year - lo.year) * 12 + hi.month - lo.month
    step = 1 if months <= 14 else 3 if months <= 40 else 6 if months <= 80 else 12
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonthday=1, interval=step))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%m/%Y"))
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlim(lo, hi)


def _draw_task(ax, y: float, t: TaskLine, color: str, issued: date | None, hi: date) -> None:
    if t.shape == PERIOD:
        ax.barh(y, (t.end - t.start).days + 1, left=t.start, height=0.6, color=color)
    elif t.shape == DEADLINE:
        if issued and issued < t.end:
            ax.plot([issued, t.end], [y, y], linestyle=":", color=color, linewidth=1.2)
        ax.scatter([t.end], [y], marker="D", s=46, color=color, edgecolors="black",
                   linewidths=0.6, zorder=3)
        ax.annotate(_day(t.end), (t.end, y), xytext=(7, 0), textcoords="offset points",
                    va="center", fontsize=8, color="#333333")
    elif t.shape == OPEN:
        ax.barh(y, (hi - t.start).days, left=t.start, height=0.6, color=color, alpha=0.35,
                hatch="///", edgecolor=color, linewidth=0)
        ax.scatter([t.start], [y], marker="|", s=80, color=color, zorder=3)
        ax.scatter([hi], [y], marker=">", s=40, color=color, zorder=3, clip_on=False)


def draw_timeline(plan: Plan) -> Figure:
    groups, repeating, undated = _layout(plan)
    rows: list[tuple[str, TaskLine | None, str]] = []        # label, task, colour
    for i, (owner, tasks) in enumerate(groups):
        color = PALETTE[i % len(PALETTE)]
        rows.append((_short(owner, LABEL_CHARS), None, color))
        rows += [(_short(f"   {t.section}  {t.text}", LABEL_CHARS), t, color) for t in tasks]
    hidden = max(0, len(rows) - MAX_ROWS)
    rows = rows[:MAX_ROWS]
    listed = _list_lines(CAPTIONS[RECURRING], repeating) + _list_lines(CAPTIONS[UNDATED], undated)
    if hidden:
        listed.append((CAPTIONS["more"].format(n=hidden), False))
    chart_in = ROW_IN * max(len(rows), 3)
    list_in = LIST_LINE_IN * (len(listed) + 1) if listed else 0
    height = HEAD_IN + chart_in + FOOT_IN + list_in
    with matplotlib.rc_context(STYLE):
        fig = Chart(figsize=(WIDTH_IN, height))
        head = f"{plan.doc_type or 'Văn bản'} {plan.doc_number or '(chưa có số)'}"
        title = textwrap.shorten(plan.title or "", 110, placeholder="…")
        fig.text(0.01, 1 - 0.3 / height, head + (f": {title}" if title else ""),
                 fontsize=12, fontweight="bold", va="top")
        issued = plan.issue_date
        sub = " · ".join(x for x in (plan.issuer, f"ngày {_day(issued)}" if issued else None,
                                     f"{len(plan.tasks)} {CAPTIONS['tasks']}") if x)
        fig.text(0.01, 1 - 0.7 / height, sub, fontsize=10, color="#444444", va="top")
        ax = fig.add_axes((LABEL_IN / WIDTH_IN, (FOOT_IN + list_in) / height,
                           1 - (LABEL_IN + RIGHT_IN) / WIDTH_IN, chart_in / height))
        drawn = [t for _, t, _ in rows if t is not None]
        if drawn:
            lo, hi = _x_range(drawn, issued)
            _date_axis(ax, lo, hi)
            for y, (_, t, color) in enumerate(rows):
                if t is not None:
                    _draw_task(ax, y, t, color, issued, hi)
            if issued:
                ax.axvline(issued, color="#555555", linestyle="--", linewidth=1)
        else:
            ax.text(0.5, 0.5, CAPTIONS["no_dated"], transform=ax.transAxes, ha="center",
                    va="center", color="#666666")
            ax.set_xticks([])
        ax.set_ylim(max(len(rows), 3) - 0.5, -0.5)
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels([label for label, _, _ in rows])
        for tick, (_, t, color) in zip(ax.get_yticklabels(), rows):
            if t is None:
                tick.set_fontweight("bold")
                tick.set_color(color)
        ax.tick_params(axis="y", length=0)
        handles = [Patch(color="#888888", label=CAPTIONS[PERIOD]),
                   Line2D([], [], marker="D", color="#888888", markeredgecolor="black",
                          linestyle=":", label=CAPTIONS[DEADLINE]),
                   Patch(facecolor="#cccccc", hatch="///", edgecolor="#888888",
                         label=CAPTIONS[OPEN]),
                   Line2D([], [], color="#555555", linestyle="--", label=CAPTIONS["issued"])]
        fig.legend(handles=handles, loc="upper right", ncols=4, frameon=False,
                   bbox_to_anchor=(0.99, 1 - 0.95 / height), fontsize=9)
        y = (list_in - LIST_LINE_IN * 0.5) / height
        for text, bold in listed:
            fig.text(0.01, y, text, fontsize=9, va="top",
                     fontweight="bold" if bold else "normal")
            y -= LIST_LINE_IN / height
    return fig


def _bar_figure(title: str, rows: int) -> tuple[Figure, object]:
    height = 1.2 + 0.3 * max(rows, 3)
    fig = Chart(figsize=(11, height))
    ax = fig.add_axes((0.42, 0.5 / height, 0.53, 1 - 1.1 / height))
    fig.text(0.01, 1 - 0.25 / height, title, fontsize=12, fontweight="bold", va="top")
    return fig, ax


def draw_agency_counts(counts: Counter) -> Figure:
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_AGENCIES]
    with matplotlib.rc_context(STYLE):
        fig, ax = _bar_figure(CAPTIONS["agency_title"], len(top))
        if not top:
            ax.text(0.5, 0.5, CAPTIONS["none"], transform=ax.transAxes, ha="center")
            return fig
        names = [_short(n, 60) for n, _ in top]
        values = [v for _, v in top]
        ax.barh(range(len(top)), values, color=PALETTE[0], height=0.65)
        ax.set_yticks(range(len(top)))
        ax.set_yticklabels(names)
        ax.set_ylim(len(top) - 0.5, -0.5)
        for y, v in enumerate(values):
            ax.text(v, y, f" {v}", va="center", fontsize=9)
        ax.set_xlabel(CAPTIONS["axis_tasks"])
        ax.xaxis.get_major_locator().set_params(integer=True)
    return fig


def draw_month_counts(by_shape: Mapping[str, Counter]) -> Figure:
    months = sorted(set().union(*(c.keys() for c in by_shape.values())))
    with matplotlib.rc_context(STYLE):
        fig = Chart(figsize=(11, 4.2))
        ax = fig.add_axes((0.07, 0.2, 0.9, 0.68))
        fig.text(0.01, 0.97, CAPTIONS["month_title"], fontsize=12, fontweight="bold", va="top")
        if not months:
            ax.text(0.5, 0.5, CAPTIONS["none"], transform=ax.transAxes, ha="center")
            return fig
        full = []
        m = months[0]
        while m <= months[-1]:                      # every month, empty ones too
            full.append(m)
            m = date(m.year + m.month // 12, m.month % 12 + 1, 1)
        bottom = [0] * len(full)
        for i, shape in enumerate((PERIOD, DEADLINE)):
            values = [by_shape.get(shape, Counter()).get(m, 0) for m in full]
            ax.bar(range(len(full)), values, bottom=bottom, color=PALETTE[i], label=CAPTIONS[shape])
            bottom = [b + v for b, v in zip(bottom, values)]
        step = max(1, -(-len(full) // MAX_MONTH_LABELS))
        ax.set_xticks(range(0, len(full), step))
        ax.set_xticklabels([full[i].strftime("%m/%Y") for i in range(0, len(full), step)],
                           rotation=45, ha="right")
        ax.set_ylabel(CAPTIONS["axis_tasks"])
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.legend(frameon=False, loc="upper right")
    return fig

"""The quarter-summary chart: money and levels per project, and the project lists by group.

The report forms' projects are drawn one row each (the fifteen largest budgets at most).
The ministry's project lists run to 40,000 projects in a quarter: they are drawn as
budgets by agency and by province, the ten largest one bar each and all the others
summed into one "อื่น ๆ" bar, so the chart stays readable at any size and its bars still
add up to the quarter's total.

Servers rarely have a Thai system font, and matplotlib silently draws boxes (with a
"Glyph missing" warning) when its default DejaVu Sans meets Thai text.  So the
Sarabun files shipped in ``fontpkg-sarabun`` are registered with matplotlib's font
manager and named first in the font family list; DejaVu Sans stays behind it only
as a per-glyph fallback for symbols Sarabun lacks.  The figure is built with the
object API (no pyplot state), so concurrent chat workers cannot draw into each
other's figures.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure, FigureBase
from matplotlib.ticker import FuncFormatter

from bot.atomic_file import save_atomically
from bot.summary_lists import ListsSummary
from knowledge.project_queries import TopGroups
from knowledge.summary import ProjectSummary, QuarterSummary
from knowledge.thai import format_million_baht, format_thai_date

__all__ = ["CHART_FORMATS", "FONT_FAMILY", "MAX_CHART_PROJECTS", "font_files", "register_thai_font",
           "render_summary_chart", "wrap_thai"]

FONT_FAMILY = "Sarabun"
#: File name endings the chart can be written as, with matplotlib's format names.
CHART_FORMATS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".svg": "svg", ".pdf": "pdf"}
MAX_CHART_PROJECTS = 15
_DPI = 110
_LABEL_WIDTH = 30
_LABEL_LINES = 2
_MILLION = Decimal(1_000_000)

_registered = False
_register_lock = threading.Lock()

_COLORS = {
    "budget": "#d9d9d9",
    "target": "#9ecae1",
    "actual": "#2171b5",
    "target_level": "#fdd0a2",
    "result_level": "#e6550d",
    "update_level": "#31a354",
    "group": "#2171b5",
    "rest": "#bdbdbd",
}
#: Inches of figure height: the lists' panel, and each bar in it.
_LISTS_BASE_H = 1.9
_LISTS_BAR_H = 0.42
_GROUP_LABEL_WIDTH = 26


def font_files() -> list[Path]:
    """The Sarabun .ttf files shipped by ``fontpkg-sarabun`` (upright weights first)."""
    import fontpkg_sarabun

    root = Path(fontpkg_sarabun.ROOT)
    files = sorted(root.rglob("*.ttf"), key=lambda p: ("Italic" in p.stem, p.name))
    if not files:
        raise RuntimeError(f"fontpkg-sarabun has no .ttf files under {root}")
    return files


def register_thai_font() -> str:
    """Register Sarabun with matplotlib once per process and return its family name."""
    global _registered
    with _register_lock:
        if not _registered:
            for path in font_files():
                font_manager.fontManager.addfont(str(path))
            _registered = True
    return FONT_FAMILY


def _rc() -> Any:
    return {
        "font.family": [register_thai_font(), "DejaVu Sans"],
        "axes.unicode_minus": False,
        "svg.fonttype": "none",
    }


# -- Thai-aware label wrapping --------------------------------------------------------------------
def _is_mark(ch: str) -> bool:
    return bool(unicodedata.combining(ch)) or unicodedata.category(ch) == "Mn"


def _width(text: str) -> int:
    """Display width: Thai vowel and tone marks sit above or below and take no column."""
    return sum(1 for ch in text if not _is_mark(ch))


def _clusters(text: str) -> list[str]:
    """Split into pieces that may be broken between: never before a combining mark."""
    out: list[str] = []
    for ch in text:
        if out and _is_mark(ch):
            out[-1] += ch
        elif out and out[-1][-1] in "เแโใไ":  # a leading vowel belongs to what follows
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _words(text: str) -> list[str]:
    """Thai words (PyThaiNLP's dictionary segmenter), or grapheme pieces without it."""
    try:
        from pythainlp.tokenize import word_tokenize

        words = [w for w in word_tokenize(text, engine="newmm", keep_whitespace=True) if w]
    except Exception:  # pragma: no cover - degraded but still correct labels
        words = _clusters(text)
    out: list[str] = []
    for w in words:  # a "word" longer than a line is split at grapheme boundaries
        if _width(w) <= _LABEL_WIDTH:
            out.append(w)
        else:
            piece = ""
            for c in _clusters(w):
                if piece and _width(piece) + _width(c) > _LABEL_WIDTH:
                    out.append(piece)
                    piece = ""
                piece += c
            out.append(piece)
    return out


def wrap_thai(text: str, width: int = _LABEL_WIDTH, max_lines: int = _LABEL_LINES) -> str:
    """Wrap Thai text at word boundaries (Thai has no spaces between words).

    ``textwrap`` only breaks at spaces, which leaves a Thai project name as one long
    line; breaking at arbitrary characters would split a vowel from its consonant.
    Text beyond ``max_lines`` is cut with an ellipsis.
    """
    lines: list[str] = []
    line = ""
    for w in _words(" ".join(text.split())):
        if line and _width(line) + _width(w.rstrip()) > width:
            lines.append(line.rstrip())
            line = ""
            if len(lines) == max_lines:
                pieces = _clusters(lines[-1])
                while pieces and _width("".join(pieces)) >= width:
                    pieces.pop()
                lines[-1] = "".join(pieces).rstrip() + "…"
                return "\n".join(lines)
        if not line and w.isspace():
            continue
        line += w
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines)


def _plain(text: str) -> str:
    """``text`` drawn as written, never as matplotlib's math markup.

    A ``$`` would start math mode, and a project name such as "ค่า $ frac{$" would
    make the whole chart fail to render.
    """
    return text.replace("$", r"\$")


# -- the chart ------------------------------------------------------------------------------------
def _million(v: Decimal | None) -> float:
    return float(v / _MILLION) if v is not None else 0.0


def _title(summary: QuarterSummary, shown: int) -> str:
    q = summary.quarter
    title = f"สรุปไตรมาส {q.quarter}/{q.fiscal_year}"
    sub = f"{format_thai_date(q.start, short=True)} – {format_thai_date(q.end, short=True)}"
    total = len(summary.projects)
    count = f"{total} โครงการ" if shown == total else f"แสดง {shown} จาก {total} โครงการ"
    return f"{title}\n{sub} · {count}"


def _pick(projects: Sequence[ProjectSummary]) -> list[ProjectSummary]:
    """The projects drawn: all, or the largest budgets when there are too many to read."""
    if len(projects) <= MAX_CHART_PROJECTS:
        return list(projects)
    ranked = sorted(projects, key=lambda p: (-(p.budget_baht or 0), p.id))
    keep = {p.id for p in ranked[:MAX_CHART_PROJECTS]}
    return [p for p in projects if p.id in keep]


def _draw(fig: FigureBase, summary: QuarterSummary) -> None:
    projects = _pick(summary.projects)
    if not projects:
        ax = fig.add_subplot()
        ax.axis("off")
        ax.set_title(_title(summary, 0), fontsize=14)
        ax.text(0.5, 0.5, "ไม่มีแบบรายงานหรืออัปเดตในไตรมาสนี้", ha="center", va="center",
                fontsize=14, transform=ax.transAxes)
        return
    money_ax, level_ax = fig.subplots(1, 2, sharey=True, width_ratios=[3, 2])
    n = len(projects)
    ys = list(range(n))[::-1]  # first project at the top
    labels = [_plain(wrap_thai(f"{p.name} ({p.agency})")) for p in projects]
    h = 0.26
    series = [
        ("budget", "งบประมาณ", [_million(p.budget_baht) for p in projects], h),
        ("target", "เป้าหมายการเบิกจ่าย", [_million(p.disbursement_target_baht)
                                             for p in projects], 0.0),
        ("actual", "เบิกจ่ายจริง", [_million(p.disbursement_actual_baht) for p in projects], -h),
    ]
    top = max([v for _, _, vals, _ in series for v in vals] + [0.0])
    known = {
        "budget": [p.budget_baht is not None for p in projects],
        "target": [p.disbursement_target_baht is not None for p in projects],
        "actual": [True for _ in projects],
    }
    for key, label, vals, off in series:
        bars = money_ax.barh([y + off for y in ys], vals, height=h, color=_COLORS[key],
                             label=label)
        texts = [f"{v:,.2f}" if k else "ไม่ทราบ" for v, k in zip(vals, known[key], strict=True)]
        money_ax.bar_label(bars, labels=texts, padding=2, fontsize=8)
    money_ax.set_xlim(0, top * 1.25 if top > 0 else 1)
    money_ax.set_yticks(ys, labels, fontsize=9)
    money_ax.set_title("งบประมาณและการเบิกจ่าย (ล้านบาท)", fontsize=11)
    money_ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=3, fontsize=9,
                    frameon=False)
    money_ax.grid(axis="x", alpha=0.3)

    target = [p.target_level or 0 for p in projects]
    result = [p.result_level or 0 for p in projects]
    for levels, off, key, label in (
        (target, h / 2, "target_level", "ระดับเป้าหมาย"),
        (result, -h / 2, "result_level", "ระดับที่ได้"),
    ):
        bars = level_ax.barh([y + off for y in ys], levels, height=h, color=_COLORS[key],
                             label=label)
        level_ax.bar_label(bars, labels=[str(v) if v else "–" for v in levels], padding=2,
                           fontsize=8)
    upd = [(y, p.latest_update_level) for y, p in zip(ys, projects, strict=True)
           if p.latest_update_level is not None]
    if upd:
        level_ax.scatter([lv for _, lv in upd], [y for y, _ in upd], marker="D", s=30, zorder=3,
                         color=_COLORS["update_level"], label="ระดับจากรายงานล่าสุด")
    level_ax.set_xlim(0, 5.8)
    level_ax.set_xticks(range(6))
    level_ax.set_title("ระดับความสำเร็จ (1–5)", fontsize=11)
    level_ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=3, fontsize=9,
                    frameon=False)
    level_ax.grid(axis="x", alpha=0.3)
    level_ax.tick_params(axis="y", length=0)
    fig.suptitle(_title(summary, n), fontsize=14)


# -- the project lists by agency and province ---------------------------------------------------
class _Panel(NamedTuple):
    """One bar chart of the lists: by agency or by province."""

    title: str
    noun: str
    groups: TopGroups


def _panels(lists: ListsSummary | None) -> list[_Panel]:
    """The lists' panels to draw: none without listed projects or for an unknown filter."""
    if lists is None or not lists.projects:
        return []
    if lists.filter_text and not (lists.filters.agency or lists.filters.province):
        return []  # the text says no such agency or province; a chart of all would mislead
    panels = []
    if lists.chart_agencies is not None and lists.chart_agencies.groups:
        panels.append(_Panel("หน่วยงาน", "หน่วยงาน", lists.chart_agencies))
    if lists.chart_provinces is not None and lists.chart_provinces.groups:
        panels.append(_Panel("จังหวัด", "จังหวัด", lists.chart_provinces))
    return panels


def _bars(groups: TopGroups, noun: str) -> list[tuple[str, int, Decimal, bool]]:
    """``(label, projects, budget, is_rest)`` per bar: the top groups, then "อื่น ๆ"."""
    bars = [(g.key, g.projects, g.budget_baht, False) for g in groups.top]
    if groups.rest_groups:
        bars.append((f"อื่น ๆ ({groups.rest_groups:,} {noun})", groups.rest_projects,
                     groups.rest_budget_baht, True))
    return bars


def _lists_title(lists: ListsSummary) -> str:
    q = lists.quarter
    scope = ""
    if lists.filters.agency:
        scope += f" ของ{lists.filters.agency}"
    if lists.filters.province:
        scope += f" ในจังหวัด{lists.filters.province}"
    return (f"บัญชีโครงการที่เสนอในไตรมาส {q.quarter}/{q.fiscal_year}{scope}\n"
            f"{lists.projects:,} โครงการ · งบประมาณรวม {format_million_baht(lists.budget_baht)}")


def _tick(x: float, _pos: object) -> str:
    """An axis tick in millions: thousands separated, a decimal only where it has one."""
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def _draw_lists(fig: FigureBase, lists: ListsSummary, panels: Sequence[_Panel]) -> None:
    """One horizontal bar chart per panel, the axis scaled to the named groups.

    The "อื่น ๆ" bar of thousands of small agencies can dwarf the ten largest; scaled to
    it, their bars would all be slivers.  So the axis fits the named groups and a
    longer "อื่น ๆ" bar is drawn hatched to the axis end, its real figure in its label.
    """
    axes = fig.subplots(1, len(panels), squeeze=False)[0]
    for ax, panel in zip(axes, panels, strict=True):
        bars = _bars(panel.groups, panel.noun)
        ys = list(range(len(bars)))[::-1]  # the largest at the top, "อื่น ๆ" last
        values = [_million(b) for _, _, b, _ in bars]
        named = [v for v, (*_, rest) in zip(values, bars, strict=True) if not rest]
        limit = max([*named, 0.0]) * 1.6 or max([*values, 0.0]) * 1.6 or 1.0
        drawn = [min(v, limit * 0.7) if rest else v
                 for v, (*_, rest) in zip(values, bars, strict=True)]
        over = [rest and v > limit * 0.7 for v, (*_, rest) in zip(values, bars, strict=True)]
        colors = [_COLORS["rest" if rest else "group"] for *_, rest in bars]
        rects = ax.barh(ys, drawn, height=0.62, color=colors,
                        hatch=["//" if o else "" for o in over])
        ax.bar_label(rects, labels=[f"{'≫ ' if o else ''}{v:,.2f} · {n:,} โครงการ"
                                    for v, o, (_, n, _, _) in zip(values, over, bars,
                                                                  strict=True)],
                     padding=3, fontsize=8)
        labels = [_plain(wrap_thai("ไม่ระบุ" if label == "-" else label,
                                   width=_GROUP_LABEL_WIDTH)) for label, *_ in bars]
        ax.set_yticks(ys, labels, fontsize=9)
        ax.set_xlim(0, limit)
        ax.xaxis.set_major_formatter(FuncFormatter(_tick))
        shown = len(panel.groups.top)
        ax.set_title(f"งบประมาณตาม{panel.title} (ล้านบาท)\n"
                     f"{shown} อันดับแรกจาก {panel.groups.groups:,} {panel.noun}", fontsize=11)
        ax.grid(axis="x", alpha=0.3)
    fig.suptitle(_lists_title(lists), fontsize=13)


def _lists_height(panels: Sequence[_Panel]) -> float:
    most = max((len(_bars(p.groups, p.noun)) for p in panels), default=0)
    return _LISTS_BASE_H + _LISTS_BAR_H * most if panels else 0.0


def _save_png(canvas: FigureCanvasAgg, filename: str) -> None:
    """Draw once and write the pixels as PNG at zlib's fastest level.

    ``savefig`` draws twice under a layout engine (a draw without rendering first, so
    that the constrained layout can measure), working the layout out both times; one
    draw of the canvas works it out once (a third of the chart's time), with the same
    pixels.  Level 1 takes a third of the default level's encoding time, for a
    slightly larger file.
    """
    from PIL import Image

    canvas.draw()
    width, height = canvas.get_width_height()
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    image.save(filename, format="png", compress_level=1, dpi=(_DPI, _DPI))


def render_summary_chart(summary: QuarterSummary, path: Path,
                         lists: ListsSummary | None = None) -> Path:
    """Draw ``summary`` (and the project lists of ``lists``) into ``path``; return the path.

    The report forms' projects come first, one row each; the lists follow as budgets by
    agency and by province, the :data:`bot.summary_lists.CHART_TOP` largest one bar each
    and the rest as one "อื่น ๆ" bar.  Without report projects but with lists, only the
    lists are drawn.  The format follows the name (:data:`CHART_FORMATS`: PNG, JPEG,
    SVG, PDF); any other name gets PNG, the format chat adapters send.

    The file appears complete or not at all (written beside it, then renamed), so a
    chat adapter never uploads a half-written image.
    """
    path = Path(path)
    panels = _panels(lists)
    drawn_lists = lists if panels else None
    show_reports = bool(summary.projects) or not panels
    n = min(len(summary.projects), MAX_CHART_PROJECTS)
    report_h = max(3.8, 1.6 + 0.75 * n) if show_reports else 0.0
    lists_h = _lists_height(panels)
    with matplotlib.rc_context(_rc()):
        fig = Figure(figsize=(12, report_h + lists_h), dpi=_DPI, layout="constrained")
        canvas = FigureCanvasAgg(fig)
        if show_reports and drawn_lists is not None:
            parts = fig.subfigures(2, 1, height_ratios=[report_h, lists_h], squeeze=False)
            reports_part, lists_part = parts[0][0], parts[1][0]
            _draw(reports_part, summary)
            _draw_lists(lists_part, drawn_lists, panels)
        elif drawn_lists is not None:
            _draw_lists(fig, drawn_lists, panels)
        else:
            _draw(fig, summary)
        fmt = CHART_FORMATS.get(path.suffix.lower(), "png")
        if fmt == "png":
            save_atomically(path, lambda tmp: _save_png(canvas, tmp))
        else:
            save_atomically(path, lambda tmp: fig.savefig(tmp, format=fmt, dpi=_DPI))
    return path

"""Scales, ticks, number labels, text measures and shapes for the static SVG charts (chart_svg)."""

import math
from dataclasses import dataclass

from django.utils.html import escape

TEXT = "#222222"
MUTED = "#555555"
GRID = "#dddddd"

# plotly's default trace colours, for traces that name none (grouped reference bars).
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"]


@dataclass(frozen=True)
class Box:
    """The plot area inside the SVG, in pixels of its viewBox."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Linear:
    """Maps the domain [low, high] onto the pixels [start, end] (end < start for a y axis)."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = self.high - self.low or 1
        return self.start + (value - self.low) / span * (self.end - self.start)


@dataclass
class Trace:
    kind: str  # "line" or "bar"
    name: str
    keys: list  # years or categories
    values: list[float | None]
    colour: str
    axis: str = "y"  # "y2": the right-hand value axis
    symbols: list[str] | None = None
    marker_size: float = 0  # 0: a line without markers
    horizontal: bool = False  # bars along the x axis, categories on the y axis


def number(value) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def symbols_of(marker: dict, count: int) -> list[str]:
    symbol = marker.get("symbol", "circle")
    return list(symbol) if isinstance(symbol, list) else [symbol] * count


def traces(figure: dict) -> list[Trace]:
    """The figure's traces, bars and lines alike, as (keys, values) in drawing order."""
    out = []
    for index, raw in enumerate(figure.get("data") or []):
        marker = raw.get("marker") or {}
        horizontal = raw.get("orientation") == "h"
        keys = list(raw.get("y" if horizontal else "x") or [])
        values = [number(v) for v in raw.get("x" if horizontal else "y") or []]
        colour = (raw.get("line") or {}).get("color") or marker.get("color")
        trace = Trace(
            kind="bar" if raw.get("type") == "bar" else "line",
            name=str(raw.get("name") or ""),
            keys=keys,
            values=values,
            colour=colour if isinstance(colour, str) else PALETTE[index % len(PALETTE)],
            axis="y2" if raw.get("yaxis") == "y2" else "y",
            horizontal=horizontal,
        )
        if trace.kind == "line" and "markers" in (raw.get("mode") or "lines+markers"):
            trace.symbols = symbols_of(marker, len(keys))
            trace.marker_size = float(marker.get("size") or 6)
        out.append(trace)
    return out


def nice_step(span: float, count: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about count intervals."""
    if span <= 0:
        return 1
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5, 10):
        if multiple * magnitude >= raw:
            return multiple * magnitude
    return 10 * magnitude


def value_domain(values: list[float], axis: dict) -> tuple[float, float]:
    """The axis's own range when the figure gives one; else round limits that include zero
    (bars start at zero, and the figures are counts and shares)."""
    given = axis.get("range")
    if given and len(given) == 2 and given[0] != given[1]:
        return float(given[0]), float(given[1])
    low = min([0.0, *values])
    high = max([0.0, *values])
    if low == high:
        return 0.0, 1.0
    step = nice_step(high - low)
    return math.floor(low / step) * step, math.ceil(high / step) * step


def ticks(low: float, high: float, count: int = 5) -> list[float]:
    step = nice_step(high - low, count)
    first = math.ceil(low / step - 1e-9) * step
    out = []
    value = first
    while value <= high + step * 1e-9:
        out.append(round(value, 10))
        value += step
    return out


def year_ticks(low: float, high: float, axis: dict) -> list[float]:
    """Every dtick years from tick0 (plotly's meaning) inside the range, else round steps."""
    dtick = axis.get("dtick")
    if not dtick:
        return [t for t in ticks(low, high) if float(t).is_integer()]
    tick0 = axis.get("tick0", 0)
    first = tick0 + math.ceil((low - tick0) / dtick) * dtick
    return [first + i * dtick for i in range(int((high - first) // dtick) + 1)]


def number_label(value: float) -> str:
    """7674 -> 7,674; 12.5 -> 12.5 (at most two decimals)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def x_label(value) -> str:
    """Fiscal years as written (2000, not 2,000); anything else as a number or text."""
    if isinstance(value, (int, float)) and float(value).is_integer() and 1000 <= value < 10000:
        return str(int(value))
    if isinstance(value, (int, float)):
        return number_label(value)
    return str(value)


def text_width(text: str, font_size: float) -> float:
    """An estimate without a font: full-width (CJK) characters are a square, others ~0.6."""
    return sum(font_size if ord(c) >= 0x2E80 else font_size * 0.6 for c in text)


def fit_text(text: str, font_size: float, width: float) -> str:
    """text cut with an ellipsis to fit width (the full text is in the data table)."""
    if text_width(text, font_size) <= width:
        return text
    out = ""
    for char in text:
        if text_width(out + char + "…", font_size) > width:
            break
        out += char
    return out + "…"


def fmt(value: float) -> str:
    """A coordinate for an attribute: one decimal, no trailing zero."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def legend_rows(items: list, width: float, font: float) -> list[list[tuple]]:
    """Legend entries laid out in rows under the plot: [(trace, x offset), ...] per row."""
    rows, row, x = [], [], 0.0
    for trace in items:
        item = font * 1.6 + text_width(trace.name, font) + font
        if row and x + item > width:
            rows.append(row)
            row, x = [], 0.0
        row.append((trace, x))
        x += item
    return [*rows, row] if row else rows


def svg_text(x, y, text, **attrs) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in attrs.items())
    return f'<text x="{fmt(x)}" y="{fmt(y)}"{extra}>{escape(text)}</text>'


def line(x1, y1, x2, y2, colour, width=1) -> str:
    return (
        f'<line x1="{fmt(x1)}" y1="{fmt(y1)}" x2="{fmt(x2)}" y2="{fmt(y2)}" '
        f'stroke="{escape(colour)}" stroke-width="{width}"/>'
    )


def rotated(x, y, text, angle) -> str:
    return svg_text(
        x, y, text, text_anchor="middle", transform=f"rotate({angle} {fmt(x)} {fmt(y)})"
    )


def marker(x, y, r, symbol, colour) -> str:
    colour = escape(colour)
    if symbol.startswith("diamond"):
        filled = colour if not symbol.endswith("-open") else "#ffffff"
        return (
            f'<path d="M{fmt(x)},{fmt(y - r * 1.3)} L{fmt(x + r * 1.3)},{fmt(y)} '
            f'L{fmt(x)},{fmt(y + r * 1.3)} L{fmt(x - r * 1.3)},{fmt(y)} Z" fill="{filled}" '
            f'stroke="{colour}" stroke-width="1.5"/>'
        )
    return f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="{fmt(r)}" fill="{colour}"/>'


def title_of(axis: dict) -> str:
    title = axis.get("title")
    return str((title or {}).get("text") or "") if isinstance(title, dict) else str(title or "")


def rect(x, y, width, height, colour) -> str:
    return (
        f'<rect x="{fmt(x)}" y="{fmt(y)}" width="{fmt(width)}" height="{fmt(height)}" '
        f'fill="{escape(colour)}"/>'
    )

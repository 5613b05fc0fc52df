"""A static SVG of a chart, drawn on the server from the same plotly figure JSON the page carries.

The page shows this first (no JavaScript to parse, nothing to wait for); plotly.js replaces it
only when the reader asks for the interactive chart (static/js/charts.js). It draws what our
figures use: lines with markers (on one or two value axes), vertical or horizontal bars, grouped
bars, a legend, axis titles and the annotations. It is an image for assistive technology
(role="img" with <title> and <desc>); the data table beside it carries every figure. Colours,
fonts and lines are presentation attributes (CSP style-src 'self' forbids style attributes).
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from dispatch_stats import svg_parts as sc
from dispatch_stats.svg_parts import (
    GRID,
    MUTED,
    TEXT,
    Box,
    Linear,
    Trace,
    fmt,
    legend_rows,
    line,
    marker,
    rect,
    rotated,
    svg_text,
    title_of,
    traces,
)
from dispatch_stats.svg_parts import number as _number

# A digest of the renderer's code: cached fragments holding its SVG (the statistics page) must
# not outlive a change to it when the cache is shared (Redis) across a deploy.
STAMP = hashlib.md5(
    b"".join(Path(__file__).with_name(n).read_bytes() for n in ("chart_svg.py", "svg_parts.py")),
    usedforsecurity=False,
).hexdigest()[:12]


@dataclass
class Frame:
    """What every part of the drawing needs: size, font, plot area, scales."""

    width: int
    height: int
    font: float
    box: Box
    horizontal: bool
    categories: list
    keys: Linear | None  # numeric x axis (years); None for categories
    values: Linear
    values2: Linear | None


def _category_labels(frame: Frame) -> tuple[list[str], bool]:
    """Category labels fitted to their band; rotated when they do not fit side by side."""
    band = (frame.box.height if frame.horizontal else frame.box.width) / max(
        1, len(frame.categories)
    )
    labels = [sc.x_label(c) for c in frame.categories]
    if frame.horizontal:
        return [sc.fit_text(t, frame.font, frame.box.left - 8) for t in labels], False
    if all(sc.text_width(t, frame.font) <= band - 4 for t in labels):
        return labels, False
    return [sc.fit_text(t, frame.font, frame.height * 0.3) for t in labels], True


class Chart:
    """One figure's SVG; the id prefix keeps the <title>/<desc> ids unique on the page."""

    def __init__(self, figure: dict, id_prefix: str):
        self.layout = figure.get("layout") or {}
        self.traces = [t for t in traces(figure) if t.keys]
        self.id_prefix = id_prefix
        self.title = str((self.layout.get("meta") or {}).get("title") or "")
        font = (self.layout.get("font") or {}).get("size") or 13
        height = int(self.layout.get("height") or 400)
        self.frame = self._frame(width=320 if height <= 240 else 640, height=height, font=font)

    def _legend(self) -> list[Trace]:
        if self.layout.get("showlegend") is False or len(self.traces) < 2:
            return []
        return [t for t in self.traces if t.name]

    def _value_axes(self) -> tuple[dict, dict, list, list]:
        axis = self.layout.get("xaxis" if self.horizontal else "yaxis") or {}
        axis2 = self.layout.get("yaxis2") or {}
        first = [v for t in self.traces if t.axis == "y" for v in t.values if v is not None]
        second = [v for t in self.traces if t.axis == "y2" for v in t.values if v is not None]
        return axis, axis2, first, second

    @property
    def horizontal(self) -> bool:
        return any(t.kind == "bar" and t.horizontal for t in self.traces)

    def _frame(self, *, width: int, height: int, font: float) -> Frame:
        axis, axis2, first, second = self._value_axes()
        low, high = sc.value_domain(first, axis)
        tick_width = max(sc.text_width(sc.number_label(t), font) for t in sc.ticks(low, high))
        bars = any(t.kind == "bar" for t in self.traces)
        categories = list(dict.fromkeys(k for t in self.traces for k in t.keys)) if bars else []
        horizontal = bars and self.horizontal
        legend = legend_rows(self._legend(), width - 16, font)
        left = tick_width + 10 + (font * 1.6 if title_of(axis) and not horizontal else 0)
        if horizontal:
            widest = max((sc.text_width(sc.x_label(c), font) for c in categories), default=0)
            left = min(widest + 10, width * 0.4)
        right = 12.0
        if horizontal:  # the last value tick's label is centred on the right edge
            right = sc.text_width(sc.number_label(sc.ticks(low, high)[-1]), font) / 2 + 4
        if second:
            low2, high2 = sc.value_domain(second, axis2)
            right = max(sc.text_width(sc.number_label(t), font) for t in sc.ticks(low2, high2))
            right += 10 + (font * 1.6 if title_of(axis2) else 0)
        x_title = title_of(self.layout.get("xaxis") or {})
        bottom = height - font * 1.8 - (font * 1.6 if x_title else 0) - len(legend) * font * 1.6
        box = Box(left=left, top=font, right=width - right, bottom=bottom)
        frame = Frame(width, height, font, box, horizontal, categories, None, None, None)
        if bars and not horizontal:
            labels, rotated = _category_labels(frame)
            if rotated:
                drop = max(sc.text_width(t, font) for t in labels) * 0.7
                box = Box(box.left, box.top, box.right, max(box.top + 40, box.bottom - drop))
                frame.box = box
        if horizontal:
            frame.values = Linear(low, high, box.left, box.right)
        else:
            frame.values = Linear(low, high, box.bottom, box.top)
        if second:
            frame.values2 = Linear(*sc.value_domain(second, axis2), box.bottom, box.top)
        if not bars:
            frame.keys = self._year_scale(box)
        return frame

    def _year_scale(self, box: Box) -> Linear:
        given = (self.layout.get("xaxis") or {}).get("range")
        years = [k for t in self.traces for k in t.keys if _number(k) is not None]
        if given and len(given) == 2:
            low, high = float(given[0]), float(given[1])
        else:
            low, high = min(years, default=0), max(years, default=1)
            pad = max(0.5, (high - low) * 0.02)
            low, high = low - pad, high + pad
        return Linear(low, high, box.left, box.right)

    def svg(self) -> SafeString:
        frame, p = self.frame, escape(self.id_prefix)
        family = (self.layout.get("font") or {}).get("family") or "sans-serif"
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" '
            f'viewBox="0 0 {frame.width} {frame.height}" role="img" '
            f'aria-labelledby="{p}-svg-title {p}-svg-desc" focusable="false" '
            f'font-family="{escape(family)}" '
            f'font-size="{fmt(frame.font)}" fill="{TEXT}">',
            f'<title id="{p}-svg-title">{escape(self.title)}</title>',
            f'<desc id="{p}-svg-desc">{escape(self.description())}</desc>',
            self._value_axis_svg(),
            self._key_axis_svg(),
            *[self._trace_svg(t) for t in self.traces],
            self._annotations_svg(),
            self._legend_svg(),
            "</svg>",
        ]
        return mark_safe("".join(p for p in parts if p))  # noqa: S308 - every text escaped

    def description(self) -> str:
        kind = _("Bar chart.") if any(t.kind == "bar" for t in self.traces) else _("Line chart.")
        sentences = [kind]
        for trace in self.traces:
            values = [v for v in trace.values if v is not None]
            if not values:
                continue
            sentences.append(
                _("%(name)s: from %(first)s to %(last)s, lowest %(low)s, highest %(high)s.")
                % {
                    "name": trace.name or self.title,
                    "first": sc.x_label(trace.keys[0]),
                    "last": sc.x_label(trace.keys[-1]),
                    "low": sc.number_label(min(values)),
                    "high": sc.number_label(max(values)),
                }
            )
        sentences.append(_("Every figure is in the data table."))
        return " ".join(sentences)

    def _value_axis_svg(self) -> str:
        """Grid lines and tick labels of the value axis (and the right-hand one)."""
        f, box = self.frame, self.frame.box
        out = ['<g class="chart-svg-values">']
        scale = f.values
        for tick in sc.ticks(scale.low, scale.high):
            pos = scale(tick)
            colour = MUTED if tick == 0 else GRID
            label = sc.number_label(tick)
            if f.horizontal:
                out.append(line(pos, box.top, pos, box.bottom, colour))
                out.append(svg_text(pos, box.bottom + f.font * 1.3, label, text_anchor="middle"))
            else:
                out.append(line(box.left, pos, box.right, pos, colour))
                out.append(svg_text(box.left - 6, pos + f.font / 3, label, text_anchor="end"))
        if f.values2 is not None:
            for tick in sc.ticks(f.values2.low, f.values2.high):
                y = f.values2(tick) + f.font / 3
                out.append(svg_text(box.right + 6, y, sc.number_label(tick), text_anchor="start"))
        out.append(self._axis_titles_svg())
        out.append("</g>")
        return "".join(out)

    def _axis_titles_svg(self) -> str:
        f, box = self.frame, self.frame.box
        x_title = title_of(self.layout.get("xaxis") or {})
        y_title = "" if f.horizontal else title_of(self.layout.get("yaxis") or {})
        out = []
        if x_title:
            y = (
                f.height
                - f.font * 0.6
                - len(legend_rows(self._legend(), f.width - 16, f.font)) * f.font * 1.6
            )
            out.append(svg_text((box.left + box.right) / 2, y, x_title, text_anchor="middle"))
        middle = (box.top + box.bottom) / 2
        if y_title:
            out.append(rotated(f.font, middle, y_title, -90))
        if f.values2 is not None and title_of(self.layout.get("yaxis2") or {}):
            out.append(rotated(f.width - f.font * 0.4, middle, title_of(self.layout["yaxis2"]), 90))
        return "".join(out)

    def _key_axis_svg(self) -> str:
        """Tick labels of the years or the categories."""
        f, box = self.frame, self.frame.box
        out = ['<g class="chart-svg-keys">']
        if f.keys is not None:
            axis = self.layout.get("xaxis") or {}
            years = sc.year_ticks(f.keys.low, f.keys.high, axis)
            room = sc.text_width("0000", f.font) + f.font
            every = max(1, int(len(years) * room // max(1, box.width)) + 1)
            for year in years[::every]:
                x = f.keys(year)
                out.append(line(x, box.bottom, x, box.bottom + 4, MUTED))
                out.append(
                    svg_text(x, box.bottom + f.font * 1.3, sc.x_label(year), text_anchor="middle")
                )
        else:
            out.append(self._category_ticks_svg())
        out.append(line(box.left, box.bottom, box.right, box.bottom, MUTED))
        out.append("</g>")
        return "".join(out)

    def _category_ticks_svg(self) -> str:
        f, box = self.frame, self.frame.box
        labels, rotated = _category_labels(f)
        band = (box.height if f.horizontal else box.width) / max(1, len(labels))
        out = []
        for index, label in enumerate(labels):
            middle = index * band + band / 2
            if f.horizontal:
                out.append(
                    svg_text(box.left - 6, box.top + middle + f.font / 3, label, text_anchor="end")
                )
            elif rotated:
                x, y = box.left + middle, box.bottom + f.font
                out.append(
                    svg_text(
                        x, y, label, text_anchor="end", transform=f"rotate(-40 {fmt(x)} {fmt(y)})"
                    )
                )
            else:
                out.append(
                    svg_text(
                        box.left + middle, box.bottom + f.font * 1.3, label, text_anchor="middle"
                    )
                )
        return "".join(out)

    def _trace_svg(self, trace: Trace) -> str:
        if trace.kind == "bar":
            return self._bars_svg(trace)
        f = self.frame
        scale = f.values2 if trace.axis == "y2" and f.values2 is not None else f.values
        points = [
            (f.keys(k), scale(v))
            for k, v in zip(trace.keys, trace.values, strict=False)
            if v is not None and _number(k) is not None
        ]
        path = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)
        out = ['<g class="chart-svg-trace">']
        colour = escape(trace.colour)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        if trace.marker_size:
            symbols = trace.symbols or []
            for n, (x, y) in enumerate(points):
                symbol = symbols[n] if n < len(symbols) else "circle"
                out.append(marker(x, y, trace.marker_size / 2, symbol, trace.colour))
        out.append("</g>")
        return "".join(out)

    def _bars_svg(self, trace: Trace) -> str:
        f, box = self.frame, self.frame.box
        bars = [t for t in self.traces if t.kind == "bar"]
        slot = bars.index(trace)
        band = (box.height if f.horizontal else box.width) / max(1, len(f.categories))
        width = band * 0.8 / len(bars)
        zero = f.values(max(f.values.low, min(0, f.values.high)))
        out = ['<g class="chart-svg-trace">']
        for key, value in zip(trace.keys, trace.values, strict=False):
            if value is None:
                continue
            offset = f.categories.index(key) * band + band * 0.1 + slot * width
            end = f.values(value)
            if f.horizontal:
                x, y, w, h = min(zero, end), box.top + offset, abs(end - zero), width
            else:
                x, y, w, h = box.left + offset, min(zero, end), width, abs(end - zero)
            out.append(rect(x, y, w, h, trace.colour))
        out.append("</g>")
        return "".join(out)

    def _annotations_svg(self) -> str:
        """The figure's notes (peaks, latest year), each with a line to its point."""
        f, box = self.frame, self.frame.box
        out, taken = [], []
        for note in self.layout.get("annotations") or []:
            x, y = _number(note.get("x")), _number(note.get("y"))
            if x is None or y is None or f.keys is None:
                continue
            scale = f.values2 if note.get("yref") == "y2" and f.values2 is not None else f.values
            px, py = f.keys(x), scale(y)
            text = str(note.get("text") or "")
            half = sc.text_width(text, f.font) / 2
            tx = min(max(px + (note.get("ax") or 0), box.left + half), box.right - half)
            ty = min(max(py + (note.get("ay") or 0), box.top + f.font), box.bottom - 4)
            while any(
                abs(ty - y0) < f.font * 1.2 and abs(tx - x0) < half + w0 for x0, y0, w0 in taken
            ):
                ty += f.font * 1.3  # below a note already placed there, never over it
            taken.append((tx, ty, half))
            colour = escape((note.get("font") or {}).get("color") or TEXT)
            out.append(line(px, py, tx, ty + f.font / 3, colour))
            out.append(
                svg_text(
                    tx,
                    ty,
                    text,
                    text_anchor="middle",
                    fill=colour,
                    stroke="#ffffff",
                    stroke_width="3",
                    paint_order="stroke",
                )
            )
        return f'<g class="chart-svg-notes">{"".join(out)}</g>' if out else ""

    def _legend_svg(self) -> str:
        f = self.frame
        rows = legend_rows(self._legend(), f.width - 16, f.font)
        out = []
        for number, row in enumerate(rows):
            y = f.height - (len(rows) - number - 0.5) * f.font * 1.6
            for trace, x in row:
                x += 8
                if trace.kind == "bar":
                    out.append(rect(x, y - f.font / 2, f.font, f.font, trace.colour))
                else:
                    out.append(line(x, y, x + f.font, y, trace.colour, width=2))
                out.append(svg_text(x + f.font * 1.4, y + f.font / 3, trace.name))
        return f'<g class="chart-svg-legend">{"".join(out)}</g>' if out else ""


def render_svg(figure: dict, *, id_prefix: str) -> SafeString:
    """The static SVG of a plotly figure dict (as figure_json gives it)."""
    return Chart(figure, id_prefix).svg()

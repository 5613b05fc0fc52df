"""What every statistics chart shares: fonts, colours, the base layout and the table behind it."""

import json
from dataclasses import dataclass, field

import plotly.graph_objects as go

FONT = "Noto Sans JP, Hiragino Kaku Gothic ProN, Hiragino Sans, Meiryo, Yu Gothic, sans-serif"
COLOURS = {"total": "#1f4e79", "short": "#6a9fd4", "mid_long": "#c0504d", "inbound": "#2e7d32"}


@dataclass
class ChartTable:
    """The accessible table (and CSV) behind a chart."""

    slug: str
    caption: str
    headers: list[str]
    rows: list[list]
    notes: list[str] = field(default_factory=list)  # footnotes: years from a lower source
    source_column: bool = False  # the last column names the source of the row (text)


def fmt(number) -> str:
    return f"{number:,}"


def figure_json(figure: go.Figure) -> dict:
    """Plain JSON-able dict for json_script (numbers as plain lists, no numpy)."""
    return json.loads(figure.to_json())


def layout(title: str, **extra) -> dict:
    # The page's heading names the chart; the title stays in the JSON only for the modebar's
    # image download (hidden on screen to avoid saying it twice).
    return {
        "meta": {"title": title},
        "template": "none",
        "font": {"family": FONT, "size": 13},
        "hovermode": "x unified",
        "legend": {"orientation": "h", "y": -0.18},
        "margin": {"l": 80, "r": 80, "t": 30, "b": 80},
        "separators": ".,",
        **extra,
    }

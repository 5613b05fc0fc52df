"""The server's SVG of a chart: the shapes for given data, escaped labels, the reader's language,
an accessible image (role, title, description); no database."""

import xml.etree.ElementTree as ET
from types import SimpleNamespace

from django.utils import translation

from dispatch_stats import charts, svg_parts
from dispatch_stats.chart_svg import render_svg
from dispatch_stats.selectors import ReferenceGroup, Series
from policies.evidence import series_chart

NS = {"s": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output; well-formed XML, or this raises


def texts(root: ET.Element) -> list[str]:
    return [t.text for t in root.iterfind(".//s:text", NS)]


def outbound_series() -> dict:
    total = Series("outbound", "total", {2000: 100, 2001: 150, 2002: 75})
    total.marked = [2001]  # only a lower-priority source gives 2001: a hollow diamond
    return {
        ("outbound", "total"): total,
        ("outbound", "short"): Series("outbound", "short", {2000: 90, 2001: 145, 2002: 70}),
        ("outbound", "mid_long"): Series("outbound", "mid_long", {2000: 10, 2001: 5, 2002: 5}),
    }


def test_a_line_chart_has_one_line_and_one_marker_per_point_on_two_axes():
    with translation.override("en"):
        root = parse(
            render_svg(charts.figure_json(charts.outbound_chart(outbound_series())), id_prefix="c1")
        )
    lines = root.findall(".//s:polyline", NS)
    assert len(lines) == 3
    assert [len(line.get("points").split()) for line in lines] == [3, 3, 3]
    assert lines[0].get("stroke") == charts.COLOURS["total"]
    markers = root.findall(".//s:g[@class='chart-svg-trace']/s:circle", NS)
    diamonds = root.findall(".//s:g[@class='chart-svg-trace']/s:path", NS)
    assert (len(markers), len(diamonds)) == (8, 1)
    assert diamonds[0].get("fill") == "#ffffff"  # open: the marked year
    labels = texts(root)
    assert "2000" in labels and "2,000" not in labels  # every 5 fiscal years, as written
    assert "150" in labels and "Mid/long-term (persons)" in labels  # both value axes titled
    assert "Total peak: FY2001 150" in labels  # the figure's annotations
    legend = root.find(".//s:g[@class='chart-svg-legend']", NS)
    assert [t.text for t in legend.iterfind("s:text", NS)] == [
        "Total",
        "Short-term (30 days or less)",
        "Mid/long-term (over 30 days)",
    ]


def test_the_marker_height_follows_the_value():
    figure = series_chart("Total", {2000: 10, 2001: 20, 2002: 0})
    root = parse(render_svg(figure, id_prefix="e1"))
    ys = [
        float(c.get("cy")) for c in root.iterfind(".//s:g[@class='chart-svg-trace']/s:circle", NS)
    ]
    assert ys[1] < ys[0] < ys[2]  # higher value, higher on the page (smaller y)
    assert root.get("viewBox") == "0 0 320 180"  # the compact evidence card
    assert root.find(".//s:g[@class='chart-svg-legend']", NS) is None  # one series: no legend


def reference_group(by: str, rows: list[tuple]) -> ReferenceGroup:
    source = SimpleNamespace(label="Source")
    figures = [
        SimpleNamespace(country_or_pair=c, year_or_period=p, value=v, unit="persons", source=source)
        for c, p, v in rows
    ]
    return ReferenceGroup("world_researcher_flows", "m", "persons", figures, by, [])


def bars(root: ET.Element) -> list[ET.Element]:
    return root.findall(".//s:g[@class='chart-svg-trace']/s:rect", NS)


def test_grouped_bars_one_rect_per_value_and_a_legend_per_period():
    group = reference_group(
        "both",
        [
            ("Japan", "2010", 10),
            ("China", "2010", 30),
            ("Japan", "2020", 20),
            ("China", "2020", 60),
        ],
    )
    with translation.override("en"):
        root = parse(render_svg(charts.figure_json(charts.reference_chart(group)), id_prefix="r1"))
    rects = bars(root)
    assert len(rects) == 4
    heights = [float(r.get("height")) for r in rects]
    assert heights[3] == max(heights) and heights[0] == min(heights)
    assert abs(heights[3] / heights[0] - 6) < 0.01  # proportional to the values
    assert {"Japan", "China", "2010", "2020"} <= set(texts(root))
    assert len(root.findall(".//s:g[@class='chart-svg-legend']/s:rect", NS)) == 2


def test_horizontal_bars_put_a_negative_value_left_of_zero():
    group = reference_group(
        "country", [("Japan -> China", "2020", 1200), ("Japan -> Germany", "2020", -300)]
    )
    with translation.override("en"):
        root = parse(render_svg(charts.figure_json(charts.reference_chart(group)), id_prefix="r2"))
    rects = {float(r.get("width")): float(r.get("x")) for r in bars(root)}
    (short, short_x), (long, long_x) = sorted(rects.items())
    assert abs(long / short - 4) < 0.01
    assert abs(short_x + short - long_x) < 0.2  # the negative bar ends where the positive starts
    assert "Japan -> Germany" in texts(root)


def test_labels_and_titles_are_escaped():
    hostile = '<script>alert("x")</script> & co'
    figure = {
        "data": [{"type": "bar", "x": [hostile, "b"], "y": [1, 2], "name": hostile}],
        "layout": {"meta": {"title": hostile}, "yaxis": {"title": {"text": hostile}}},
    }
    svg = str(render_svg(figure, id_prefix='x"><script>'))
    assert "<script" not in svg
    root = parse(svg)
    assert root.find("s:title", NS).text == hostile
    assert hostile in texts(root)
    assert root.get("aria-labelledby") == 'x"><script>-svg-title x"><script>-svg-desc'


def test_the_image_is_described_in_the_readers_language():
    figure = series_chart("海外派遣研究者数", {2000: 1000, 2001: 7674})
    with translation.override("ja"):
        root = parse(render_svg(figure, id_prefix="q"))
    assert root.get("role") == "img"
    assert root.find("s:title", NS).get("id") == "q-svg-title"
    desc = root.find("s:desc", NS)
    assert desc.get("id") == "q-svg-desc"
    assert desc.text.startswith("折れ線グラフ。")
    assert "2000から2001まで、最小 1,000、最大 7,674" in desc.text
    with translation.override("en"):
        english = parse(render_svg(figure, id_prefix="q")).find("s:desc", NS).text
    assert english.startswith("Line chart.") and "lowest 1,000, highest 7,674" in english
    with translation.override("ja"):
        titled = parse(
            render_svg(charts.figure_json(charts.outbound_chart(outbound_series())), id_prefix="c")
        )
    assert titled.find("s:title", NS).text == "海外派遣研究者数の推移（年度別）"
    assert "年度" in texts(titled)


def test_an_empty_figure_is_still_a_valid_image():
    root = parse(render_svg({"data": [], "layout": {}}, id_prefix="none"))
    assert root.findall(".//s:polyline", NS) == [] and bars(root) == []


def test_round_ticks_and_labels():
    assert svg_parts.ticks(0, 250_000) == [0, 50_000, 100_000, 150_000, 200_000, 250_000]
    assert svg_parts.value_domain([3, 97], {}) == (0, 100)
    assert svg_parts.value_domain([-30, 120], {}) == (-50, 150)
    assert svg_parts.value_domain([5], {"range": [0, 10]}) == (0, 10)
    assert svg_parts.year_ticks(1984.5, 2023.5, {"tick0": 2000, "dtick": 5}) == [
        1985, 1990, 1995, 2000, 2005, 2010, 2015, 2020,
    ]  # fmt: skip
    assert svg_parts.number_label(7674) == "7,674" and svg_parts.number_label(12.5) == "12.5"
    assert svg_parts.x_label(2000) == "2000" and svg_parts.x_label("2018-2020") == "2018-2020"
    assert svg_parts.fit_text("日本から米国へ", 10, 46) == "日本から…"

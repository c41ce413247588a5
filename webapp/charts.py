"""Charts drawn on the server as SVG with leather, for the dashboards and the finance pages.

leather writes presentation attributes (fill="…", font-size="…"), never a stylesheet: an SVG
inline in the page paints in the same round trip and obeys our CSP, which allows one inline
stylesheet by its hash (pygal's charts are styled by a <style> of their own and would come out
black). No chart script: the page has nothing to run. Every chart goes beside a table of its
numbers (templates/_chart.html) for screen readers and print."""
import re

import leather
from flask_babel import gettext as _
from markupsafe import Markup, escape

WIDTH = 360  # drawn small: on a 360 px phone the text stays near its own size
# CJK glyphs are as wide as they are tall: leather's layout guesses widths from these.
for _name in ("title", "legend", "axis_title", "tick"):
    setattr(leather.theme, f"{_name}_font_family", "system-ui, sans-serif")
leather.theme.tick_font_size = leather.theme.tick_font_char_width = 16
leather.theme.legend_font_size = leather.theme.legend_font_char_width = 16
leather.theme.tick_font_char_height = leather.theme.legend_font_char_height = 16
leather.theme.background_color = "#fff"
leather.theme.label_color = leather.theme.legend_color = "#5f6b66"
leather.theme.tick_color = "#e3e8e5"
leather.theme.default_series_colors = ["#1f6f43", "#c77700", "#b3261e", "#3b6ea8", "#7a4ea3"]
leather.theme.default_line_width = 2.5
leather.theme.margin = 0.045



def nothing_yet() -> Markup:
    return Markup('<p class="muted chart-empty">') + escape(_("还没有数字：每期结束后自动生成。")) + Markup("</p>")


_DIGITS = re.compile(r"(\d+\.\d)\d+")  # leather's Decimal coordinates carry 28 digits


PAD = 18  # leather centres the last tick's label on the chart's right edge: room for its half


def _svg(chart: leather.Chart, height: int, label: str) -> Markup:
    svg = _DIGITS.sub(r"\1", chart.to_svg(width=WIDTH, height=height))
    svg = svg.replace(f'<svg width="{WIDTH}" height="{height}"',
                      f'<svg class="chart" viewBox="0 0 {WIDTH + PAD} {height}" role="img" aria-label="{escape(label)}"',
                      1)
    return Markup(svg)  # noqa: S704 — leather escapes the text it writes (ElementTree)


def line_chart(label: str, x_labels: list[str], series: dict[str, list[float | None]], y_max: float | None = None,
               height: int = 250) -> Markup:
    """One line per series over the x labels (weeks, months); a missing value breaks no line:
    it is drawn as 0 only where the series has a number."""
    chart = leather.Chart()
    last = max(len(x_labels) - 1, 1)
    drawn = [(name, [(i, v) for i, v in enumerate(values) if v is not None]) for name, values in series.items()]
    if not any(points for _name, points in drawn):
        return nothing_yet()
    for name, points in drawn:
        if points:
            chart.add_line(points, name=name)
    chart.add_x_scale(0, last)
    step = max(1, -(-len(x_labels) // 5))  # five labels at most: Chinese week names are wide
    chart.add_x_axis(ticks=list(range(0, len(x_labels), step)),
                     tick_formatter=lambda value, index, count: x_labels[int(value)])
    top = y_max if y_max is not None else max([v for vs in series.values() for v in vs if v is not None] + [1])
    chart.add_y_scale(0, top)
    return _svg(chart, height, label)


def bar_chart(label: str, rows: list[tuple[str, float]], height: int | None = None,
              x_max: float | None = None) -> Markup:
    """Horizontal bars, one per row, in the order given (best first)."""
    chart = leather.Chart()
    chart.add_bars([(value, name) for name, value in rows] or [(0, "—")])  # leather draws the first on top
    if x_max is not None:
        chart.add_x_scale(0, x_max)
    if max((abs(value) for _name, value in rows), default=0) >= 10_000:
        chart.add_x_axis(tick_formatter=lambda value, index, count: _("%(n)s万", n=f"{value / 10_000:g}"))
    return _svg(chart, height or 50 + 32 * max(len(rows), 1), label)

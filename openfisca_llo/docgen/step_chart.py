"""The step chart of a figure's dated values, as inline SVG (reference pages and the werkbank)."""

from __future__ import annotations

import dataclasses
import datetime
import html

from openfisca_llo.docgen.labels import format_value

WIDTH, HEIGHT = 600, 150
LEFT, RIGHT, TOP, BOTTOM = 110, 16, 12, 30  # margins around the plot area
INSET = 8  # keeps the lowest and highest step off the axes
LINE = 'fill="none" stroke="#1f5fa8" stroke-width="2"'


def _to_date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


@dataclasses.dataclass
class _Frame:
    """The drawn ranges: dates x0..x1 (x0 later than the first date when a long first period is clipped) and
    values y_min..y_max."""

    x0: datetime.date
    x1: datetime.date
    y_min: float
    y_max: float
    clipped: datetime.date | None

    def x(self, day: datetime.date) -> float:
        day = max(day, self.x0)
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (day - self.x0).days / (self.x1 - self.x0).days, 1)

    def y(self, value) -> float:
        return round(TOP + INSET + (HEIGHT - TOP - BOTTOM - 2 * INSET)
                     * (1 - (float(value) - self.y_min) / (self.y_max - self.y_min)), 1)


def _frame(points, values: list[float], boolean: bool) -> _Frame:
    x0 = points[0][0]
    last = points[-1][0]
    clipped = None
    if len(points) > 2 and (points[1][0] - x0).days > max(730, 2 * (last - points[1][0]).days):
        # A long first period (a 'not yet in force' value from 2000) would squeeze the history: clip it.
        clipped = x0
        x0 = points[1][0] - datetime.timedelta(days=max(365, (last - points[1][0]).days // 4))
    span = (last - x0).days
    x1 = last + datetime.timedelta(days=max(365, span // 6))
    y_min, y_max = (0.0, 1.0) if boolean else (min(values), max(values))
    if not boolean and 0 <= y_min <= y_max / 2:
        y_min = 0.0  # amounts from zero, so the steps keep their proportions
    if y_min == y_max:
        y_min, y_max = y_min - 1, y_max + 1
    return _Frame(x0, x1, y_min, y_max, clipped)


def _axes(label: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="llo-stapgrafiek" role="img" aria-label="{label}" '
        f'width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11">',
        f"<title>{label}</title>",
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" stroke="#999"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="#999"/>',
    ]


def _value_ticks(frame: _Frame, values: list[float], boolean: bool, unit) -> list[str]:
    """Labels and grid lines on the value axis: nee/ja, or each distinct value that does not overlap another."""
    if boolean:
        ticks = [(0.0, "nee"), (1.0, "ja")]
    else:
        ticks, placed = [], []
        for value in sorted({frame.y_min, *values}, reverse=True):
            if all(abs(frame.y(value) - other) >= 13 for other in placed):
                placed.append(frame.y(value))
                ticks.append((value, None))
    parts = []
    for value, text in ticks:
        text = text or format_value(int(value) if float(value).is_integer() else value, unit)
        parts.append(
            f'<text x="{LEFT - 6}" y="{frame.y(value) + 4}" text-anchor="end" fill="#333">{html.escape(text)}</text>'
        )
        parts.append(
            f'<line x1="{LEFT}" y1="{frame.y(value)}" x2="{WIDTH - RIGHT}" y2="{frame.y(value)}" stroke="#eee"/>'
        )
    return parts


def _year_ticks(frame: _Frame) -> list[str]:
    """At most about eight years on the time axis, and where the first period was clipped."""
    x0, x1 = frame.x0, frame.x1
    years = list(range(x0.year + (x0 > datetime.date(x0.year, 1, 1)), x1.year + 1))
    step = max(1, -(-len(years) // 8))
    parts = []
    for year in years[::step]:
        day = datetime.date(year, 1, 1)
        if day > x1:
            continue
        parts.append(f'<line x1="{frame.x(day)}" y1="{HEIGHT - BOTTOM}" x2="{frame.x(day)}" y2="{HEIGHT - BOTTOM + 4}" stroke="#999"/>')
        parts.append(f'<text x="{frame.x(day)}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" fill="#333">{year}</text>')
    if frame.clipped is not None:
        parts.append(
            f'<text x="{LEFT - 6}" y="{HEIGHT - BOTTOM + 16}" text-anchor="end" fill="#666">'
            f"… sinds {frame.clipped.isoformat()}</text>"
        )
    return parts


def _unknown_band(frame: _Frame, day: datetime.date, end: datetime.date) -> list[str]:
    """Unknown is not zero: a period without a value is a marked band, not a line at 0."""
    band_x, band_w = frame.x(day), max(frame.x(end) - frame.x(day), 2)
    parts = [
        f'<rect class="llo-onbekend" x="{band_x}" y="{TOP}" width="{round(band_w, 1)}" height="{HEIGHT - TOP - BOTTOM}" '
        f'fill="#f6ead0" stroke="#a86b00" stroke-dasharray="4 3"><title>vanaf {day.isoformat()}: onbekend '
        f'(geen waarde in het model)</title></rect>'
    ]
    if band_w >= 50:
        parts.append(f'<text x="{round(band_x + band_w / 2, 1)}" y="{TOP + 16}" text-anchor="middle" fill="#7a4d00">onbekend</text>')
    return parts


def _steps(frame: _Frame, points, unit) -> list[str]:
    """The line of the values (broken by unknown bands), then a marker with its value at each date."""
    parts: list[str] = []
    path: list[str] = []
    markers: list[str] = []
    for i, (day, value) in enumerate(points):
        end = points[i + 1][0] if i + 1 < len(points) else frame.x1
        if value is None:
            if path:
                parts.append(f'<path d="{" ".join(path)}" {LINE}/>')
            path = []
            parts += _unknown_band(frame, day, end)
            continue
        path.append(f"V {frame.y(value)}" if path else f"M {frame.x(day)} {frame.y(value)}")
        path.append(f"H {frame.x(end)}")
        markers.append(
            f'<circle cx="{frame.x(day)}" cy="{frame.y(value)}" r="3" fill="#1f5fa8">'
            f"<title>vanaf {day.isoformat()}: {html.escape(format_value(value, unit))}</title></circle>"
        )
    if path:
        parts.append(f'<path d="{" ".join(path)}" {LINE}/>')
    return parts + markers


def step_chart_svg(points, unit=None, title: str = "") -> str | None:
    """A step chart of dated values as inline SVG, or None when there is nothing numeric to draw.

    ``points`` are (date, value) pairs in any order; a value holds from its date until the next date. A
    ``None`` value is a gap (no value in the model) and is not drawn. Booleans are drawn as nee (0) / ja (1).
    """
    points = sorted((_to_date(d), v) for d, v in points)
    numeric = [v for _, v in points if isinstance(v, (bool, int, float))]
    if not numeric or len(numeric) != len([v for _, v in points if v is not None]):
        return None
    boolean = all(isinstance(v, bool) for v in numeric)
    values = [float(v) for v in numeric]
    frame = _frame(points, values, boolean)
    label = html.escape(f"Verloop van {title}" if title else "Verloop van de waarde", quote=True)
    parts = [
        *_axes(label),
        *_value_ticks(frame, values, boolean, unit),
        *_year_ticks(frame),
        *_steps(frame, points, unit),
        "</svg>",
    ]
    return "\n".join(parts)

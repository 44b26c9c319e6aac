"""The variation chart: a result along one input, as inline SVG; an unknown result is a marked band, never 0.

(The step chart of a figure's dated values is the reference docs' ``docgen.step_chart.step_chart_svg``.)
"""

from __future__ import annotations

import datetime
import html
import math

from openfisca_llo import formatting


def _x_text(x, kind: str) -> str:
    if kind == "date":
        return formatting.date(x)
    return formatting.money(x) if kind == "money" else formatting.number(x)


def variation_svg(points: list[tuple[object, float | None]], kind: str, unit: str | None, x_label: str, y_label: str) -> str:
    """Points (x, y) in x order; x a number or a date; y None or NaN where the result is unknown."""
    width, height, left, right, top, bottom = 640, 220, 96, 16, 14, 44
    xs = [(x - points[0][0]).days if kind == "date" else float(x) for x, _ in points]
    known = [y for _, y in points if y is not None and math.isfinite(y)]
    y_max = max(known + [1.0])
    y_min = min(known + [0.0])
    x_min, x_max = xs[0], xs[-1] if xs[-1] != xs[0] else xs[0] + 1

    def px(value) -> float:
        return round(left + (width - left - right) * (value - x_min) / (x_max - x_min), 1)

    def py(value) -> float:
        return round(top + (height - top - bottom) * (1 - (value - y_min) / ((y_max - y_min) or 1)), 1)

    label = html.escape(f"{y_label} naar {x_label}", quote=True)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="wb-variatie" role="img" aria-label="{label}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
        f"<title>{label}</title>",
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="#999"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="#999"/>',
    ]
    for value in sorted({y_min, y_max, (y_min + y_max) / 2}):
        parts.append(f'<line x1="{left}" y1="{py(value)}" x2="{width - right}" y2="{py(value)}" stroke="#eee"/>')
        parts.append(f'<text x="{left - 6}" y="{py(value) + 4}" text-anchor="end" fill="#333">'
                     f"{html.escape(formatting.value(round(value, 2), unit))}</text>")
    for index in sorted({0, len(points) // 2, len(points) - 1}):
        parts.append(f'<text x="{px(xs[index])}" y="{height - bottom + 16}" text-anchor="middle" fill="#333">'
                     f"{html.escape(_x_text(points[index][0], kind))}</text>")
    parts.append(f'<text x="{(left + width - right) / 2}" y="{height - 6}" text-anchor="middle" fill="#333">{html.escape(x_label)}</text>')
    segment: list[str] = []
    step = (xs[1] - xs[0]) if len(xs) > 1 else 1

    def flush():
        if segment:
            parts.append(f'<path d="{" ".join(segment)}" fill="none" stroke="#1f5fa8" stroke-width="2"/>')
        segment.clear()

    for i, ((x, y), xv) in enumerate(zip(points, xs, strict=True)):
        if y is None or not math.isfinite(y):
            flush()
            start = px(max(x_min, xv - step / 2))
            stop = px(min(x_max, xv + step / 2))
            parts.append(f'<rect class="wb-onbekend" x="{start}" y="{top}" width="{round(max(stop - start, 2), 1)}" '
                         f'height="{height - top - bottom}" fill="#f6ead0" stroke="#a86b00" stroke-dasharray="4 3">'
                         f"<title>{html.escape(_x_text(x, kind))}: onbekend</title></rect>")
            continue
        segment.append(f"{'M' if not segment else 'L'} {px(xv)} {py(y)}")
        parts.append(f'<circle cx="{px(xv)}" cy="{py(y)}" r="2.5" fill="#1f5fa8"><title>{html.escape(_x_text(x, kind))}: '
                     f"{html.escape(formatting.value(y, unit))}</title></circle>")
        if i == len(points) - 1:
            flush()
    flush()
    if any(y is None or not math.isfinite(y) for _, y in points):
        parts.append(f'<text x="{width - right}" y="{top + 10}" text-anchor="end" fill="#7a4d00">gearceerd: onbekend</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def date_range(center: datetime.date, years: int, steps: int) -> list[datetime.date]:
    start = center - datetime.timedelta(days=365 * years)
    span = 2 * 365 * years
    return [start + datetime.timedelta(days=round(span * i / (steps - 1))) for i in range(steps)]

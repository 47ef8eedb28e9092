"""Small server-side SVG charts for the fieldwork pages: pure functions returning SVG text.

Every piece of text is escaped here, so templates may mark the result safe (``fieldwork_tags``
does). The CSP forbids inline styles: colours are SVG presentation attributes (``fill``,
``stroke``), sizes come from the viewBox and the ``chart`` CSS class. Each chart is
``role="img"`` with a ``<title>``; each mark has its own ``<title>`` (a tooltip, and read by
screen readers). Time runs left to right in every language; labels carry ``direction`` so that
right-to-left text reads correctly, and the assessment grid mirrors its columns in RTL.

Numbers pass through ``digits`` (the reader's digits: the template tags pass
``nucleus.calendars.local_digits``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from unicodedata import bidirectional

Digits = Callable[[object], str]

INK = "#1d1d1f"
MUTED = "#5f6368"
LINE = "#d9d9de"
EMPTY = "#f2f2f4"
ACTIVE = "#1e7a3b"
SILENT = "#b3261e"
UNASSESSED = "#9e9e9e"


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _n(value: float) -> str:
    """A coordinate: integers stay integers, others get one decimal."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _svg(width: float, height: float, title: str, body: list[str], css: str = "chart",
         rtl: bool = False) -> str:
    # direction: the default for text in the chart; time axes are laid out left to right
    # whatever it is.
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="{_e(css)}" role="img" '
            f'viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" '
            f'height="{_n(height)}" direction="{"rtl" if rtl else "ltr"}" '
            f'font-family="system-ui, sans-serif" font-size="11">'
            f"<title>{_e(title)}</title>{''.join(body)}</svg>")


def _text(x: float, y: float, text: object, *, anchor: str = "middle", fill: str = INK,
          size: int | None = None, rtl: bool | None = None, weight: str = "") -> str:
    """``rtl``: the text's own direction (None: the chart's)."""
    extra = f' font-size="{size}"' if size else ""
    extra += f' font-weight="{weight}"' if weight else ""
    if rtl is not None:
        extra += f' direction="{"rtl" if rtl else "ltr"}"'

    return (f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" fill="{fill}"{extra}>'
            f"{_e(text)}</text>")


def is_rtl_text(text: str) -> bool:
    """Whether the text's first strong character is right-to-left (Persian, Arabic …)."""
    for char in text:
        kind = bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def wrap(text: str, limit: int) -> list[str]:
    """The text in lines of at most ``limit`` characters, broken between words; a word
    longer than a line is broken inside. Nothing is left out."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > limit:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:limit])
            word = word[limit:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= limit:
            line = f"{line} {word}"
        else:
            lines.append(line)
            line = word
    if line or not lines:
        lines.append(line)
    return lines


# --- activity per week: the continuity of the work at a glance ---

def timeline(counts: Sequence[int], *, title: str, labels: Sequence[str] | None = None,
             width: int = 132, height: int = 28, digits: Digits = str,
             scale: int | None = None) -> str:
    """One bar per period (oldest on the left), its height the count (activities, or days
    with activity) against ``scale`` (default: the highest count); a silent period is a red
    tick on the baseline, so that interruptions stand out."""
    n = max(len(counts), 1)
    slot = width / n
    bar = max(slot - 2, 1)
    top = scale or max(counts, default=0) or 1
    base = height - 2
    body = [f'<line x1="0" y1="{_n(base + 1)}" x2="{_n(width)}" y2="{_n(base + 1)}" '
            f'stroke="{LINE}" stroke-width="1"/>']
    for i, count in enumerate(counts):
        x = i * slot + 1
        label = labels[i] if labels and i < len(labels) else ""
        tip = f"{label}: {digits(count)}" if label else digits(count)
        if count:
            h = max(3.0, (base - 2) * min(count, top) / top)
            body.append(f'<rect x="{_n(x)}" y="{_n(base - h)}" width="{_n(bar)}" '
                        f'height="{_n(h)}" fill="{ACTIVE}"><title>{_e(tip)}</title></rect>')
        else:
            body.append(f'<rect x="{_n(x)}" y="{_n(base - 2)}" width="{_n(bar)}" height="2" '
                        f'fill="{SILENT}"><title>{_e(tip)}</title></rect>')
    return _svg(width, height, title, body, css="chart timeline")


# --- mood over time ---

def trend(points: Sequence[tuple[date, int]], *, title: str, low: int = 1, high: int = 5,
          width: int = 320, height: int = 130, digits: Digits = str,
          date_label: Callable[[date], str] = date.isoformat,
          point_label: Callable[[date, int], str] | None = None,
          value_label: Callable[[int], str] | None = None) -> str:
    """A line through dated readings on a low..high scale, time proportional on the x axis
    (left to right), a grid line per value named by ``value_label`` (words: a mood) or its
    number, the first and last dates underneath."""
    names = {v: value_label(v) if value_label else digits(v) for v in range(low, high + 1)}
    # The axis is as wide as its longest name (about 6 px a character at 11 px).
    left = max(22, 10 + 6 * max(len(n) for n in names.values()))
    right, top, bottom = 10, 8, 22
    width = max(width, left + 200)
    plot_w, plot_h = width - left - right, height - top - bottom
    span = max(high - low, 1)

    def y_of(value: int) -> float:
        return top + plot_h * (high - value) / span

    body = []
    for value in range(low, high + 1):
        y = y_of(value)
        body.append(f'<line x1="{left}" y1="{_n(y)}" x2="{_n(width - right)}" y2="{_n(y)}" '
                    f'stroke="{LINE}" stroke-width="1"/>')
        body.append(_text(left - 6, y + 4, names[value], anchor="end", fill=MUTED))
    if points:
        first, last = points[0][0].toordinal(), points[-1][0].toordinal()
        days = max(last - first, 1)
        coords = []
        for when, value in points:
            x = left + (plot_w * (when.toordinal() - first) / days if last > first
                        else plot_w / 2)
            coords.append((x, y_of(min(max(value, low), high)), when, value))
        if len(coords) > 1:
            path = " ".join(f"{_n(x)},{_n(y)}" for x, y, _w, _v in coords)
            body.append(f'<polyline points="{path}" fill="none" stroke="{SILENT}" '
                        f'stroke-width="2" stroke-linejoin="round"/>')
        for x, y, when, value in coords:
            tip = (point_label(when, value) if point_label
                   else f"{date_label(when)}: {names.get(value, digits(value))}")
            body.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3.5" fill="{SILENT}">'
                        f"<title>{_e(tip)}</title></circle>")
        body.append(_text(left, height - 6, date_label(points[0][0]), anchor="start",
                          fill=MUTED))
        if last > first:
            body.append(_text(width - right, height - 6, date_label(points[-1][0]),
                              anchor="end", fill=MUTED))
    return _svg(width, height, title, body, css="chart trend")


# --- shares of a headcount, with the majority marks ---

@dataclass(frozen=True)
class Segment:
    label: str
    count: int
    colour: str


@dataclass(frozen=True)
class Mark:
    percent: int
    label: str


def share_bar(segments: Sequence[Segment], whole: int, *, title: str,
              marks: Sequence[Mark] = (), width: int = 320, height: int = 34,
              rtl: bool = False, digits: Digits = str) -> str:
    """A bar as long as the headcount, filled with the count at each level (in order) and
    marked at the thresholds; the rest is the part of the headcount not counted yet. In RTL
    the bar fills from the right."""
    bar_top, bar_h = 4, 16
    total = max(whole, sum(s.count for s in segments), 1)
    body = [f'<rect x="0" y="{bar_top}" width="{width}" height="{bar_h}" fill="{EMPTY}" '
            f'stroke="{LINE}"/>']
    offset = 0.0
    for s in segments:
        if not s.count:
            continue
        w = width * s.count / total
        x = width - offset - w if rtl else offset
        body.append(f'<rect x="{_n(x)}" y="{bar_top}" width="{_n(w)}" height="{bar_h}" '
                    f'fill="{_e(s.colour)}"><title>{_e(s.label)}: {_e(digits(s.count))}'
                    f"</title></rect>")
        offset += w
    for m in marks:
        x = width * m.percent / 100
        x = width - x if rtl else x
        body.append(f'<line x1="{_n(x)}" y1="1" x2="{_n(x)}" y2="{bar_top + bar_h + 3}" '
                    f'stroke="{INK}" stroke-width="1.5" stroke-dasharray="3 2">'
                    f"<title>{_e(m.label)}</title></line>")
        body.append(_text(x, height - 2, f"{digits(m.percent)}%", fill=MUTED, size=10))
    return _svg(width, height, title, body, css="chart share", rtl=rtl)


# --- the wall chart: parts x assessment levels ---

@dataclass(frozen=True)
class GridColumn:
    header: str  # short: the level's value, or a sign
    label: str  # long: for the tooltip
    colour: str


@dataclass(frozen=True)
class GridRow:
    key: str  # identifies the row in data-part (a part id, or "none")
    label: str
    counts: Sequence[int]  # one per level column
    unassessed: int
    never_contacted: int
    # Where each cell leads (the levels, then ``?`` and ``∅``): the list of its people;
    # empty, no link.
    links: Sequence[str] = ()


def _blend(colour: str, opacity: float) -> tuple[float, float, float]:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return tuple(255 - (255 - c) * opacity for c in (r, g, b))  # type: ignore[return-value]


def _ink_on(colour: str, opacity: float) -> str:
    r, g, b = _blend(colour, opacity)
    return "#ffffff" if (0.299 * r + 0.587 * g + 0.114 * b) < 140 else INK


def _valid_colour(colour: str) -> str:
    ok = len(colour) == 7 and colour[0] == "#" and all(c in "0123456789abcdefABCDEF"
                                                       for c in colour[1:])
    return colour if ok else UNASSESSED


LINE_HEIGHT = 14
LABEL_CHARS = 13  # characters of a part's name on one line of the label column


def assessment_grid(columns: Sequence[GridColumn], rows: Sequence[GridRow], *, title: str,
                    unassessed: GridColumn, never_contacted: GridColumn, rtl: bool = False,
                    digits: Digits = str, cell: int = 36, label_width: int = 96) -> str:
    """Parts (rows) by levels (columns, in the scale's order), each cell filled with its
    level's colour, stronger the more people are in it; then the columns of people
    contacted but not assessed yet and never contacted. A part's whole name, wrapped over as
    many lines as it needs (its row grows with it). A cell with people and a link is a link
    to their list. Mirrored in RTL: part names on the right."""
    kinds = [*[("level", c) for c in columns], ("unassessed", unassessed),
             ("never", never_contacted)]
    head_h, row_h, gap = 26, cell - 6, 2
    labels = [wrap(row.label, LABEL_CHARS) for row in rows]
    heights = [max(row_h, len(lines) * LINE_HEIGHT + 4) for lines in labels]
    width = label_width + len(kinds) * (cell + gap) + 4
    height = head_h + sum(h + gap for h in heights) + (0 if rows else row_h + gap) + 2
    peak = max([c for r in rows for c in r.counts] + [r.unassessed for r in rows] + [1])

    def x_of(index: int) -> float:
        x = label_width + 4 + index * (cell + gap)
        return width - x - cell if rtl else x

    body = []
    for i, (_kind, col) in enumerate(kinds):
        x = x_of(i)
        body.append(f'<g><title>{_e(col.label)}</title>'
                    f'<rect x="{_n(x)}" y="2" width="{cell}" height="{head_h - 6}" rx="3" '
                    f'fill="{_e(_valid_colour(col.colour))}"/>'
                    + _text(x + cell / 2, head_h - 9, col.header, weight="600",
                            fill=_ink_on(_valid_colour(col.colour), 1.0))
                    + "</g>")
    label_x = width - 4 if rtl else 0
    y = head_h
    for row, lines, h in zip(rows, labels, heights, strict=True):
        # Each name in its own direction, held against the side the layout starts from.
        own_rtl = is_rtl_text(row.label)
        anchor = "start" if own_rtl == rtl else "end"
        first = y + h / 2 + 4 - (len(lines) - 1) * LINE_HEIGHT / 2
        body.append(f"<g><title>{_e(row.label)}</title>"
                    + "".join(_text(label_x, first + k * LINE_HEIGHT, line, anchor=anchor,
                                    rtl=own_rtl, size=12) for k, line in enumerate(lines))
                    + "</g>")
        values = [*row.counts, row.unassessed, row.never_contacted]
        for i, ((kind, col), count) in enumerate(zip(kinds, values, strict=True)):
            body.append(_grid_cell(kind, col, row, count, x_of(i), y, cell, h, peak, digits,
                                   row.links[i] if i < len(row.links) else ""))
        y += h + gap
    return _svg(width, height, title, body, css="chart grid", rtl=rtl)


def _grid_cell(kind: str, col: GridColumn, row: GridRow, count: int, x: float, y: float,
               cell: int, h: float, peak: int, digits: Digits, link: str) -> str:
    colour = _valid_colour(col.colour)
    if kind == "never":
        fill, stroke, ink = "#ffffff", colour, INK
    elif count:
        opacity = 0.3 + 0.7 * count / peak
        fill, stroke = colour, "none"
        ink = _ink_on(colour, opacity)
    else:
        fill, stroke, ink = EMPTY, "none", MUTED
    level_attr = f' data-level="{_e(col.header)}"' if kind == "level" else ""
    opacity_attr = (f' fill-opacity="{0.3 + 0.7 * count / peak:.2f}"'
                    if kind != "never" and count else "")
    tip = f"{row.label} · {col.label}: {digits(count)}"
    mark = (f'<g class="cell" data-part="{_e(row.key)}" data-kind="{kind}"{level_attr}>'
            f"<title>{_e(tip)}</title>"
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{cell}" height="{_n(h)}" rx="3" '
            f'fill="{_e(fill)}"{opacity_attr} stroke="{_e(stroke)}"/>'
            + (_text(x + cell / 2, y + h / 2 + 4, digits(count), fill=ink, weight="600")
               if count or kind == "never" else "")
            + "</g>")
    # Tapping a cell with people opens their list.
    return f'<a href="{_e(link)}">{mark}</a>' if link and count else mark


def swatch(colour: str, *, label: str = "", size: int = 14) -> str:
    """A small square of a level's colour (CSS classes cannot know custom colours)."""
    title = f"<title>{_e(label)}</title>" if label else ""
    hidden = "" if label else ' aria-hidden="true"'
    role = ' role="img"' if label else ""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="swatch"{role}{hidden} '
            f'viewBox="0 0 {size} {size}" width="{size}" height="{size}">{title}'
            f'<rect x="0.5" y="0.5" width="{size - 1}" height="{size - 1}" rx="2" '
            f'fill="{_e(_valid_colour(colour))}" stroke="{LINE}"/></svg>')

"""fieldwork.charts: small SVG strings, every text escaped, an accessible title, colours as
presentation attributes (the CSP forbids style attributes), mirrored where RTL needs it."""

import re
from datetime import date

from fieldwork import charts

GRID_COLUMNS = [charts.GridColumn("1", "Leader", "#1b7837"),
                charts.GridColumn("2", "<b>Supporter</b>", "#7fbf7b")]
UNASSESSED = charts.GridColumn("?", "Not assessed", "#9e9e9e")
NEVER = charts.GridColumn("∅", "Never contacted", "#5f6368")


def _grid(rtl=False, label="Rolling mill"):
    rows = [charts.GridRow("7", label, [3, 0], 1, 2)]
    return charts.assessment_grid(GRID_COLUMNS, rows, title="Grid & <co>", rtl=rtl,
                                  unassessed=UNASSESSED, never_contacted=NEVER)


def _accessible(svg: str, title: str) -> None:
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert f"<title>{title}</title>" in svg
    assert "style=" not in svg and "<script" not in svg


def test_the_grid_fills_cells_with_level_colours_and_escapes_text():
    svg = _grid(label="<script>alert(1)</script>")
    _accessible(svg, "Grid &amp; &lt;co&gt;")
    assert "&lt;b&gt;Supporter&lt;/b&gt;" in svg and "&lt;script&gt;" in svg
    cell = re.search(r'<g class="cell" data-part="7" data-kind="level" data-level="1">.*?</g>',
                     svg).group(0)
    assert 'fill="#1b7837"' in cell and ">3</text>" in cell
    empty = re.search(r'data-level="2">.*?</g>', svg).group(0)
    assert "</text>" not in empty  # nothing written in an empty cell


def test_the_grid_mirrors_its_columns_right_to_left():
    def first_x(svg):
        cell = re.search(r'data-level="1">.*?<rect x="([\d.]+)"', svg)
        return float(cell.group(1))

    assert first_x(_grid(rtl=True)) > first_x(_grid())
    assert 'direction="rtl"' in _grid(rtl=True)


def test_the_grid_gives_each_label_its_own_direction():
    assert 'direction="rtl"' in _grid(label="خط نورد")
    assert re.search(r'direction="ltr"[^>]*>Rolling mill', _grid(rtl=True))


def test_a_bad_colour_falls_back_to_grey():
    svg = charts.swatch('red" onload="x', label="Bad")
    assert "onload" not in svg and 'fill="#9e9e9e"' in svg


def test_the_timeline_marks_silent_weeks():
    svg = charts.timeline([0, 2, 0, 5], title="Weeks", labels=["w1", "w2", "w3", "w4"])
    _accessible(svg, "Weeks")
    assert svg.count(f'fill="{charts.SILENT}"') == 2
    assert svg.count(f'fill="{charts.ACTIVE}"') == 2
    assert "<title>w4: 5</title>" in svg


def test_the_trend_draws_time_left_to_right():
    svg = charts.trend([(date(2025, 1, 1), 2), (date(2025, 3, 1), 5)], title="Mood")
    _accessible(svg, "Mood")
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    assert xs == sorted(xs) and len(xs) == 2
    assert "2025-01-01" in svg and "2025-03-01" in svg
    assert "<polyline" not in charts.trend([(date(2025, 1, 1), 2)], title="One")


def test_the_share_bar_marks_the_thresholds():
    segments = [charts.Segment("1 Leader", 3, "#1b7837"), charts.Segment("2 Sup", 2, "#7fbf7b")]
    marks = [charts.Mark(50, "Majority"), charts.Mark(70, "Supermajority")]
    svg = charts.share_bar(segments, 10, title="Shares", marks=marks, width=100)
    _accessible(svg, "Shares")
    assert '<rect x="0" y="4" width="30"' in svg and '<rect x="30" y="4" width="20"' in svg
    assert 'x1="50"' in svg and "Supermajority" in svg
    rtl = charts.share_bar(segments, 10, title="Shares", marks=marks, width=100, rtl=True)
    assert '<rect x="70" y="4" width="30"' in rtl and 'x1="50"' in rtl


def test_the_grid_wraps_a_long_part_name_and_leaves_nothing_out():
    assert charts.wrap("Maintenance and repair workshop", 13) == [
        "Maintenance", "and repair", "workshop"]
    assert charts.wrap("Kaltwalzwerkinstandhaltung", 13) == ["Kaltwalzwerki", "nstandhaltung"]
    svg = _grid(label="Maintenance and repair workshop of line 4")
    assert "…" not in svg
    lines = re.findall(r'font-size="12"[^>]*>([^<]+)</text>', svg)
    assert " ".join(lines) == "Maintenance and repair workshop of line 4"
    short = _grid()
    height = int(re.search(r'height="(\d+)"', svg).group(1))
    assert height > int(re.search(r'height="(\d+)"', short).group(1))  # the row grew


def test_a_grid_cell_with_people_links_to_their_list():
    rows = [charts.GridRow("7", "Mill", [3, 0], 1, 0, ["/l?level=1", "/l?level=2",
                                                        "/l?level=none&contact=contacted",
                                                        "/l?level=none&contact=never"])]
    svg = charts.assessment_grid(GRID_COLUMNS, rows, title="t", unassessed=UNASSESSED,
                                 never_contacted=NEVER)
    assert re.findall(r'<a href="([^"]+)">', svg) == [
        "/l?level=1", "/l?level=none&amp;contact=contacted"]  # empty cells link nowhere

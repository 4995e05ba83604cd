"""The week chart as markup: the SVG, its legend and its data table, built in one pass.

`week_figures.chart` says where each reading goes; this writes that out. It used to be loops in
a template (a tag per grid line, label, point and table cell), which made the chart most of its
page's rendering time; here each piece is one formatted string. The text is the same: the same
messages, escaped as the template escaped them.
"""

from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from programs.week_figures import Chart, Series

GRID = '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#d9d6cf" stroke-width="1"/>'
LEVEL = '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="#555d6e">{}</text>'
DAY = '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="#555d6e">{}</text>'
DASHED = ' stroke-dasharray="6 3"'
# The marker of each time of day: a filled dot, an open dot, a square.
MARKERS = (
    '<circle cx="{x}" cy="{y}" r="4.5" fill="{colour}"/>',
    '<circle cx="{x}" cy="{y}" r="4.5" fill="#ffffff" stroke="{colour}" stroke-width="2"/>',
    '<rect x="{left}" y="{top}" width="8" height="8" fill="{colour}"/>',
)


def figure(chart: Chart, *, chart_id: str, week: int, moments: list[tuple[int, str]]) -> SafeString:
    """The whole `<figure>`: the SVG (with a title and a text version of every value for screen
    readers), the legend, and the same values as a table behind "Show as a table"."""
    table = chart.table
    labels = dict(moments)
    return format_html(
        '<figure class="chart">\n'
        '  <svg viewBox="0 0 {width} {height}" width="100%" role="img"'
        ' aria-labelledby="{id}-title" aria-describedby="{id}-values" focusable="false">\n'
        '    <title id="{id}-title">{title}</title>\n'
        '    <desc id="{id}-values">{desc}</desc>\n'
        "    {grid}\n    {days}\n    {series}\n"
        "  </svg>\n"
        "  <figcaption>\n"
        '    <ul class="legend">\n      {legend}\n    </ul>\n'
        '    <span class="muted">{across}</span>\n'
        "  </figcaption>\n"
        "  <details>\n"
        "    <summary>{show}</summary>\n"
        '    <table class="data">\n'
        '      <thead><tr><th scope="col">{day}</th>{heads}</tr></thead>\n'
        "      <tbody>\n        {rows}\n      </tbody>\n"
        "    </table>\n"
        "  </details>\n"
        "</figure>",
        width=chart.width,
        height=chart.height,
        id=chart_id,
        title=_blocktranslated(
            _("Security temperature by day and check-in, week %(week)s"), week=week
        ),
        desc=_description(table, moments),
        grid=_grid(chart),
        days=format_html_join(
            "\n    ", DAY, ((x, chart.bottom + 20, day) for day, x in chart.days)
        ),
        series=mark_safe("\n    ".join(_line(line) for line in chart.series)),
        legend=_legend(chart.series, labels),
        across=_("Across: day of the program. Up: security temperature, 0 to 10."),
        show=_("Show as a table"),
        day=_("Day"),
        heads=format_html_join(
            "", '<th scope="col">{}</th>', ((label,) for _moment, label in moments)
        ),
        rows=format_html_join(
            "\n        ",
            '<tr><th scope="row">{}</th>{}</tr>',
            ((day, _cells(values)) for day, values in table),
        ),
    )


def _blocktranslated(message: str, **values) -> SafeString:
    """A translated message with its values escaped, as `{% blocktranslate %}` renders it."""
    return mark_safe(message % {key: conditional_escape(value) for key, value in values.items()})


def _description(table, moments) -> str:
    """Every value in words: the times of day, then each day's temperatures (a dash for none)."""
    names = ", ".join(str(conditional_escape(label)) for _moment, label in moments)
    days = "".join(
        _blocktranslated(_("Day %(number)s"), number=day)
        + ",".join(f" {'–' if value is None else value}" for value in values)
        + ". "
        for day, values in table
    )
    return mark_safe(f"{names}: {days}")


def _grid(chart: Chart) -> SafeString:
    return mark_safe(
        "\n    ".join(
            format_html(GRID, chart.left, chart.right, y, y)
            + "\n    "
            + format_html(LEVEL, chart.left - 8, int(y) + 4, level)
            for level, y in chart.levels
        )
    )


def _line(line: Series) -> str:
    dashes = DASHED if line.moment == 1 else ""
    path = (
        f'<path d="{line.path}" fill="none" stroke="{line.colour}" stroke-width="2"'
        f' stroke-linejoin="round"{dashes}/>'
    )
    marker = MARKERS[line.moment]
    points = (
        marker.format(
            x=point.x, y=point.y, left=point.corner[0], top=point.corner[1], colour=line.colour
        )
        for point in line.points
    )
    return "\n      ".join([path, *points])


def _legend(series: list[Series], labels: dict) -> SafeString:
    if not series:
        return format_html("<li>{}</li>", _("No check-ins this week yet."))
    return format_html_join(
        "\n      ",
        '<li class="legend-{}"><svg width="22" height="12" viewBox="0 0 22 12" aria-hidden="true">'
        '<line x1="0" x2="22" y1="6" y2="6" stroke="{}" stroke-width="2"{}/></svg>\n'
        "          {}</li>",
        (
            (
                line.moment,
                line.colour,
                mark_safe(DASHED if line.moment == 1 else ""),
                labels.get(line.moment, ""),
            )
            for line in series
        ),
    )


def _cells(values) -> SafeString:
    return mark_safe("".join(f"<td>{'–' if value is None else value}</td>" for value in values))

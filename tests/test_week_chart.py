"""The week chart's markup (programs/week_chart.py), from plain readings."""

import re

from programs import week_chart, week_figures
from programs.week_figures import Reading

WEEK = [
    Reading(day=1, moment=0, temperature=6),
    Reading(day=1, moment=2, temperature=3),
    Reading(day=2, moment=1, temperature=5),
    Reading(day=2, moment=2, temperature=2),
    Reading(day=3, moment=0, temperature=8),
]

MOMENTS = [(0, "Morning"), (1, "Midday"), (2, "Evening <3")]


def drawn(readings, chart_id="my-chart"):
    chart = week_figures.chart(readings, week_figures.days_of_week(1))
    return week_chart.figure(chart, chart_id=chart_id, week=1, moments=MOMENTS)


def test_each_reading_gets_the_marker_of_its_time_of_day():
    markup = drawn(WEEK)

    assert markup.count('r="4.5" fill="#3d5a99"/>') == 2  # two mornings: filled dots
    assert markup.count('fill="#ffffff" stroke="#a3462c"') == 1  # one midday: an open dot
    assert markup.count("<rect ") == 2  # two evenings: squares
    assert markup.count('stroke-dasharray="6 3"') == 2  # midday's line and its legend


def test_screen_readers_and_the_table_get_every_value():
    markup = drawn(WEEK)

    desc = re.search(r'<desc id="my-chart-values">(.*?)</desc>', markup).group(1)
    assert desc.startswith("Morning, Midday, Evening &lt;3: Day 1 6, –, 3. Day 2 –, 5, 2. ")
    assert '<tr><th scope="row">1</th><td>6</td><td>–</td><td>3</td></tr>' in markup
    assert 'aria-labelledby="my-chart-title"' in markup


def test_an_empty_week_says_so_and_still_draws_the_grid():
    markup = drawn([], chart_id="partner-chart")

    assert "<li>No check-ins this week yet.</li>" in markup
    assert markup.count("<line ") == 3
    assert "<path " not in markup
    assert 'id="partner-chart-title"' in markup

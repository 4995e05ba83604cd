from django import template
from django.utils.translation import gettext as _

from couplespace.languages import in_reader_language
from programs import week_chart as drawing

register = template.Library()


@register.filter
def localized(texts: dict) -> str:
    """A program text in the page's language: `{{ phase.title|localized }}`."""
    return in_reader_language(texts or {})


@register.filter
def body_label(program, key: str) -> str:
    """The label of a body-response chip: `{{ program|body_label:key }}`."""
    return program.body_response_label(key)


@register.filter
def duration_words(delta) -> str:
    """How long an answer took, to the second under an hour: "40 s", "1 min 50 s", "2 h 5 min"."""
    seconds = int(delta.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return _("%(h)d h %(m)d min") % {"h": hours, "m": minutes}
    if minutes and seconds:
        return _("%(m)d min %(s)d s") % {"m": minutes, "s": seconds}
    if minutes:
        return _("%(m)d min") % {"m": minutes}
    return _("%(s)d s") % {"s": seconds}


@register.simple_tag
def follows_alone(enrollment, person) -> bool:
    """`{% follows_alone enrollment user as alone %}`: whether the couple steps are reflections."""
    return enrollment.follows_alone(person)


@register.simple_tag
def week_chart(chart, chart_id: str, week: int, moments) -> str:
    """The week's chart, legend and table: `{% week_chart chart chart_id week moments %}`."""
    return drawing.figure(chart, chart_id=chart_id, week=week, moments=moments)

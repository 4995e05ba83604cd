from django import template
from django.utils.translation import ngettext

from couplespace.languages import in_reader_language

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
    """How long an answer took, as people say it: "40 seconds", "3 minutes", "2 hours"."""
    seconds = int(delta.total_seconds())
    if seconds < 60:
        return ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    if seconds < 3600:
        minutes = seconds // 60
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    hours = seconds // 3600
    return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}


@register.simple_tag
def follows_alone(enrollment, person) -> bool:
    """`{% follows_alone enrollment user as alone %}`: whether the couple steps are reflections."""
    return enrollment.follows_alone(person)

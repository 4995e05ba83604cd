from django import template
from django.utils.translation import ngettext

from agreements.clauses import KINDS

register = template.Library()


@register.filter
def kind_label(kind: str) -> str:
    return KINDS.get(kind, kind)


@register.filter
def duration_words(delta) -> str:
    """A response time as people say it: "40 seconds", "3 minutes", "2 hours"."""
    seconds = int(delta.total_seconds())
    if seconds < 60:
        return ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    if seconds < 3600:
        minutes = seconds // 60
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    hours = seconds // 3600
    return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}

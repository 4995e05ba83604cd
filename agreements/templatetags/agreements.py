from django import template

from agreements.clauses import KINDS

register = template.Library()


@register.filter
def kind_label(kind: str) -> str:
    return KINDS.get(kind, kind)

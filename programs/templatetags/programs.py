from django import template

from programs.models import in_language

register = template.Library()


@register.filter
def localized(texts: dict) -> str:
    """A program text in the page's language: `{{ phase.title|localized }}`."""
    return in_language(texts or {})


@register.filter
def body_label(program, key: str) -> str:
    """The label of a body-response chip: `{{ program|body_label:key }}`."""
    return program.body_response_label(key)

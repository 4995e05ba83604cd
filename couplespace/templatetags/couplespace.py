from django import template

from couplespace.therapy import share_kind, step_for

register = template.Library()


@register.filter
def share_label(key: str) -> str:
    """The label a feature gave a kind of shared data (the key itself if it is gone)."""
    kind = share_kind(key)
    return kind.label if kind else key


@register.filter
def step_label(key: str) -> str:
    step = step_for(key)
    return step.label if step else key

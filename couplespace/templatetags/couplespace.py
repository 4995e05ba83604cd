from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html

from couplespace.sharing import SWITCH_TEMPLATE, switch_context, switch_id
from couplespace.therapy import share_kind

register = template.Library()


@register.simple_tag
def icon(name: str) -> str:
    """A Lucide icon from the sprite (static/icons.svg, built by tools/make_sprite.py). It is
    decoration: the words next to it say what it means."""
    return format_html(
        '<svg class="icon" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        static("icons.svg"),
        name,
    )


@register.filter
def current_tab(path: str) -> str:
    """Which tab of the signed-in navigation a page is under: "today", "program", "agreement"
    or "" (a page of More, or none)."""
    if path == reverse("workspace"):
        return "today"
    for tab, url_name in (("program", "programs:path"), ("agreement", "agreements:index")):
        if path.startswith(reverse(url_name)):
            return tab
    return ""


@register.filter
def share_label(key: str) -> str:
    """The label a feature gave a kind of shared data (the key itself if it is gone)."""
    kind = share_kind(key)
    return kind.label if kind else key


@register.filter
def is_overdue(assignment, today) -> bool:
    return assignment.is_overdue(today)


@register.inclusion_tag(SWITCH_TEMPLATE, takes_context=True)
def share_switch(context, entry) -> dict:
    """The entry's share switch, for its writer only ("Share with Sam" / "Shared with Sam ·
    Stop sharing"); the row shows what the entry is in the element `<switch id>-what`."""
    return {**switch_context(entry, context["user"]), "csrf_token": context.get("csrf_token")}


@register.filter
def share_switch_id(entry) -> str:
    return switch_id(entry)

"""`{% guide_url "security-and-sexuality" "step-2" %}`: a link into a guide that cannot rot.

Other pages (the 28-day program's "why this step") link to guide sections with this tag; a
guide or anchor that does not exist raises while rendering, so a test catches it.
"""

from django import template

from couplespace.guides import section_url

register = template.Library()


@register.simple_tag
def guide_url(slug: str, anchor: str = "") -> str:
    return section_url(slug, anchor)

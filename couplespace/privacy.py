"""Who may see a private entry. Every view that reads people's entries goes through here.

An entry belongs to its author. Its author's current partner (in an active couple) may read it
once the author has shared it. Anyone else gets a 404, so nothing tells them it exists.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from couplespace.models import User


def visible_to(
    entries: QuerySet,
    person: User,
    *,
    author: str = "author",
    shared: str = "shared_with_partner",
) -> QuerySet:
    """The entries `person` may read: their own, and those their active partner shared."""
    allowed = Q(**{author: person})
    partner = person.partner
    if partner is not None:
        allowed |= Q(**{author: partner, shared: True})
    return entries.filter(allowed)


def own(entries: QuerySet, person: User, *, author: str = "author") -> QuerySet:
    """The entries `person` may change: only their own."""
    return entries.filter(**{author: person})


def get_visible_or_404(entries: QuerySet, person: User, **lookup):
    found = visible_to(entries, person).filter(**lookup).first()
    if found is None:
        raise Http404
    return found


def get_own_or_404(entries: QuerySet, person: User, **lookup):
    found = own(entries, person).filter(**lookup).first()
    if found is None:
        raise Http404
    return found

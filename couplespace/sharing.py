"""The share switch of every entry a writer may share with their partner, one at a time: one
view and one template (`includes/share_switch.html`, drawn by the `share_switch` tag) for
every `SharedWithPartner` kind, found by its key (`couplespace.privacy.share_key`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from couplespace.models import User
from couplespace.privacy import SharedWithPartner, share_key, shareable_model

SWITCH_TEMPLATE = "includes/share_switch.html"


def switch_id(entry: SharedWithPartner) -> str:
    """The switch's id; the entry's row names the entry in the element `<id>-what`."""
    return f"share-{share_key(type(entry))}-{entry.pk}"


def switch_context(entry: SharedWithPartner, person: User) -> dict:
    """What the switch needs: nothing to draw unless `person` wrote the entry."""
    mine = getattr(entry, f"{entry.writer}_id") == person.pk
    if not mine:
        return {"mine": False}
    return {
        "entry": entry,
        "mine": True,
        "partner": person.partner,
        "switch_id": switch_id(entry),
        "share_url": reverse("share_entry", args=[share_key(type(entry)), entry.pk]),
    }


@login_required
@require_POST
def share_entry(request, kind, pk):
    """Share one's own entry with one's partner, or make it private again. Only its writer
    can; anyone else gets 404, as if it did not exist. Without a partner it stays private."""
    model = shareable_model(kind)
    if model is None:
        raise Http404
    person = request.user
    entry = get_object_or_404(model.objects.visible_to(person), pk=pk, **{model.writer: person})
    partner = person.partner
    wanted = request.POST.get("shared") == "1"
    entry.share_with_partner(wanted and partner is not None)
    if request.htmx:
        return render(request, SWITCH_TEMPLATE, switch_context(entry, person))
    if wanted and partner is None:
        messages.info(request, _("You are not in a couple now, so it stays private."))
    elif wanted:
        messages.success(request, _("Shared with %(name)s.") % {"name": partner.name})
    else:
        messages.success(request, _("Private again: only you see it."))
    return redirect(f"{entry.get_absolute_url()}#{switch_id(entry)}")

"""Commitments to oneself: the agreement step, for someone following the program on their own.
Every view reaches a commitment through `commitment_for`: its writer only, 404 for anyone else."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements.forms import CommitmentForm
from agreements.models import Commitment
from couplespace.forms import posted


def commitment_for(person, pk) -> Commitment:
    return get_object_or_404(Commitment.objects.visible_to(person), pk=pk, person=person)


@login_required
def commitments(request):
    """The person's commitments to themselves, and a form to add one."""
    person = request.user
    form = CommitmentForm(posted(request))
    if request.method == "POST" and form.is_valid():
        form.instance.person = person
        form.save()
        messages.success(request, _("Added to your commitments."))
        return redirect("agreements:commitments")
    context = {
        "commitments": Commitment.objects.visible_to(person).filter(person=person),
        "form": form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "agreements/commitments.html", context, status=status)


@login_required
def edit_commitment(request, pk):
    commitment = commitment_for(request.user, pk)
    form = CommitmentForm(posted(request), instance=commitment)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your commitment is changed."))
        return redirect("agreements:commitments")
    status = 400 if request.method == "POST" else 200
    context = {"commitment": commitment, "form": form}
    return render(request, "agreements/commitment_edit.html", context, status=status)


@login_required
@require_POST
def delete_commitment(request, pk):
    commitment_for(request.user, pk).delete()
    messages.success(request, _("Your commitment is deleted."))
    return redirect("agreements:commitments")

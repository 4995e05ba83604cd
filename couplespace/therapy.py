"""Therapists and the clients who chose what they may see.

Features declare what a client can share through the AppConfig hook
`therapist_share_kinds()`: a list of `ShareKind`. The one gate for a therapist reading a
client's data is `open_client_data`: it answers 404 unless the therapist is verified, works
with the client now, and the client shares that kind; and it records every opening in the
client's access log.
"""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404

from couplespace.features import feature_hooks
from couplespace.models import AccessRecord, Care


@dataclass(frozen=True)
class ShareKind:
    key: str
    label: str
    url_name: str  # the feature's therapist view, reversed with the care id


def share_kinds() -> list[ShareKind]:
    return [kind for hook in feature_hooks("therapist_share_kinds") for kind in hook()]


def share_kind(key: str) -> ShareKind | None:
    return next((kind for kind in share_kinds() if kind.key == key), None)


def is_verified_therapist(person) -> bool:
    profile = getattr(person, "therapist_profile", None)
    return bool(profile and profile.is_verified)


def care_given_by(therapist, care_id) -> Care:
    """A client the therapist works with now, for the therapist's own pages (no client data)."""
    if not is_verified_therapist(therapist):
        raise Http404
    return get_object_or_404(
        Care.objects.current().select_related("client").prefetch_related("consents"),
        pk=care_id,
        therapist=therapist,
    )


def open_client_data(therapist, care_id, kind: str) -> Care:
    """The gate to a client's data of `kind`, checked afresh on every request, and logged."""
    care = care_given_by(therapist, care_id)
    if kind not in care.shared_kinds():
        raise Http404
    AccessRecord.objects.create(care=care, kind=kind)
    return care

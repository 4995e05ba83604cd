"""Who may see which result: every view asks here, and anyone else gets 404.

- Its owner sees a result: the signed-in person who took it, or, before signing up, the
  visitor whose session holds its claim token.
- Anyone with a live share link sees that result's summary, and nothing else.
- A partner sees a comparison of both partners' latest results only while both of them have
  consented in their current couple.
- A therapist sees a client's results (never the answers) only through the core's gate,
  `open_client_data`, while the client shares "test_results" with them; each look is logged.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from assessments.models import PartnerConsent, Result, ShareLink
from couplespace.models import Care, User
from couplespace.therapy import open_client_data

THERAPIST_SHARE_KIND = "test_results"

CLAIMS_SESSION_KEY = "assessment_claims"


def claims(request) -> list[str]:
    return request.session.get(CLAIMS_SESSION_KEY, [])


def remember_claim(request, result: Result) -> None:
    request.session[CLAIMS_SESSION_KEY] = [*claims(request), result.claim_token]


def own_results(request):
    return Result.objects.visible_to(request.user, claims=claims(request))


def get_own_result(request, result_id) -> Result:
    live_shares = Prefetch("shares", ShareLink.objects.live(), to_attr="live_shares")
    return get_object_or_404(own_results(request).prefetch_related(live_shares), pk=result_id)


def get_shared_result(token: str) -> Result:
    link = get_object_or_404(ShareLink.objects.live().select_related("result"), token=token)
    return link.result


@dataclass(frozen=True)
class Comparison:
    mine: Result
    theirs: Result

    @property
    def partner(self):
        return self.theirs.owner


@dataclass(frozen=True)
class CoupleSharing:
    """Where a person's couple stands on comparing results (for their own result page)."""

    partner: User
    i_consent: bool
    partner_consents: bool
    partner_has_result: bool
    recommend_solo: bool

    @property
    def comparison_open(self) -> bool:
        return self.i_consent and self.partner_consents and self.partner_has_result


def couple_sharing(person) -> CoupleSharing | None:
    if not person.is_authenticated or person.couple is None:
        return None
    partner = person.partner
    # Two plain queries: one with three EXISTS subqueries took twice their CPU to build.
    consenting = set(
        PartnerConsent.objects.filter(couple=person.couple).values_list("person_id", flat=True)
    )
    return CoupleSharing(
        partner=partner,
        i_consent=person.pk in consenting,
        partner_consents=partner.pk in consenting,
        partner_has_result=Result.objects.filter(owner=partner).exists(),
        # Someone who told us privately that they fear their partner is not nudged to compare.
        recommend_solo=person.feels_afraid_of_partner(),
    )


def get_comparison(request) -> Comparison:
    """Both partners' latest results, or 404 unless both consent and both have a result."""
    person = request.user
    couple = person.couple if person.is_authenticated else None
    if couple is None:
        raise Http404
    consenting = PartnerConsent.objects.filter(couple=couple).values("person_id")
    latest = {
        result.owner_id: result
        for result in Result.objects.filter(owner__in=consenting)
        .latest_per_owner()
        .select_related("owner")
    }
    mine = latest.pop(person.pk, None)
    if mine is None or not latest:
        raise Http404
    return Comparison(mine=mine, theirs=next(iter(latest.values())))


def client_results(request, care_id) -> tuple[Care, QuerySet[Result]]:
    """A client's results, newest first, for the therapist they share them with (else 404)."""
    care = open_client_data(request.user, care_id, THERAPIST_SHARE_KIND)
    results = Result.objects.visible_to(care.client).defer("answers")
    return care, results.order_by("-taken_at", "-pk")

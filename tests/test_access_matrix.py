"""Who may reach what: every route that names an object or a token, for every kind of person.

The routes come from the URL resolver, so a new route without a row here fails the first test.
Each row builds the object from the owner's side and says what each person gets, for GET and
for POST. 404 means "you may not even know this exists".
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from agreements.models import Agreement, Pause, Signal
from agreements.moments import send_signal, start_pause
from agreements.versions import accept_version, propose_version
from couplespace.models import Care, Invitation, TherapistProfile
from couplespace.notify import unsubscribe_token
from programs.models import Checkpoint, CheckpointPlan
from tests.agreements.conftest import SIGNAL
from tests.conftest import make_couple, make_person
from tests.programs_helpers import enrol, load_program, write_checkpoints

OUR_APPS = ("couplespace", "assessments", "programs", "agreements")
ROLES = ["owner", "partner", "stranger", "therapist", "consented_therapist", "anonymous"]
LOGIN = "login"  # a redirect to the login page


def is_ours_with_parameters(pattern) -> bool:
    return (
        isinstance(pattern, URLPattern)
        and bool(pattern.pattern.converters)
        and bool(pattern.name)
        and pattern.callback.__module__.split(".")[0] in OUR_APPS
    )


def our_parametrised_routes() -> set[str]:
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif is_ours_with_parameters(pattern):
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


@dataclass
class World:
    owner: object
    partner: object
    stranger: object
    therapist: object
    consented_therapist: object
    care: Care
    agreement: Agreement
    entry: Checkpoint
    signal: Signal
    pause: Pause


@pytest.fixture
def world(db):
    owner, partner, stranger = make_person("alex"), make_person("sam"), make_person("casey")
    couple = make_couple(owner, partner)
    therapist, consented = make_person("uma"), make_person("theo")
    for person in (therapist, consented):
        TherapistProfile.objects.create(
            person=person,
            professional_name=person.name,
            credentials="-",
            verified_at=timezone.now(),
        )
    Care.objects.create(therapist=therapist, email=owner.email).accept(owner, set())
    care = Care.objects.create(therapist=consented, email=owner.email)
    care.accept(owner, {"agreement", "practice_log"})
    agreement = Agreement.for_couple(couple)
    propose_version(agreement=agreement, author=owner, base_number=0, clauses=[SIGNAL])
    accept_version(agreement=agreement, person=partner, number=1)
    agreement.refresh_from_db()
    signal = send_signal(agreement=agreement, sender=owner)
    pause = start_pause(agreement=agreement, person=owner, minutes=20)
    load_program()
    entry = write_checkpoints(owner, enrol(owner, day=3, together=True), 1)[0]
    return World(
        owner, partner, stranger, therapist, consented, care, agreement, entry, signal, pause
    )


@dataclass(frozen=True)
class Row:
    kwargs: Callable[[World], dict]
    get: dict[str, object]
    post: dict[str, object]


def everyone(code, **exceptions):
    return {role: exceptions.get(role, code) for role in ROLES}


def pending_invitation(world):
    invitation = Invitation.objects.create(inviter=world.stranger)
    return {"token": invitation.token}


def pending_care(world):
    care = Care.objects.create(therapist=world.consented_therapist, email="new@example.com")
    return {"token": care.token}


def calendar_link(world):
    plan, _ = CheckpointPlan.objects.get_or_create(person=world.owner)
    return {"token": plan.calendar_token}


PARTIES_ONLY = everyone(404, owner=200, partner=200, anonymous=LOGIN)

ROWS: dict[str, Row] = {
    # Public reading: the same for everyone.
    "guide": Row(
        lambda w: {"slug": "security-and-sexuality"}, get=everyone(200), post=everyone(405)
    ),
    # An invitation token is a capability: whoever holds the link may read it.
    "invitation": Row(
        pending_invitation,
        get=everyone(200, owner=409, partner=409, stranger=409),
        post=everyone(302, owner=409, partner=409, stranger=409, anonymous=200),
    ),
    "withdraw_invitation": Row(
        pending_invitation,
        get=everyone(405, anonymous=LOGIN),
        post=everyone(404, stranger=302, anonymous=LOGIN),
    ),
    "care_invitation": Row(
        pending_care,
        get=everyone(200, anonymous=LOGIN),
        post=everyone(302, owner=409, consented_therapist=409, anonymous=LOGIN),
    ),
    "therapist_client": Row(
        lambda w: {"care_id": w.care.pk},
        get=everyone(404, consented_therapist=200, anonymous=LOGIN),
        post=everyone(404, consented_therapist=200, anonymous=LOGIN),
    ),
    "change_sharing": Row(
        lambda w: {"care_id": w.care.pk},
        get=everyone(405, anonymous=LOGIN),
        post=everyone(404, owner=302, anonymous=LOGIN),
    ),
    "end_care": Row(
        lambda w: {"care_id": w.care.pk},
        get=everyone(405, anonymous=LOGIN),
        post=everyone(404, owner=302, anonymous=LOGIN),
    ),
    "agreements:detail": Row(
        lambda w: {"pk": w.agreement.pk},
        get=PARTIES_ONLY,
        post=PARTIES_ONLY,
    ),
    "agreements:edit": Row(
        lambda w: {"pk": w.agreement.pk},
        get=PARTIES_ONLY,
        post=everyone(404, owner=400, partner=400, anonymous=LOGIN),
    ),
    "agreements:version": Row(
        lambda w: {"pk": w.agreement.pk, "number": 1},
        get=PARTIES_ONLY,
        post=PARTIES_ONLY,
    ),
    "agreements:accept": Row(
        lambda w: {"pk": w.agreement.pk, "number": 1},
        get=everyone(405, anonymous=LOGIN),
        post=everyone(404, owner=302, partner=302, anonymous=LOGIN),
    ),
    # A check-in that its author (the owner) has not shared.
    "programs:entry": Row(
        lambda w: {"pk": w.entry.pk},
        get=everyone(404, owner=200, anonymous=LOGIN),
        post=everyone(405, anonymous=LOGIN),
    ),
    "programs:share": Row(
        lambda w: {"pk": w.entry.pk},
        get=everyone(405, anonymous=LOGIN),
        post=everyone(404, owner=302, anonymous=LOGIN),
    ),
    # Capability links: a calendar app or a mail client follows them without a session.
    "programs:calendar": Row(calendar_link, get=everyone(200), post=everyone(405)),
    "unsubscribe": Row(
        lambda w: {"token": unsubscribe_token(w.owner, "checkpoint")},
        get=everyone(200),
        post=everyone(200),
    ),
    "agreements:signal": Row(
        lambda w: {"pk": w.agreement.pk},
        get=everyone(405, anonymous=LOGIN),
        post=everyone(404, owner=302, partner=302, anonymous=LOGIN),
    ),
    "agreements:answer": Row(
        lambda w: {"pk": w.agreement.pk, "signal_id": w.signal.pk},
        get=everyone(405, anonymous=LOGIN),
        post=everyone(404, owner=302, partner=302, anonymous=LOGIN),
    ),
    "agreements:pause": Row(
        lambda w: {"pk": w.agreement.pk},
        get=everyone(405, anonymous=LOGIN),
        post=everyone(404, owner=400, partner=400, anonymous=LOGIN),
    ),
    "agreements:back": Row(
        lambda w: {"pk": w.agreement.pk, "pause_id": w.pause.pk},
        get=everyone(405, anonymous=LOGIN),
        post=everyone(404, owner=302, partner=302, anonymous=LOGIN),
    ),
    # Read-only: only the therapist the owner shares the practice log with.
    "programs:practice_for_therapist": Row(
        lambda w: {"care_id": w.care.pk},
        get=everyone(404, consented_therapist=200, anonymous=LOGIN),
        post=everyone(405, anonymous=LOGIN),
    ),
    "agreements:for_therapist": Row(
        lambda w: {"care_id": w.care.pk},
        get=everyone(404, consented_therapist=200, anonymous=LOGIN),
        post=everyone(404, consented_therapist=200, anonymous=LOGIN),
    ),
}


def test_every_route_that_names_an_object_has_a_row():
    assert our_parametrised_routes() == set(ROWS)


CASES = [
    (name, role, method) for name in sorted(ROWS) for role in ROLES for method in ("get", "post")
]


@pytest.mark.parametrize("name, role, method", CASES)
def test_who_gets_what(client, world, name, role, method):
    row = ROWS[name]
    url = reverse(name, kwargs=row.kwargs(world))
    if role != "anonymous":
        client.force_login(getattr(world, role))

    response = getattr(client, method)(url)

    expected = getattr(row, method)[role]
    if expected == LOGIN:
        assert response.status_code == 302 and "/account/login/" in response.url, response
    else:
        assert response.status_code == expected

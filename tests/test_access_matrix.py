"""Who may reach what: every route that names an object or a token, for every kind of person.

The routes come from the URL resolver, so a new route without a row here fails the first test.
Each row builds the object from the owner's side and says what each person gets, for GET and
for POST. 404 means "you may not even know this exists".
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from agreements.dialogue import prepare, start_again, start_dialogue
from agreements.models import Agreement, Commitment, Dialogue, Pause, Signal
from agreements.signals_and_pauses import send_signal, start_pause
from agreements.versions import accept_version, propose_version
from assessments.models import ShareLink
from couplespace.models import (
    Assignment,
    Care,
    Invitation,
    PushSubscription,
    TherapistProfile,
    UnsubscribeLink,
)
from couplespace.privacy import share_key, shareable_models
from couplespace.therapy import guide_key
from programs.models import Checkpoint, CheckpointPlan, Debrief, LogEntry, PracticeEntry
from tests.agreements.conftest import SIGNAL
from tests.assessments.conftest import make_result
from tests.conftest import make_couple, make_person
from tests.programs_helpers import (
    SECOND,
    enrol,
    load_program,
    load_second_program,
    write_checkpoints,
)

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
    assignment: Assignment
    dialogue: Dialogue
    log_line: LogEntry


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
    care.accept(
        owner,
        {"agreement", "checkpoint_summaries", "checkpoint_entries", "practice_log", "dialogue"},
    )
    assignment = Assignment.objects.create(
        care=care, step=guide_key("self-and-connection", "two-needs"), due_date=date(2030, 1, 1)
    )
    agreement = Agreement.for_couple(couple)
    propose_version(agreement=agreement, author=owner, base_number=0, clauses=[SIGNAL])
    accept_version(agreement=agreement, person=partner, number=1)
    agreement.refresh_from_db()
    signal = send_signal(agreement=agreement, sender=owner)
    pause = start_pause(agreement=agreement, person=owner, minutes=20)
    load_program()
    entry = write_checkpoints(owner, enrol(owner, day=3, together=True), 1)[0]
    dialogue = start_dialogue(owner)
    prepare(dialogue=dialogue, person=owner, pairs=[("being left", "a word before you go")])
    prepare(dialogue=dialogue, person=partner, pairs=[("being blamed", "time to answer")])
    start_again(owner, instead_of=dialogue)  # the rows ask for the past one, still readable
    load_second_program()
    second = enrol(owner, day=4, slug=SECOND)  # alone: the partner does not follow it
    log_line = LogEntry.objects.create(
        author=owner,
        enrollment=second,
        step="touch-log",
        local_date=date(2030, 1, 4),
        day=4,
        text="a long hug",
    )
    return World(
        owner,
        partner,
        stranger,
        therapist,
        consented,
        care,
        agreement,
        entry,
        signal,
        pause,
        assignment,
        dialogue,
        log_line,
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


def owners_result(world):
    return {"result_id": make_result(world.owner).pk}


def shared_result(world):
    return {"token": ShareLink.objects.create(result=make_result(world.owner)).token}


def sharing_test_results(world):
    world.care.share(world.care.shared_kinds() | {"test_results"})
    return {"care_id": world.care.pk}


def owners_commitment(world):
    return {"pk": Commitment.objects.create(person=world.owner, text="I breathe first.").pk}


def owners_device(world):
    device = PushSubscription.objects.create(
        person=world.owner,
        endpoint="https://fcm.googleapis.com/fcm/send/owner",
        p256dh="key",
        auth="secret",
        label="Chrome on Android",
    )
    return {"pk": device.pk}


def calendar_link(world):
    plan, _ = CheckpointPlan.objects.get_or_create(person=world.owner)
    return {"token": plan.calendar_token}


PARTIES_ONLY = everyone(404, owner=200, partner=200, anonymous=LOGIN)

ROWS: dict[str, Row] = {
    # Public reading: the same for everyone.
    "guide": Row(
        lambda w: {"slug": "security-and-sexuality"}, get=everyone(200), post=everyone(405)
    ),
    # Only someone in a couple sends a section, and only to their partner.
    "send_guide_section": Row(
        lambda w: {"slug": "talking-about-sex", "anchor": "four-levels"},
        get=everyone(405, anonymous=LOGIN),
        post=everyone(404, owner=302, partner=302, anonymous=LOGIN),
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
        # sent to new@example.com, an address none of them verified
        post=everyone(409, anonymous=LOGIN),
    ),
    "therapist_client": Row(
        lambda w: {"care_id": w.care.pk},
        get=everyone(404, consented_therapist=200, anonymous=LOGIN),
        post=everyone(404, consented_therapist=400, anonymous=LOGIN),
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
    # The share switch of every kind (see test_every_kinds_share_switch_is_its_writers_only).
    "share_entry": Row(
        lambda w: {"kind": "programs-checkpoint", "pk": w.entry.pk},
        get=everyone(405, anonymous=LOGIN),
        post=everyone(404, owner=302, anonymous=LOGIN),
    ),
    # The second program, which the owner follows alone. Its path and steps name a program, not
    # anyone's entries: each person gets their own, and one who does not follow it is sent to
    # the offer to start it (the owner's empty log line answers 400).
    "programs:path_of": Row(
        lambda w: {"slug": SECOND},
        get=everyone(302, owner=200, anonymous=LOGIN),
        post=everyone(405, anonymous=LOGIN),
    ),
    "programs:step": Row(
        lambda w: {"slug": SECOND, "key": "touch-log"},
        get=everyone(302, owner=200, anonymous=LOGIN),
        post=everyone(302, owner=400, anonymous=LOGIN),
    ),
    # A device that shows the owner's reminders: only they may remove it.
    "remove_push_device": Row(
        owners_device,
        get=everyone(405, anonymous=LOGIN),
        post=everyone(404, owner=302, anonymous=LOGIN),
    ),
    # Capability links: a calendar app or a mail client follows them without a session.
    "programs:calendar": Row(calendar_link, get=everyone(200), post=everyone(405)),
    "unsubscribe": Row(
        lambda w: {"token": UnsubscribeLink.issue(w.owner, "checkpoint")},
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
    # The needs dialogue (a past one: the couple has started another since): its page only
    # reads; each form answers 400 to an empty post.
    "agreements:dialogue": Row(
        lambda w: {"pk": w.dialogue.pk},
        get=PARTIES_ONLY,
        post=everyone(405, anonymous=LOGIN),
    ),
    "agreements:dialogue_again": Row(
        lambda w: {"pk": w.dialogue.pk},
        get=everyone(405, anonymous=LOGIN),
        post=everyone(404, owner=302, partner=302, anonymous=LOGIN),
    ),
    "agreements:dialogue_prepare": Row(
        lambda w: {"pk": w.dialogue.pk},
        get=everyone(405, anonymous=LOGIN),
        post=everyone(404, owner=400, partner=400, anonymous=LOGIN),
    ),
    "agreements:dialogue_reply": Row(
        lambda w: {"pk": w.dialogue.pk},
        get=everyone(405, anonymous=LOGIN),
        post=everyone(404, owner=400, partner=400, anonymous=LOGIN),
    ),
    "agreements:dialogue_phrasing": Row(
        lambda w: {"pk": w.dialogue.pk},
        get=everyone(405, anonymous=LOGIN),
        post=everyone(404, owner=302, partner=302, anonymous=LOGIN),
    ),
    "agreements:dialogue_for_therapist": Row(
        lambda w: {"care_id": w.care.pk},
        get=everyone(404, consented_therapist=200, anonymous=LOGIN),
        post=everyone(405, anonymous=LOGIN),
    ),
    # Commitments to oneself: only their writer; an empty change answers 400.
    "agreements:edit_commitment": Row(
        owners_commitment,
        get=everyone(404, owner=200, anonymous=LOGIN),
        post=everyone(404, owner=400, anonymous=LOGIN),
    ),
    "agreements:delete_commitment": Row(
        owners_commitment,
        get=everyone(405, anonymous=LOGIN),
        post=everyone(404, owner=302, anonymous=LOGIN),
    ),
    # Read-only: only the therapist the owner shares the practice log with.
    "programs:practice_for_therapist": Row(
        lambda w: {"care_id": w.care.pk},
        get=everyone(404, consented_therapist=200, anonymous=LOGIN),
        post=everyone(405, anonymous=LOGIN),
    ),
    "programs:summaries_for_therapist": Row(
        lambda w: {"care_id": w.care.pk},
        get=everyone(404, consented_therapist=200, anonymous=LOGIN),
        post=everyone(405, anonymous=LOGIN),
    ),
    "programs:entries_for_therapist": Row(
        lambda w: {"care_id": w.care.pk},
        get=everyone(404, consented_therapist=200, anonymous=LOGIN),
        post=everyone(405, anonymous=LOGIN),
    ),
    "assignment_done": Row(
        lambda w: {"assignment_id": w.assignment.pk},
        get=everyone(405, anonymous=LOGIN),
        post=everyone(404, owner=302, anonymous=LOGIN),
    ),
    # Opening the guide section a therapist assigned: only the client it was asked of.
    "assignment_read": Row(
        lambda w: {"assignment_id": w.assignment.pk},
        get=everyone(405, anonymous=LOGIN),
        post=everyone(404, owner=302, anonymous=LOGIN),
    ),
    "agreements:for_therapist": Row(
        lambda w: {"care_id": w.care.pk},
        get=everyone(404, consented_therapist=200, anonymous=LOGIN),
        post=everyone(404, consented_therapist=200, anonymous=LOGIN),
    ),
    # Test results: only their owner (a visitor's belong to their session), never the partner.
    "assessments:result": Row(owners_result, get=everyone(404, owner=200), post=everyone(405)),
    "assessments:report": Row(owners_result, get=everyone(404, owner=200), post=everyone(405)),
    "assessments:share": Row(owners_result, get=everyone(405), post=everyone(404, owner=302)),
    "assessments:revoke": Row(owners_result, get=everyone(405), post=everyone(404, owner=302)),
    # A share token is a capability, like an invitation link.
    "assessments:shared": Row(shared_result, get=everyone(200), post=everyone(405)),
    # Without a test under way in this session, every screen leads back to the start.
    "assessments:step": Row(lambda w: {"number": 1}, get=everyone(302), post=everyone(302)),
    "assessments:for_therapist": Row(
        sharing_test_results,
        get=everyone(404, consented_therapist=200, anonymous=LOGIN),
        post=everyone(405, anonymous=LOGIN),
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

    assert_answers(response, getattr(row, method)[role])


def assert_answers(response, expected) -> None:
    if expected == LOGIN:
        assert response.status_code == 302 and "/account/login/" in response.url, response
    else:
        assert response.status_code == expected


def owners_entries(world) -> dict:
    """One entry of every kind its writer may share, by the owner, private."""
    enrollment = world.entry.enrollment
    today = world.owner.local_today()
    return {
        Checkpoint: world.entry,
        PracticeEntry: PracticeEntry.objects.create(
            author=world.owner, enrollment=enrollment, local_date=today, day=3, text="a hug"
        ),
        Debrief: Debrief.objects.create(author=world.owner, local_date=today, high="a walk"),
        Commitment: Commitment.objects.create(person=world.owner, text="I breathe first."),
        LogEntry: world.log_line,
    }


SHARE_SWITCH = ROWS["share_entry"]


@pytest.mark.parametrize("shared", [False, True], ids=["private", "shared"])
@pytest.mark.parametrize("role", ROLES)
def test_every_kinds_share_switch_is_its_writers_only(client, world, role, shared):
    """The row of `share_entry`, for an entry of every kind: only its writer may share it or
    stop sharing it; the partner gets 404 whether or not it is shared with them."""
    entries = owners_entries(world)
    assert set(entries) == set(shareable_models())
    if role != "anonymous":
        client.force_login(getattr(world, role))
    for model, entry in entries.items():
        entry.share_with_partner(shared)
        url = reverse("share_entry", args=[share_key(model), entry.pk])

        assert_answers(client.get(url), SHARE_SWITCH.get[role])
        assert_answers(
            client.post(url, {"shared": "0" if shared else "1"}), SHARE_SWITCH.post[role]
        )
        entry.refresh_from_db()
        assert entry.shared_with_partner == (shared if role != "owner" else not shared)


def test_an_unknown_kind_is_not_found(client, world):
    client.force_login(world.owner)

    response = client.post(reverse("share_entry", args=["programs-program", 1]), {"shared": "1"})

    assert response.status_code == 404

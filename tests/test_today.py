"""Today, the home page: what matters now, in order, and what to begin with when nothing is."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from agreements.dialogue import current_dialogue, prepare, stage, start_dialogue
from agreements.models import Agreement, Pause, Signal
from agreements.signals_and_pauses import answer_signal, come_back, send_signal, start_pause
from agreements.versions import accept_version, propose_version
from couplespace.models import Assignment, Care, Notification, SafetyAnswer
from programs.models import Checkpoint, CheckpointPlan
from tests.agreements.conftest import PAUSE, RESPONSE, SIGNAL
from tests.assessments.conftest import make_result
from tests.programs_helpers import enrol, load_program, write_checkpoints

DIALOGUE_TURN = "It’s your turn in the needs dialogue"
NOW = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)  # a Monday, 10:00 in UTC: the morning check-in


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def active(couple, alex, sam):
    load_program()
    agreement = Agreement.for_couple(couple)
    propose_version(agreement=agreement, author=alex, base_number=0, clauses=[SIGNAL, PAUSE])
    accept_version(agreement=agreement, person=sam, number=1)
    agreement.refresh_from_db()
    for person in (alex, sam):  # the private question is asked first, before anything else
        SafetyAnswer.objects.create(person=person, couple=couple, feels_afraid=False)
    return agreement


def headings(page: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", page)]


def today(client) -> str:
    response = client.get(reverse("workspace"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_partners_signal_comes_first_then_the_check_in_then_todays_step(
    client_for, active, alex, sam
):
    enrol(sam, day=3, together=True)
    send_signal(agreement=active, sender=alex)

    shown = headings(today(client_for(sam)))

    assert shown[:3] == [
        "Alex sent your signal at 10 a.m.",
        "Morning check-in",
        "Day 3 · Phase 1: Noticing",
    ]


def test_im_here_on_today_answers_the_signal_and_comes_back_to_today(client_for, active, alex, sam):
    signal = send_signal(agreement=active, sender=alex)
    client = client_for(sam)

    response = client.post(
        reverse("agreements:answer", args=[active.pk, signal.pk]), {"from": "today"}, follow=True
    )

    assert response.redirect_chain == [("/space/", 302)]
    signal.refresh_from_db()
    assert signal.answered_at == NOW
    assert "Your partner can see that you are here." in response.content.decode()
    assert "sent your signal" not in response.content.decode()


def test_the_partner_sees_until_when_and_the_one_who_paused_is_asked_back(
    client_for, active, alex, sam, frozen
):
    pause = start_pause(agreement=active, person=alex, minutes=20)

    sams = today(client_for(sam))
    assert "Alex asked for a pause until 10:20 a.m." in sams
    assert "I’m back" not in sams
    alexs = today(client_for(alex))
    assert "Your pause runs until 10:20 a.m." in alexs

    frozen.shift(timedelta(minutes=25))
    assert "Alex asked for a pause" not in today(client_for(sam))
    client = client_for(alex)
    assert "Your pause is over: time to come back" in today(client)
    client.post(
        reverse("agreements:back", args=[active.pk, pause.pk]),
        {"note": "We talked it through.", "from": "today"},
    )
    pause.refresh_from_db()
    assert (pause.returned_at, pause.return_note) == (
        NOW + timedelta(minutes=25),
        "We talked it through.",
    )
    assert "Your pause is over" not in today(client)


def test_a_check_in_from_today_saves_the_number_and_keeps_the_words_already_written(
    client_for, alex
):
    load_program()
    enrol(alex, day=2)
    client = client_for(alex)
    assert "Morning check-in" in today(client)

    response = client.post(
        reverse("programs:checkpoint"),
        {"from": "today", "moment": "0", "temperature": "7", "behaviour": "approach"},
        follow=True,
    )

    assert response.redirect_chain == [("/space/", 302)]
    page = response.content.decode()
    assert "Saved. Thank you for checking in." in page
    assert "Morning check-in: saved" in page
    assert "Next: Midday, at 1 p.m." in page
    saved = Checkpoint.objects.get(author=alex)
    assert (saved.temperature, saved.behaviour, saved.day) == (7, "approach", 2)


def test_a_check_in_kept_on_today_and_sent_later_is_saved_once_and_its_card_comes_back(
    client_for, alex
):
    load_program()
    enrol(alex, day=2)
    client = client_for(alex)
    assert 'name="client_key"' in today(client)
    kept = {
        "from": "today",
        "moment": "0",
        "temperature": "7",
        "behaviour": "approach",
        "client_key": "5d0c8f7e-2a4b-4c1d-9e3f-6a7b8c9d0e1f",
    }

    answers = [
        client.post(reverse("programs:checkpoint"), kept, headers={"HX-Request": "true"})
        for _ in range(2)  # the first answer was lost on the way: sent again
    ]

    assert [answer.status_code for answer in answers] == [200, 200]
    assert 'id="today-check-in"' in answers[1].text
    assert "Morning check-in: saved" in answers[1].text
    assert "Saved. Thank you for checking in." in answers[1].text
    assert Checkpoint.objects.get(author=alex).temperature == 7


def test_a_check_in_from_today_changes_only_the_number_and_behaviour(client_for, alex):
    load_program()
    enrollment = enrol(alex, day=2)
    entry = Checkpoint.objects.create(
        author=alex,
        enrollment=enrollment,
        local_date=date(2026, 5, 4),
        day=2,
        moment=0,
        temperature=3,
        affected="A hard phone call.",
        body_responses=["tense"],
        behaviour="withdraw",
    )

    client_for(alex).post(
        reverse("programs:checkpoint"),
        {"from": "today", "moment": "0", "temperature": "6", "behaviour": "approach"},
    )

    entry.refresh_from_db()
    assert (entry.temperature, entry.behaviour) == (6, "approach")
    assert (entry.affected, entry.body_responses) == ("A hard phone call.", ["tense"])


def test_a_check_in_from_today_without_the_behaviour_is_explained_and_keeps_the_number(
    client_for, alex
):
    load_program()
    enrol(alex, day=2)

    response = client_for(alex).post(
        reverse("programs:checkpoint"), {"from": "today", "moment": "0", "temperature": "7"}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose what you feel like doing toward your partner." in page
    assert re.search(r'value="7"[^>]*checked', page)
    assert not Checkpoint.objects.exists()


def test_a_turn_in_the_dialogue_and_a_version_to_accept_are_live(client_for, active, alex, sam):
    dialogue = start_dialogue(alex)
    prepare(dialogue=dialogue, person=alex, pairs=[("being left", "a call")])
    prepare(dialogue=dialogue, person=sam, pairs=[("being pushed", "some time")])
    propose_version(agreement=active, author=alex, base_number=1, clauses=[SIGNAL, RESPONSE, PAUSE])
    turn = stage(current_dialogue(alex)).waiting_for
    assert len(turn) == 1

    shown = {person.name: headings(today(client_for(person))) for person in (alex, sam)}

    assert "Alex proposed version 2 of your agreement" in shown["Sam"]
    assert "Alex proposed version 2 of your agreement" not in shown["Alex"]
    assert [name for name, seen in shown.items() if DIALOGUE_TURN in seen] == [
        alex.name if alex.pk in turn else sam.name
    ]


def test_a_newcomer_sees_the_test_the_program_and_the_guide(client_for, casey):
    load_program()
    page = today(client_for(casey))

    assert headings(page)[:3] == [
        "Read the guide",
        "Start with the relationship test",
        "The 28-day program",
    ]
    result = make_result(casey, anxiety=6, avoidance=6)
    page = today(client_for(casey))
    assert "Your test result" in headings(page)
    assert f"Closest style: <strong>{result.get_style_display()}</strong>" in page
    assert result.get_style_display() == "Fearful-avoidant"


def test_someone_on_their_own_sees_their_path(client_for, casey):
    load_program()
    enrol(casey, day=12)

    page = today(client_for(casey))

    assert "Day 12 · Phase 2: Saying what you need" in headings(page)
    assert 'href="/program/#day-12"' in page
    assert "Read the guide" not in headings(page)


def test_a_therapists_step_shows_after_the_program(client_for, alex, theo):
    load_program()
    enrol(alex, day=3)
    care = Care.objects.create(therapist=theo, client=alex, email=alex.email, accepted_at=NOW)
    Assignment.objects.create(care=care, step="test", due_date=date(2026, 5, 6))

    shown = headings(today(client_for(alex)))

    assert shown.index("From your therapist") > shown.index("Day 3 · Phase 1: Noticing")


def test_a_therapist_sees_what_is_overdue_and_due_this_week(client_for, alex, sam, theo):
    for client, due in ((alex, date(2026, 5, 1)), (sam, date(2026, 5, 9))):
        care = Care.objects.create(
            therapist=theo, client=client, email=client.email, accepted_at=NOW
        )
        Assignment.objects.create(care=care, step="test", due_date=due)
    later = Care.objects.get(client=sam)
    Assignment.objects.create(
        care=later, step="program:security-and-sexuality", due_date=date(2026, 5, 20)
    )

    page = client_for(theo).get(reverse("therapist_home")).content.decode()

    overdue = page[page.index("<h3>Overdue</h3>") : page.index("<h3>Due this week</h3>")]
    this_week = page[page.index("<h3>Due this week</h3>") : page.index("</section>")]
    assert "Alex" in overdue and "Sam" not in overdue
    assert "Sam" in this_week and "Start the program" not in this_week


# Today's queries do not grow with history

# The session, the person, their membership with the partner, the therapists' steps; the latest
# test result (without its sealed scores), the consents, whether the partner has a result; the
# program (enrolment, times, this moment's check-in, the outcome checks); the safety answer and
# its writer's keys (it is encrypted), the agreement (it, open signals, the open pause, the
# dialogue, the latest version and its acceptances). Each feature is asked once and reads each
# of these once, for its cards and its next steps.
TODAY_QUERIES = 19


def pile_up(agreement, alex, sam, enrollment, frozen, days: int):
    for _ in range(days):
        frozen.shift(timedelta(hours=-1))
        answer_signal(signal=send_signal(agreement=agreement, sender=alex), person=sam)
        come_back(pause=start_pause(agreement=agreement, person=alex, minutes=5), person=alex)
        Notification.objects.create(person=sam, kind="signal", title="A signal")


def test_todays_queries_do_not_grow_with_history(
    client_for, active, alex, sam, frozen, django_assert_num_queries
):
    enrollment = enrol(sam, day=9, together=True)
    CheckpointPlan.objects.update_or_create(person=sam, defaults={"keep_after_phase_one": True})
    write_checkpoints(sam, enrollment, 3)
    make_result(sam)
    send_signal(agreement=active, sender=alex)
    client = client_for(sam)
    with django_assert_num_queries(TODAY_QUERIES):
        today(client)

    with time_machine.travel(NOW - timedelta(days=1), tick=False) as earlier:
        pile_up(active, alex, sam, enrollment, earlier, 60)
    Checkpoint.objects.filter(author=sam).delete()
    write_checkpoints(sam, enrollment, 300)
    for days_ago in range(1, 30):
        make_result(sam, days_ago=days_ago)

    with django_assert_num_queries(TODAY_QUERIES):
        page = today(client)
    assert "Alex sent your signal at 10 a.m." in page
    assert Signal.objects.count() == 61 and Pause.objects.count() == 60


def test_after_a_private_yes_today_presses_no_couple_exercise(client_for, active, alex, sam):
    send_signal(agreement=active, sender=alex)
    propose_version(agreement=active, author=alex, base_number=1, clauses=[SIGNAL, RESPONSE])
    answer = SafetyAnswer.objects.get(person=sam)
    answer.feels_afraid = True
    answer.save()  # encrypted: update() cannot write it

    shown = headings(today(client_for(sam)))

    assert "Alex sent your signal at 10 a.m." not in shown
    assert "Alex proposed version 2 of your agreement" not in shown
    assert "Just for you" in shown

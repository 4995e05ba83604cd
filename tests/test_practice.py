"""Phases 4 and 5: the practice log, the weekly check-in revealed together, the outcome check,
the daily rituals and the solo track. Private by default; 404 or nothing for everyone else."""

from datetime import UTC, datetime, timedelta
from importlib import import_module
from io import StringIO

import pytest
import time_machine
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement, Signal
from agreements.versions import accept_version, propose_version
from couplespace.models import (
    AccessRecord,
    Care,
    Notification,
    Reminder,
    SafetyAnswer,
    TherapistProfile,
    User,
)
from programs.feature import ProgramsFeature
from programs.maintenance import OUTCOME_ITEMS
from programs.models import (
    Checkpoint,
    Debrief,
    OutcomeCheck,
    PracticeEntry,
    RitualPlan,
    WeeklyCheckIn,
)
from tests.agreements.conftest import SIGNAL
from tests.conftest import make_couple, make_person
from tests.programs_helpers import enrol, load_program
from tests.reminders import dispatch, emails_of

# Monday 2 March 2026, 10:00 in London (GMT).
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)

MOMENT = {
    "kind": "moment",
    "text": "Sam was late and quiet; I felt the old knot and said our word.",
    "signal_sent": "yes",
    "partner_responded": "yes",
    "went": "better",
}
FIVE_FOURS = {key: "4" for key in ("safe_to_ask", "find_way_back", "close", "reach_out")}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def program(db):
    return load_program()


@pytest.fixture
def alex(db):
    return make_person("alex", timezone="Europe/London")


@pytest.fixture
def sam(db):
    return make_person("sam", timezone="Europe/London")


@pytest.fixture
def together(alex, sam, couple):
    """alex and sam follow the program together and are on day 23, in the practice phase."""
    return enrol(alex, day=23, together=True)


def deposit(person, enrollment, text="A hug at the door."):
    return PracticeEntry.objects.create(
        author=person,
        enrollment=enrollment,
        kind="deposit",
        local_date=person.local_today(),
        day=enrollment.day_number(person.local_today()),
        text=text,
    )


# The practice log


def test_it_logs_a_moment_insecurity_came_up(client_for, alex, together):
    response = client_for(alex).post(reverse("programs:practice"), MOMENT)

    assert response.status_code == 302
    entry = PracticeEntry.objects.get()
    assert (entry.author, entry.day, entry.kind, entry.signal_sent, entry.went) == (
        alex,
        23,
        "moment",
        "yes",
        "better",
    )


def test_a_moment_asks_how_it_went_and_keeps_what_was_typed(client_for, alex, together):
    response = client_for(alex).post(reverse("programs:practice"), {**MOMENT, "went": ""})

    assert response.status_code == 400
    assert "Say how it went, even if it was hard." in response.text
    assert "I felt the old knot and said our word." in response.text
    assert PracticeEntry.objects.count() == 0


def test_htmx_gets_the_marked_answers_with_a_422_which_it_is_told_to_show(
    client_for, alex, together
):
    response = client_for(alex).post(
        reverse("programs:practice"), {**MOMENT, "went": ""}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 422
    assert response.text.lstrip().startswith('<div id="practice-area">')
    assert "Say how it went, even if it was hard." in response.text
    assert PracticeEntry.objects.count() == 0


def test_good_moments_have_a_running_count(client_for, alex, together):
    client = client_for(alex)
    for text in ("Breakfast together.", "A thank-you note.", "We laughed at the rain."):
        client.post(reverse("programs:practice"), {"kind": "deposit", "text": text})

    page = client.get(reverse("programs:practice")).text

    assert "3 good moments so far" in page
    assert "We laughed at the rain." in page


def test_htmx_gets_the_practice_area_back_with_the_new_count(client_for, alex, together):
    response = client_for(alex).post(
        reverse("programs:practice"),
        {"kind": "deposit", "text": "Tea on the balcony."},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="practice-area">')
    assert "1 good moment so far" in response.text


def test_the_log_is_private_to_its_author(client_for, alex, sam, together):
    deposit(alex, together, "Only mine to read.")

    page = client_for(sam).get(reverse("programs:practice")).text

    assert "Only mine to read." not in page
    assert "0 good moments so far" in page


def test_the_log_shows_the_agreements_signals_with_the_time_each_answer_took(
    client_for, alex, sam, couple, together
):
    agreement = Agreement.for_couple(couple)
    propose_version(agreement=agreement, author=alex, base_number=0, clauses=[SIGNAL])
    accept_version(agreement=agreement, person=sam, number=1)
    sent = timezone.now() - timedelta(hours=1)
    Signal.objects.create(
        agreement=agreement, sender=alex, sent_at=sent, answered_at=sent + timedelta(minutes=3)
    )
    Signal.objects.create(agreement=agreement, sender=sam, sent_at=sent + timedelta(minutes=30))

    signals = client_for(alex).get(reverse("programs:practice")).context["signals"]

    assert [(s.sent_by_me, s.response_time) for s in signals] == [
        (False, None),
        (True, timedelta(minutes=3)),
    ]


# The solo track


def test_alone_the_couple_steps_become_reflection_and_say_what_they_can_change(client_for, alex):
    enrol(alex, day=23)

    response = client_for(alex).get(reverse("programs:practice"))

    assert "solo work mostly changes you" in response.text
    assert "signal_sent" not in response.context["form"].fields
    assert response.context["signals"] == []


def test_a_person_who_privately_fears_their_partner_is_steered_to_solo_work(
    client_for, alex, sam, couple, together
):
    SafetyAnswer.objects.create(person=sam, couple=couple, feels_afraid=True)

    for_sam = client_for(sam).get(reverse("programs:practice"))
    for_alex = client_for(alex).get(reverse("programs:practice"))

    assert "Following on your own" in for_sam.text
    assert "signal_sent" not in for_sam.context["form"].fields
    assert "Following on your own" not in for_alex.text
    assert "afraid" not in for_alex.text


# Nothing before day 1


@pytest.mark.parametrize(
    "page, answers, written",
    [
        (
            "programs:checkpoint",
            {"moment": "0", "temperature": "5", "behaviour": "approach"},
            Checkpoint,
        ),
        ("programs:practice", MOMENT, PracticeEntry),
        ("programs:weekly", {"temperature": "7"}, WeeklyCheckIn),
    ],
)
def test_nothing_is_written_before_the_program_starts(client_for, alex, page, answers, written):
    enrol(alex, day=0)
    client = client_for(alex)

    response = client.post(reverse(page), answers)

    assert response.status_code == 400
    assert written.objects.count() == 0
    assert "Your program starts on March 3, 2026." in client.get(reverse(page)).text


# The weekly check-in


def weekly_answer(client, temperature, contributed=""):
    return client.post(
        reverse("programs:weekly"), {"temperature": temperature, "contributed": contributed}
    )


def test_the_two_answers_are_revealed_together(client_for, client, alex, sam, together):
    client.force_login(alex)
    weekly_answer(client, "8", "The signal worked on Tuesday.")

    client.force_login(sam)
    before = client.get(reverse("programs:weekly"))
    assert "The signal worked on Tuesday." not in before.text
    assert before.context["this_week"] == (None, None)
    weekly_answer(client, "6", "Tired, but we talked.")
    for_sam = client.get(reverse("programs:weekly"))

    client.force_login(alex)
    for_alex = client.get(reverse("programs:weekly"))

    assert "The signal worked on Tuesday." in for_sam.text
    assert "Tired, but we talked." in for_alex.text
    assert [c.temperature for c in for_alex.context["this_week"]] == [8, 6]


def test_nothing_is_revealed_when_one_privately_fears_the_other(
    client_for, client, alex, sam, couple, together
):
    SafetyAnswer.objects.create(person=sam, couple=couple, feels_afraid=True)
    client.force_login(sam)
    weekly_answer(client, "3", "Scared after Friday.")
    client.force_login(alex)
    weekly_answer(client, "7")

    assert "Scared after Friday." not in client.get(reverse("programs:weekly")).text
    assert list(WeeklyCheckIn.objects.visible_to(alex)) == [WeeklyCheckIn.objects.get(person=alex)]
    assert list(WeeklyCheckIn.objects.visible_to(sam)) == [WeeklyCheckIn.objects.get(person=sam)]


def test_a_week_revealed_before_a_yes_stays_revealed_to_both(client, alex, sam, together):
    client.force_login(alex)
    weekly_answer(client, "8", "The signal worked on Tuesday.")
    client.force_login(sam)
    weekly_answer(client, "6", "Tired, but we talked.")

    SafetyAnswer.objects.create(person=alex, couple=alex.couple, feels_afraid=True)

    assert "The signal worked on Tuesday." in client.get(reverse("programs:weekly")).text
    client.force_login(alex)
    page = client.get(reverse("programs:weekly")).text
    assert "Sam has already seen your answer for this week and would see a change too." in page


def test_what_is_written_while_alone_is_never_revealed(client, alex, sam, couple, together):
    answer = SafetyAnswer.objects.create(person=sam, couple=couple, feels_afraid=True)
    client.force_login(sam)
    weekly_answer(client, "3", "Scared after Friday.")
    answer.feels_afraid = False
    answer.save()
    sam.forget_membership()

    client.force_login(alex)
    weekly_answer(client, "7")

    assert "Scared after Friday." not in client.get(reverse("programs:weekly")).text
    assert [c.person for c in WeeklyCheckIn.objects.visible_to(alex)] == [alex]


def test_an_answer_waiting_when_a_yes_comes_is_not_revealed(client, alex, sam, couple, together):
    client.force_login(alex)
    weekly_answer(client, "8", "Before I answered privately.")
    SafetyAnswer.objects.create(person=alex, couple=couple, feels_afraid=True)

    client.force_login(sam)
    weekly_answer(client, "6")

    page = client.get(reverse("programs:weekly")).text
    assert "Before I answered privately." not in page
    assert "Both answers appear here once you have both answered." in page


def test_a_former_partner_sees_nothing_more(client_for, alex, sam, couple, together):
    for person, temperature in ((alex, 8), (sam, 6)):
        WeeklyCheckIn.objects.create(
            person=person,
            enrollment=together,
            week=4,
            temperature=temperature,
            revealed_at=timezone.now(),
        )

    couple.end()
    sam.forget_membership()

    assert [c.person for c in WeeklyCheckIn.objects.visible_to(sam)] == [sam]


def test_a_bad_answer_is_explained_and_keeps_what_was_typed(client_for, alex, together):
    response = weekly_answer(client_for(alex), "", "A hard week at work.")

    assert response.status_code == 400
    assert "Choose a number from 1 to 10." in response.text
    assert "A hard week at work." in response.text


def test_a_drop_suggests_a_step_to_revisit_as_something_to_learn_from(client_for, frozen, alex):
    enrollment = enrol(alex, day=29)
    WeeklyCheckIn.objects.create(person=alex, enrollment=enrollment, week=4, temperature=8)
    frozen.shift(timedelta(days=7))

    page = weekly_answer(client_for(alex), "5") and client_for(alex).get(reverse("programs:weekly"))

    assert "Your number went down by 3 points since last week." in page.text
    assert "not a sign that it failed" in page.text
    assert "go back to phase 2, “Saying what you need”" in page.text


def test_milestones_are_noticed(client_for, alex, together):
    for number in range(10):
        deposit(alex, together, f"Good moment {number}")

    milestones = dict(client_for(alex).get(reverse("programs:weekly")).context["milestones"])

    assert list(milestones) == ["first_week", "ten_deposits"]


def test_the_monthly_review_has_an_agenda_and_links_the_agreement(client_for, alex, together):
    page = client_for(alex).get(reverse("programs:weekly")).text

    assert "What works" in page and "What to adjust" in page
    assert f'href="{reverse("agreements:index")}"' in page


def test_the_weekly_reminder_starts_on_day_29_and_is_sent_once(alex, sam, together):
    reminder = Reminder.objects.get(person=alex, kind="weekly_check_in")
    assert (reminder.rule, reminder.next_slot) == (
        {"weekday": 6, "time": "19:00", "from": "2026-03-08"},  # day 29 is Sunday 8 March
        "2026-03-08T19:00",
    )

    dispatch(datetime(2026, 3, 8, 19, 0, tzinfo=UTC))
    dispatch(datetime(2026, 3, 8, 19, 1, tzinfo=UTC))

    sent = Notification.objects.filter(kind="weekly_check_in")
    assert sorted((n.person.name, str(n)) for n in sent) == [
        ("Alex", "Time for your weekly check-in"),
        ("Sam", "Time for your weekly check-in"),
    ]
    assert len(emails_of("weekly_check_in")) == 2


def test_someone_following_alone_gets_a_monthly_review_reminder_once_from_day_29(client_for, alex):
    enrol(alex, day=23)
    reminder = Reminder.objects.get(person=alex, kind="monthly_review")
    assert (reminder.rule, reminder.next_slot) == (
        {"day": 8, "time": "19:00", "from": "2026-03-08"},
        "2026-03-08T19:00",
    )

    dispatch(datetime(2026, 3, 8, 19, 0, tzinfo=UTC))
    dispatch(datetime(2026, 3, 8, 19, 1, tzinfo=UTC))

    sent = Notification.objects.filter(kind="monthly_review")
    assert [(n.person.name, str(n)) for n in sent] == [("Alex", "Time for your monthly review")]
    assert Reminder.objects.get(pk=reminder.pk).next_slot == "2026-04-08T19:00"
    page = client_for(alex).get(sent[0].url).text
    assert "Once a month, set aside an hour for yourself with this agenda:" in page


def test_pausing_the_program_stops_the_weekly_reminder(client_for, alex, together):
    client_for(alex).post(reverse("programs:pause"))

    assert Reminder.objects.get(person=alex, kind="weekly_check_in").next_due_at is None
    assert Reminder.objects.get(person=alex, kind="monthly_review").next_due_at is None


# The outcome check


def test_the_outcome_check_at_the_start_and_on_day_28_shows_the_change(client_for, frozen, alex):
    enrol(alex, day=1)
    client = client_for(alex)
    client.post(reverse("programs:outcome"), {**FIVE_FOURS, "content": "3"})
    assert "The second check opens on day 28." in client.get(reverse("programs:outcome")).text

    frozen.shift(timedelta(days=27))
    client = client_for(alex)  # a new session: the first one has expired by now
    client.post(reverse("programs:outcome"), {**FIVE_FOURS, "content": "5", "close": "5"})
    page = client.get(reverse("programs:outcome"))

    assert [c.when for c in OutcomeCheck.objects.order_by("created_at")] == ["start", "end"]
    assert (str(page.context["start_score"]), str(page.context["end_score"])) == ("3.8", "4.4")
    assert "Up by 0.6 on average." in page.text
    assert page.context["form"] is None


def test_every_statement_needs_an_answer_and_what_was_chosen_is_kept(client_for, alex):
    enrol(alex, day=0)

    response = client_for(alex).post(reverse("programs:outcome"), FIVE_FOURS)

    assert response.status_code == 400
    assert "Choose how true this is for you." in response.text
    assert 'value="4" class="segmented" required id="id_close_3" checked' in response.text
    assert OutcomeCheck.objects.count() == 0


def test_a_second_start_check_is_refused(client_for, alex):
    enrol(alex, day=2)
    client = client_for(alex)
    client.post(reverse("programs:outcome"), {**FIVE_FOURS, "content": "3"})

    client.post(reverse("programs:outcome"), {**FIVE_FOURS, "content": "1"})

    assert OutcomeCheck.objects.get().answers["content"] == 3


# Rituals


def test_switching_a_ritual_on_plans_its_own_reminder_and_off_stops_it(client_for, alex):
    enrol(alex, day=30)
    client = client_for(alex)

    client.post(
        reverse("programs:rituals"),
        {"morning_on": "on", "morning_at": "07:10", "evening_at": "21:30"},
    )
    morning = Reminder.objects.get(person=alex, kind="morning_connection")
    assert morning.next_slot == "2026-03-03T07:10"
    assert Reminder.objects.get(person=alex, kind="evening_debrief").next_due_at is None

    client.post(reverse("programs:rituals"), {"morning_at": "07:10", "evening_at": "21:30"})
    assert Reminder.objects.get(person=alex, kind="morning_connection").next_due_at is None


@pytest.mark.parametrize(
    "kind, title, at",
    [
        ("morning_connection", "Good morning: a minute of connection", (3, 7, 30)),
        ("evening_debrief", "Time for your evening debrief", (2, 21, 30)),
    ],
)
def test_each_ritual_reminder_is_sent_once(alex, kind, title, at):
    plan = RitualPlan.for_person(alex)
    plan.morning_on = plan.evening_on = True
    plan.save()
    plan.plan_reminders()
    day, hour, minute = at

    dispatch(datetime(2026, 3, day, hour, minute, tzinfo=UTC))
    dispatch(datetime(2026, 3, day, hour, minute + 1, tzinfo=UTC))

    assert [str(n) for n in Notification.objects.filter(kind=kind)] == [title]
    assert [m.subject for m in mail.outbox] == ["A reminder from CoupleSpace"]


def test_a_debrief_is_noted_once_a_day(client_for, alex):
    enrol(alex, day=30)
    client = client_for(alex)

    client.post(reverse("programs:debrief"), {"high": "A walk.", "low": ""})
    client.post(reverse("programs:debrief"), {"high": "A long walk.", "low": "Rain."})

    assert list(Debrief.objects.values_list("high", "low")) == [("A long walk.", "Rain.")]


def test_a_debrief_without_a_high_is_explained(client_for, alex):
    enrol(alex, day=30)

    response = client_for(alex).post(reverse("programs:debrief"), {"high": "", "low": "Rain."})

    assert response.status_code == 400
    assert "Write one good thing, however small." in response.text
    assert 'value="Rain."' in response.text


# Wiring: next steps, export, therapist


def program_steps(person):
    return ProgramsFeature().today(person).next_steps


def test_next_steps_point_to_the_outcome_check_and_the_log(alex):
    enrollment = enrol(alex, day=23)

    assert [s.url for s in program_steps(alex)] == [
        reverse("programs:path") + "#day-23",  # today's line of the path
        reverse("programs:outcome"),
        reverse("programs:practice"),
    ]
    OutcomeCheck.objects.create(person=alex, enrollment=enrollment, when="start")
    assert reverse("programs:outcome") not in [s.url for s in program_steps(alex)]


def test_after_day_28_the_weekly_check_in_waits_until_answered(alex):
    enrollment = enrol(alex, day=30)
    OutcomeCheck.objects.create(person=alex, enrollment=enrollment, when="end")
    assert [s.url for s in program_steps(alex)][1:] == [reverse("programs:weekly")]

    WeeklyCheckIn.objects.create(person=alex, enrollment=enrollment, week=5, temperature=7)
    assert [s.url for s in program_steps(alex)][1:] == []


def test_the_export_holds_what_the_person_wrote_and_nothing_of_the_partners(alex, sam, together):
    deposit(alex, together, "Mine.")
    deposit(sam, together, "Sam's.")
    WeeklyCheckIn.objects.create(person=sam, enrollment=together, week=4, temperature=6)

    exported = ProgramsFeature().export_data(alex)

    assert [row["text"] for row in exported["practice_log"]] == ["Mine."]
    assert exported["weekly_check_ins"] == []


def test_a_consenting_client_shares_the_practice_log_with_a_therapist_read_only(
    client_for, alex, together
):
    theo = make_person("theo")
    TherapistProfile.objects.create(
        person=theo, professional_name="Theo", credentials="-", verified_at=timezone.now()
    )
    care = Care.objects.create(therapist=theo, email=alex.email)
    care.accept(alex, set())
    deposit(alex, together, "Coffee in bed.")
    url = reverse("programs:practice_for_therapist", args=[care.pk])

    assert client_for(theo).get(url).status_code == 404
    care.share({"practice_log"})
    page = client_for(theo).get(url)

    assert "Coffee in bed." in page.text
    assert "1 good moment noted" in page.text
    assert list(AccessRecord.objects.values_list("kind", flat=True)) == ["practice_log"]


def test_the_therapist_never_reads_a_line_the_partner_shared_with_the_client(
    client_for, alex, sam, together
):
    theo = make_person("theo")
    TherapistProfile.objects.create(
        person=theo, professional_name="Theo", credentials="-", verified_at=timezone.now()
    )
    Care.objects.create(therapist=theo, email=alex.email).accept(alex, {"practice_log"})
    deposit(alex, together, "Coffee in bed.")
    PracticeEntry.objects.filter(pk=deposit(sam, together, "Sam's walk.").pk).update(
        shared_with_partner=True
    )
    care = Care.objects.get(therapist=theo)

    page = client_for(theo).get(reverse("programs:practice_for_therapist", args=[care.pk]))
    own = client_for(alex).get(reverse("programs:practice"))

    assert "Coffee in bed." in page.text and "Sam's walk." not in page.text
    assert "1 good moment noted" in page.text
    assert "Sam's walk." not in own.text  # not mixed into alex's own log either


# Constant queries whatever was written


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def write_a_lot(person, partner, enrollment, number):
    PracticeEntry.objects.bulk_create(
        PracticeEntry(
            author=someone,
            enrollment=enrollment,
            kind=("moment", "success", "deposit")[n % 3],
            local_date=enrollment.start_date,
            day=1 + n % 28,
            text=f"Entry {n}",
            went="mixed",
        )
        for someone in (person, partner)
        for n in range(number)
    )
    WeeklyCheckIn.objects.bulk_create(
        WeeklyCheckIn(
            person=someone,
            enrollment=enrollment,
            week=week,
            temperature=1 + week % 10,
            revealed_at=enrollment.created_at,
        )
        for someone in (person, partner)
        for week in range(1, min(number, 40) + 1)
    )
    Debrief.objects.bulk_create(
        Debrief(author=person, local_date=enrollment.start_date + timedelta(days=n), high="Up")
        for n in range(number)
    )
    OutcomeCheck.objects.create(person=person, enrollment=enrollment, when="start")
    OutcomeCheck.objects.create(person=person, enrollment=enrollment, when="end")


@pytest.mark.parametrize(
    "page", ["programs:practice", "programs:weekly", "programs:outcome", "programs:rituals"]
)
def test_pages_use_the_same_number_of_queries_for_a_little_and_a_lot(client_for, page):
    counts = []
    for name, number in (("few", 3), ("many", 300)):
        person, partner = make_person(name), make_person(f"{name}partner")
        make_couple(person, partner)
        enrollment = enrol(person, day=40, together=True)
        write_a_lot(person, partner, enrollment, number)
        counts.append(count_queries(client_for(person), reverse(page)))

    assert counts[0] == counts[1]


def test_the_path_turns_every_couple_step_into_reflection_for_someone_alone(client_for, alex):
    enrol(alex, day=9)

    page = client_for(alex).get(reverse("programs:path")).text

    assert "Saying what you need: write it as if to your partner" in page
    assert "It cannot make anyone else change" in page


def test_the_demo_gives_alex_and_sam_a_practice_log_a_weekly_check_in_and_a_ritual(db):
    call_command("demo", stdout=StringIO())
    call_command("demo", stdout=StringIO())

    alex = User.objects.get(email="alex@example.com")
    assert PracticeEntry.objects.filter(author=alex, kind="deposit").count() == 2
    assert sorted(WeeklyCheckIn.objects.values_list("person__email", "week")) == [
        ("alex@example.com", 2),
        ("sam@example.com", 2),
    ]
    assert [c.temperature for c in WeeklyCheckIn.objects.visible_to(alex).order_by("person")] == [
        7,
        6,
    ]
    assert RitualPlan.objects.get(person=alex).evening_on
    assert Reminder.objects.get(person=alex, kind="evening_debrief").next_due_at is not None
    # two debriefs: alex shares one with sam and keeps the other private
    shared = Debrief.objects.filter(author=alex).values_list("shared_with_partner", flat=True)
    assert sorted(shared) == [False, True]
    assert OutcomeCheck.objects.filter(when="start").count() == 2


def test_the_practice_pages_speak_simplified_chinese(client_for, db):
    theo = make_person("theo", timezone="Asia/Shanghai", language="zh-hans")
    enrol(theo, day=23)
    client = client_for(theo)

    assert "目前已有 0 个美好时刻" in client.get(reverse("programs:practice")).text
    assert "每月回顾" in client.get(reverse("programs:weekly")).text
    assert "晚间复盘" in client.get(reverse("programs:rituals")).text
    assert "完全符合" in client.get(reverse("programs:outcome")).text


def test_people_who_enrolled_before_the_weekly_check_in_get_its_reminder(alex, sam, together):
    Reminder.objects.filter(kind="weekly_check_in").delete()
    migration = import_module("programs.migrations.0003_plan_weekly_check_ins")

    migration.plan_weekly_check_ins(apps, None)

    planned = Reminder.objects.filter(kind="weekly_check_in").order_by("person__email")
    assert [(r.person, r.next_slot) for r in planned] == [
        (alex, "2026-03-08T19:00"),
        (sam, "2026-03-08T19:00"),
    ]


def test_people_who_enrolled_before_the_monthly_review_get_its_reminder(alex, sam, casey, together):
    older = enrol(casey, day=40)
    older.created_at -= timedelta(days=1)
    older.save()
    newest = enrol(casey, day=2)
    alex_before = Reminder.objects.get(person=alex, kind="monthly_review")
    Reminder.objects.filter(kind="monthly_review").exclude(person=alex).delete()
    migration = import_module("programs.migrations.0006_plan_monthly_reviews")

    migration.plan_monthly_reviews(apps, None)

    planned = {r.person: r for r in Reminder.objects.filter(kind="monthly_review")}
    assert planned[sam].next_slot == "2026-03-08T19:00"
    assert planned[casey].rule == newest.monthly_review_rule() != older.monthly_review_rule()
    assert (planned[alex].pk, planned[alex].updated_at) == (alex_before.pk, alex_before.updated_at)


def test_a_paused_program_gets_no_monthly_review_from_the_migration(client_for, alex, together):
    client_for(alex).post(reverse("programs:pause"))
    Reminder.objects.filter(kind="monthly_review").delete()

    import_module("programs.migrations.0006_plan_monthly_reviews").plan_monthly_reviews(apps, None)

    assert not Reminder.objects.filter(kind="monthly_review").exists()


def test_the_outcome_report_prints_figures_over_everyone_and_no_ones_answers(db):
    load_program()
    for number in range(5):
        person = make_person(f"p{number}")
        enrollment = enrol(person, day=30)
        answers = {key: 2 for key in OUTCOME_ITEMS}
        OutcomeCheck.objects.create(
            person=person, enrollment=enrollment, when="start", answers=answers
        )
        answers = {**answers, "close": 2 + number % 2}
        OutcomeCheck.objects.create(
            person=person, enrollment=enrollment, when="end", answers=answers
        )
    out = StringIO()

    call_command("outcome_report", stdout=out)

    printed = out.getvalue()
    assert "Answered on day 28 too: 5" in printed
    assert "Mean score (1 to 5): 2.00 at the start, 2.08 on day 28" in printed
    assert "+0.40 I feel close to my partner, in body and in feeling." in printed
    assert "p0" not in printed


def test_the_outcome_report_holds_back_figures_about_a_handful_of_people(alex):
    load_program()
    enrollment = enrol(alex, day=30)
    OutcomeCheck.objects.create(person=alex, enrollment=enrollment, when="start", answers={})
    OutcomeCheck.objects.create(person=alex, enrollment=enrollment, when="end", answers={})
    out = StringIO()

    call_command("outcome_report", stdout=out)

    assert "no figures" in out.getvalue()
    assert "Mean score" not in out.getvalue()


def test_the_therapist_page_uses_the_same_number_of_queries_for_a_little_and_a_lot(client_for):
    theo = make_person("theo")
    TherapistProfile.objects.create(
        person=theo, professional_name="Theo", credentials="-", verified_at=timezone.now()
    )
    counts = []
    for name, number in (("few", 3), ("many", 300)):
        person, partner = make_person(name), make_person(f"{name}partner")
        make_couple(person, partner)
        write_a_lot(person, partner, enrol(person, day=40, together=True), number)
        care = Care.objects.create(therapist=theo, email=person.email)
        care.accept(person, {"practice_log"})
        url = reverse("programs:practice_for_therapist", args=[care.pk])
        counts.append(count_queries(client_for(theo), url))

    assert counts[0] == counts[1]

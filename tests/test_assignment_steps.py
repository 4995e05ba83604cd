"""A therapist assigns any step (a program's day, a guide section, the test) and it is done when
the client does it."""

import json
from datetime import UTC, date, datetime, timedelta
from importlib import import_module

import pytest
import time_machine
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from agreements import assigning as agreement_steps
from agreements.dialogue import prepare, start_dialogue
from agreements.models import Agreement, Commitment
from agreements.versions import propose_version
from couplespace import guides
from couplespace.models import Assignment, Care, Reminder, TherapistProfile
from couplespace.therapy import done_since, guide_key, guide_steps, step_groups, steps_by_key
from programs import assigning
from programs.content import CONTENT_DIR
from programs.models import Checkpoint, PracticeEntry, Program, WishAnswer
from tests.agreements.conftest import SIGNAL
from tests.assessments.conftest import make_result
from tests.conftest import make_couple, make_person
from tests.programs_helpers import enrol, load_program, load_second_program

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
SLUG = "security-and-sexuality"
CHECK_IN = {
    "moment": "0",
    "temperature": "6",
    "affected": "",
    "body_responses": ["tense"],
    "body_note": "",
    "behaviour": "approach",
    "behaviour_note": "",
}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def program(db):
    return load_program()


@pytest.fixture
def care(theo, alex):
    care = Care.objects.create(therapist=theo, email=alex.email)
    care.accept(alex, set())
    return care


def assign(client, care, step, **fields):
    data = {"step": step, "due_date": "2026-03-06", "note": "Try it this week.", **fields}
    return client.post(reverse("therapist_client", args=[care.pk]), data)


def given(care, step, *, ago=timedelta(0)) -> Assignment:
    return Assignment.objects.create(
        care=care, step=step, due_date=date(2026, 3, 9), created_at=timezone.now() - ago
    )


# The hooks, as plain functions


def test_a_key_says_which_program_and_day_it_names():
    assert assigning.parse("program:talking-about-sex:day:12") == assigning.ProgramStep(
        "program:talking-about-sex:day:12", "talking-about-sex", "day", 12
    )
    assert assigning.parse(f"program:{SLUG}").what == "start"
    assert assigning.parse(f"program:{SLUG}:check-ins").what == "check-ins"
    for other in ("test", "guide:self-and-connection#two-needs", "program:x:day:", "dialogue"):
        assert assigning.parse(other) is None


def test_seven_days_of_check_ins_are_done_at_the_seventh_days_first():
    firsts = [NOW + timedelta(days=day) for day in (3, 1, 2, 6, 4, 5)]
    assert assigning.seventh_day_of(firsts) is None

    firsts += [NOW + timedelta(days=9), NOW + timedelta(days=8)]

    assert assigning.seventh_day_of(firsts) == NOW + timedelta(days=8)


def test_every_day_of_the_program_is_offered_grouped_by_phase(program):
    groups = assigning.step_groups()

    assert [group.label for group in groups] == [
        "Security and sexuality",
        "Security and sexuality · Phase 1: Noticing",
        "Security and sexuality · Phase 2: Saying what you need",
        "Security and sexuality · Phase 3: Building your agreement",
        "Security and sexuality · Phase 4: Practising",
    ]
    assert [step.label for step in groups[0].steps] == [
        "Start “Security and sexuality”",
        "Check in three times a day for a week",
    ]
    days = [step.key for group in groups[1:] for step in group.steps]
    assert days == [f"program:{SLUG}:day:{day}" for day in range(1, 29)]
    day_12 = groups[2].steps[4]
    assert day_12.label.startswith("Day 12: First turn: one speaks")
    assert day_12.url == reverse("agreements:dialogue_index")
    assert groups[1].steps[0].url == reverse("programs:checkpoint")
    assert groups[4].steps[0].url == reverse("programs:practice")


def test_the_labels_are_in_the_readers_language(program):
    with translation.override("zh-hans"):
        groups = assigning.step_groups()
        guide_groups = guide_steps()

    assert groups[1].label == "安全感与亲密关系中的性 · 第 1 阶段：觉察"
    assert groups[1].steps[0].label.startswith("第 1 天：设定每天三次记录的时间")
    assert groups[0].steps[0].label == "开始“安全感与亲密关系中的性”"
    [self_and_connection] = [
        group
        for group in guide_groups
        if group.label == "指南：自我与连接：每对伴侣都在平衡的两种需要"
    ]
    assert self_and_connection.steps[0].label == "两种彼此拉扯的需要"


def test_whatever_programs_are_loaded_are_offered(program, tmp_path):
    second = json.loads((CONTENT_DIR / f"{SLUG}.json").read_text())
    second["slug"] = "another-program"
    second["title"] = {"en": "Another program", "zh-hans": "另一个计划"}
    second.pop("guide")
    for phase in second["phases"]:
        phase.pop("guide_section")
    path = tmp_path / "another-program.json"
    path.write_text(json.dumps(second))
    Program.objects.load(path)

    keys = steps_by_key()

    assert "program:another-program:day:28" in keys
    assert f"program:{SLUG}:day:28" in keys
    assert any(group.label == "Another program" for group in step_groups())


def test_every_guide_section_is_offered_with_its_link(db):
    keys = steps_by_key()

    for guide in guides.published().values():
        for anchor in guide.anchors:
            step = keys[guide_key(guide.slug, anchor)]
            assert step.url == guides.section_url(guide.slug, anchor)


def test_every_key_offered_fits_where_it_is_stored(program):
    longest = max(len(key) for key in steps_by_key())

    assert longest <= Assignment._meta.get_field("step").max_length


def test_a_check_in_day_is_done_by_a_check_in_on_that_day_or_later_since_it_was_given(
    program, alex
):
    enrollment = enrol(alex, day=3)
    key = f"program:{SLUG}:day:3"

    def check_in(day, at):
        Checkpoint.objects.create(
            author=alex,
            enrollment=enrollment,
            local_date=date(2026, 3, day),
            day=day,
            moment=0,
            temperature=5,
            behaviour="approach",
            created_at=at,
        )

    check_in(1, NOW - timedelta(days=2))  # day 3 is assigned afterwards, on day 2
    check_in(2, NOW + timedelta(hours=1))  # too early a day
    assert done_since(alex, [key], NOW) == {}
    check_in(3, NOW + timedelta(days=1))
    assert done_since(alex, [key], NOW) == {key: NOW + timedelta(days=1)}


def test_a_practice_day_is_done_by_a_line_in_the_practice_log(program, alex):
    enrollment = enrol(alex, day=23)
    key = f"program:{SLUG}:day:23"
    assert done_since(alex, [key], NOW) == {}

    PracticeEntry.objects.create(
        author=alex, enrollment=enrollment, local_date=date(2026, 3, 2), day=23, text="A hug."
    )

    assert done_since(alex, [key], NOW) == {key: NOW}


def test_dialogue_days_are_done_by_preparing_or_a_turn_and_not_by_a_check_in(program, alex, sam):
    make_couple(alex, sam)
    enrollment = enrol(alex, day=9, together=True)
    key, dialogue_key = f"program:{SLUG}:day:9", agreement_steps.DIALOGUE
    Checkpoint.objects.create(
        author=alex,
        enrollment=enrollment,
        local_date=date(2026, 3, 2),
        day=9,
        moment=0,
        temperature=5,
        behaviour="approach",
    )
    assert done_since(alex, [key, dialogue_key], NOW) == {}

    prepare(dialogue=start_dialogue(alex), person=alex, pairs=[("being left", "a word first")])

    assert done_since(alex, [key, dialogue_key], NOW) == {key: NOW, dialogue_key: NOW}
    assert done_since(sam, [key], NOW) == {}


def test_agreement_days_are_done_by_a_version_or_alone_by_a_commitment(program, alex, sam, casey):
    make_couple(alex, sam)
    key = f"program:{SLUG}:day:16"
    propose_version(
        agreement=Agreement.for_couple(alex.couple), author=alex, base_number=0, clauses=[SIGNAL]
    )
    Commitment.objects.create(person=casey, text="I go for a walk before I answer.")

    assert done_since(alex, [key], NOW) == {key: NOW}
    assert done_since(casey, [key, "agreement"], NOW) == {key: NOW, "agreement": NOW}
    assert done_since(sam, [key], NOW) == {}


def test_the_test_is_done_by_taking_it_and_the_program_by_starting_it(program, alex):
    assert done_since(alex, ["test", f"program:{SLUG}"], NOW) == {}
    make_result(alex, days_ago=1)  # before it was assigned
    assert done_since(alex, ["test"], NOW) == {}

    make_result(alex)
    enrol(alex, day=1)

    assert done_since(alex, ["test", f"program:{SLUG}"], NOW) == {
        "test": NOW,
        f"program:{SLUG}": NOW,
    }


def test_first_done_reads_only_what_was_saved(program):
    saved = assigning.Saved(
        started={program.pk: NOW},
        check_ins=[(program.pk, 2, date(2026, 3, 2), NOW), (program.pk, 4, date(2026, 3, 4), NOW)],
        practice=[(program.pk, 23, NOW + timedelta(hours=1)), (999, 24, NOW)],
        in_steps=[],
    )

    def done(key):
        return assigning.first_done(program, assigning.parse(key), saved)

    assert done(f"program:{SLUG}") == NOW
    assert done(f"program:{SLUG}:day:3") == NOW  # the check-in of day 4
    assert done(f"program:{SLUG}:day:5") is None
    assert done(f"program:{SLUG}:day:9") is None  # the dialogue's, answered elsewhere
    assert done(f"program:{SLUG}:day:22") == NOW + timedelta(hours=1)
    assert done(f"program:{SLUG}:day:24") is None  # another program's line
    assert done(f"program:{SLUG}:check-ins") is None  # two days of seven


def test_the_same_step_given_twice_is_done_by_what_follows_each(client_for, theo, alex, care):
    older = given(care, "test", ago=timedelta(days=2))
    make_result(alex, days_ago=1)
    newer = given(care, "test")

    client_for(theo).get(reverse("therapist_client", args=[care.pk]))
    older.refresh_from_db(), newer.refresh_from_db()
    assert (older.done_at, newer.done_at) == (NOW - timedelta(days=1), None)

    make_result(alex)
    client_for(theo).get(reverse("therapist_client", args=[care.pk]))
    newer.refresh_from_db()
    assert newer.done_at == NOW


def test_todays_queries_do_not_grow_with_the_steps_given(
    client_for, frozen, program, theo, alex, care
):
    enrol(alex, day=3)
    frozen.shift(timedelta(hours=1))  # given after the enrolment: none of them is done yet
    given(care, f"program:{SLUG}:check-ins")
    client = client_for(alex)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("workspace"))
    for key in (f"program:{SLUG}:day:3", f"program:{SLUG}:day:24", f"program:{SLUG}"):
        given(care, key)

    with CaptureQueriesContext(connection) as four:
        page = client.get(reverse("workspace")).text

    assert "Day 24: Make a deposit" in page
    assert len(four.captured_queries) == len(one.captured_queries)


# Each kind completes when the client does it


def test_theo_assigns_a_day_alex_checks_in_and_theo_sees_it_done(
    client_for, frozen, program, theo, alex, care
):
    enrol(alex, day=2)
    assert assign(client_for(theo), care, f"program:{SLUG}:day:2").status_code == 302
    today = client_for(alex).get(reverse("workspace")).text
    assert "Day 2: Before each check-in, take one slow breath" in today
    assert f'href="{reverse("programs:checkpoint")}"' in today

    frozen.shift(timedelta(hours=3))
    client_for(alex).post(reverse("programs:checkpoint"), CHECK_IN)

    assignment = Assignment.objects.get()
    assert "Day 2: Before each check-in" not in client_for(alex).get(reverse("workspace")).text
    assignment.refresh_from_db()
    assert (assignment.done_at, assignment.done_how) == (NOW + timedelta(hours=3), "step")
    assert not Reminder.objects.get(kind="assignment_due").next_due_at
    page = client_for(theo).get(reverse("therapist_client", args=[care.pk])).text
    assert 'done March 2, 2026</strong> <span class="muted">(did the step)' in page


def test_a_guide_section_is_done_when_opened_from_the_assignment(client_for, theo, alex, care):
    key = guide_key("self-and-connection", "two-needs")
    assign(client_for(theo), care, key)
    assignment = Assignment.objects.get()
    today = client_for(alex).get(reverse("workspace")).text
    assert "Two needs that pull against each other" in today
    assert reverse("assignment_read", args=[assignment.pk]) in today

    response = client_for(alex).post(reverse("assignment_read", args=[assignment.pk]))

    assert response.url == "/guides/self-and-connection/#two-needs"
    assignment.refresh_from_db()
    assert (assignment.done_at, assignment.done_how) == (NOW, "step")
    assert (
        client_for(alex).post(reverse("assignment_read", args=[assignment.pk])).status_code == 404
    )


def test_the_test_assignment_is_done_once_the_test_is_taken(client_for, theo, alex, care):
    assign(client_for(theo), care, "test")
    make_result(alex)

    page = client_for(theo).get(reverse("therapist_home")).text
    assert "Take the attachment and communication test" not in page  # no longer due
    assert Assignment.objects.get().done_how == "step"


def test_mark_as_done_stays_and_says_so(client_for, theo, alex, care):
    assign(client_for(theo), care, "test")
    assignment = Assignment.objects.get()

    client_for(alex).post(reverse("assignment_done", args=[assignment.pk]))

    page = client_for(theo).get(reverse("therapist_client", args=[care.pk])).text
    assert "(marked it done)" in page


def test_the_therapist_sees_what_is_overdue(client_for, theo, alex, care):
    Assignment.objects.create(
        care=care, step="test", due_date=date(2026, 3, 1), created_at=NOW - timedelta(days=10)
    )

    page = client_for(theo).get(reverse("therapist_client", args=[care.pk])).text

    assert '<strong class="overdue">overdue</strong>' in page


def test_nothing_done_before_the_assignment_counts(client_for, theo, alex, care):
    make_result(alex, days_ago=3)
    given(care, "test")

    client_for(theo).get(reverse("therapist_client", args=[care.pk]))

    assert Assignment.objects.get().done_at is None


# The picker


def test_the_picker_groups_the_steps_in_the_therapists_language(client_for, program, theo, care):
    page = client_for(theo).get(reverse("therapist_client", args=[care.pk])).text
    assert '<optgroup label="Security and sexuality · Phase 2: Saying what you need">' in page
    assert (
        '<optgroup label="Guide: Self and connection: the two needs every couple juggles">' in page
    )
    assert '<optgroup label="The test">' in page
    assert f'<option value="program:{SLUG}:day:12">Day 12: First turn' in page

    theo.language = "zh-hans"
    theo.save()
    page = client_for(theo).get(reverse("therapist_client", args=[care.pk])).text
    assert "第 12 天：" in page
    assert '<optgroup label="测试">' in page


def test_the_client_reads_the_step_in_their_own_language(client_for, program, theo, alex, care):
    given(care, f"program:{SLUG}:day:12")
    alex.language = "zh-hans"
    alex.save()

    page = client_for(alex).get(reverse("workspace")).text

    assert "第 12 天：第一轮" in page


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ("", "Choose the step you would like your client to do."),
        ("program:gone:day:3", "That step is no longer offered. Choose another one."),
    ],
)
def test_a_wrong_step_is_refused_with_what_was_typed_kept(client_for, theo, care, step, message):
    response = assign(client_for(theo), care, step, note="Watch the evenings.")

    assert response.status_code == 400
    assert message in response.text
    assert "Watch the evenings." in response.text
    assert not Assignment.objects.exists()


def test_a_valid_choice_is_kept_when_the_date_is_wrong(client_for, program, theo, care):
    key = f"program:{SLUG}:day:12"
    response = assign(client_for(theo), care, key, due_date="2026-02-01")

    assert response.status_code == 400
    assert f'<option value="{key}" selected>' in response.text


# Who may


def test_a_therapist_assigns_only_to_their_own_clients(client_for, theo, sam):
    vera = make_person("vera")
    TherapistProfile.objects.create(
        person=vera, professional_name="Vera", credentials="-", verified_at=NOW
    )
    care = Care.objects.create(therapist=vera, email=sam.email)
    care.accept(sam, set())

    assert assign(client_for(theo), care, "test").status_code == 404
    assert not Assignment.objects.exists()


def test_a_client_sees_only_their_own_assignments(client_for, theo, alex, sam, care):
    given(care, guide_key("self-and-connection", "two-needs"))
    assignment = Assignment.objects.get()

    assert "Two needs that pull" not in client_for(sam).get(reverse("workspace")).text
    for person in (sam, theo):
        url = reverse("assignment_read", args=[assignment.pk])
        assert client_for(person).post(url).status_code == 404
    assert Assignment.objects.get().done_at is None


def test_only_a_guide_section_is_opened_that_way(client_for, theo, alex, care):
    assignment = given(care, "test")

    assert (
        client_for(alex).post(reverse("assignment_read", args=[assignment.pk])).status_code == 404
    )


# Older assignments


def test_older_keys_become_the_programs_own(care):
    for old in ("program", "check-ins", "test", "dialogue"):
        given(care, old)
    migration = import_module("couplespace.migrations.0016_assignment_any_step")

    migration.new_keys(apps, None)

    assert sorted(Assignment.objects.values_list("step", flat=True)) == sorted(
        ["dialogue", f"program:{SLUG}", f"program:{SLUG}:check-ins", "test"]
    )


def test_the_second_programs_steps_are_offered_and_done_by_writing_in_them(alex):
    """A program with steps of its own (a wish list, a plan, a log): each step can be given,
    and is done by the first thing written in it; a day of such a phase by what is written
    in that phase's steps on that day or later."""
    load_second_program()
    keys = {step.key: step for group in assigning.step_groups() for step in group.steps}
    wish_list = "program:talking-about-sex:step:wish-list"
    assert keys[wish_list].url == reverse("programs:step", args=["talking-about-sex", "wish-list"])
    assert keys["program:talking-about-sex:day:9"].url.endswith("/talking-about-sex/#day-9")

    enrollment = enrol(alex, day=9, slug="talking-about-sex")
    since = timezone.now()
    assert assigning.done_since(alex, [wish_list, "program:talking-about-sex:day:9"], since) == {}
    WishAnswer.objects.create(
        person=alex, enrollment=enrollment, step="wish-list", item="massage", answer="no"
    )

    done = assigning.done_since(
        alex,
        [wish_list, "program:talking-about-sex:day:9", "program:talking-about-sex:step:touch-log"],
        since,
    )
    assert set(done) == {wish_list, "program:talking-about-sex:day:9"}

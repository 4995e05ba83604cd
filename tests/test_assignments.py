import re
from datetime import UTC, datetime, timedelta
from importlib import import_module

import pytest
import time_machine
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from couplespace.models import (
    ACCESS_VISIT,
    AccessRecord,
    Assignment,
    Care,
    Notification,
    Reminder,
    TherapistProfile,
)
from programs.models import Checkpoint
from tests.conftest import make_couple, make_person
from tests.programs_helpers import enrol, load_program, write_checkpoints
from tests.reminders import dispatch

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def theo(db):
    theo = make_person("theo")
    TherapistProfile.objects.create(
        person=theo, professional_name="Theo Lin, MFT", credentials="-", verified_at=timezone.now()
    )
    return theo


@pytest.fixture
def care(theo, alex):
    alex.timezone = "America/New_York"
    alex.save()
    care = Care.objects.create(therapist=theo, email=alex.email)
    care.accept(alex, set())
    return care


def assign(client, care, **fields):
    data = {"step": "check-ins", "due_date": "2026-03-06", "note": "Notice the evenings.", **fields}
    return client.post(reverse("therapist_client", args=[care.pk]), data)


def test_a_therapist_assigns_a_step_and_the_client_sees_it(client_for, theo, alex, care):
    assign(client_for(theo), care)

    page = client_for(alex).get(reverse("workspace")).content.decode()
    assert "Check in three times a day for a week" in page
    assert "due March 6, 2026, from Theo Lin, MFT" in page
    assert "Notice the evenings." in page


def test_todays_assignments_are_read_in_one_query_however_many(client_for, theo, alex, care):
    assign(client_for(theo), care)
    client = client_for(alex)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("workspace"))
    assign(client_for(theo), care, step="program", note="Take it before we meet.")
    client = client_for(alex)
    with CaptureQueriesContext(connection) as two:
        page = client.get(reverse("workspace")).content.decode()

    assert "Notice the evenings." in page
    assert "Take it before we meet." in page
    assert len(two.captured_queries) == len(one.captured_queries)


def test_the_client_is_reminded_the_evening_before_in_their_own_zone(client_for, theo, alex, care):
    assign(client_for(theo), care)

    reminder = Reminder.objects.get(kind="assignment_due")
    assert (reminder.person, reminder.next_slot) == (alex, "2026-03-05T18:00")
    assert reminder.next_due_at == datetime(2026, 3, 5, 23, 0, tzinfo=UTC)
    dispatch(datetime(2026, 3, 5, 23, 0, tzinfo=UTC))
    dispatch(datetime(2026, 3, 5, 23, 1, tzinfo=UTC))
    assert [str(notice) for notice in Notification.objects.all()] == [
        "A step from your therapist is due soon"
    ]


def test_a_past_due_date_is_refused_and_the_note_kept(client_for, theo, care):
    response = assign(client_for(theo), care, due_date="2026-03-01")

    assert response.status_code == 400
    page = response.content.decode()
    assert "That date has passed. Choose today or a later day." in page
    assert "Notice the evenings." in page
    assert not Assignment.objects.exists()


def test_the_client_marks_it_done_and_the_therapist_sees_it(client_for, theo, alex, care):
    assign(client_for(theo), care)
    assignment = Assignment.objects.get()

    client_for(alex).post(reverse("assignment_done", args=[assignment.pk]))

    assignment.refresh_from_db()
    assert assignment.done_at == NOW
    assert not Reminder.objects.get(kind="assignment_due").next_due_at
    page = client_for(theo).get(reverse("therapist_client", args=[care.pk])).content.decode()
    assert "done March 2, 2026" in page


def test_once_the_client_stops_working_with_the_therapist_no_step_is_reminded(
    client_for, theo, alex, care, mailoutbox
):
    assign(client_for(theo), care)
    assign(client_for(theo), care, step="program", due_date="2026-03-09")

    client_for(alex).post(reverse("end_care", args=[care.pk]))

    dispatch(datetime(2026, 3, 5, 23, 0, tzinfo=UTC))  # 18:00 in New York, the evening before
    dispatch(datetime(2026, 3, 8, 22, 0, tzinfo=UTC))  # the same, in summer time
    assert not Notification.objects.exists()
    assert mailoutbox == []


def test_a_therapist_who_deletes_their_account_leaves_no_step_to_remind(
    client_for, theo, alex, care, mailoutbox
):
    assign(client_for(theo), care)

    client_for(theo).post(reverse("delete_account"), {"password": "theo-pass"})

    dispatch(datetime(2026, 3, 5, 23, 0, tzinfo=UTC))
    assert not Notification.objects.exists()
    assert mailoutbox == []


def test_steps_of_care_that_ended_before_are_no_longer_reminded(
    client_for, theo, alex, sam, casey, care
):
    ongoing, gone = (Care.objects.create(therapist=theo, email=p.email) for p in (sam, casey))
    ongoing.accept(sam, set())
    gone.accept(casey, set())
    for each in (care, ongoing, gone):
        assign(client_for(theo), each)
    Care.objects.filter(pk=care.pk).update(ended_at=NOW)  # ended before it stopped reminders
    gone.delete()  # as when its therapist deleted their account
    migration = import_module("couplespace.migrations.0007_stop_reminders_of_ended_care")

    migration.stop_reminders_of_ended_care(apps, None)

    dispatch(datetime(2026, 3, 5, 18, 0, tzinfo=UTC))  # the evening before, for sam and casey
    dispatch(datetime(2026, 3, 5, 23, 0, tzinfo=UTC))  # and for alex, in New York
    assert [n.person for n in Notification.objects.all()] == [sam]


def test_nobody_else_can_mark_it_done(client_for, theo, sam, care):
    assign(client_for(theo), care)
    assignment = Assignment.objects.get()

    for person in (theo, sam):
        assert (
            client_for(person).post(reverse("assignment_done", args=[assignment.pk])).status_code
            == 404
        )


def test_check_in_summaries_and_the_overview_follow_what_the_client_shares(
    client_for, theo, alex, care
):
    load_program()
    enrollment = enrol(alex, day=9)
    write_checkpoints(alex, enrollment, 6, affected="the late shift again")
    therapist = client_for(theo)
    summaries = reverse("programs:summaries_for_therapist", args=[care.pk])
    entries = reverse("programs:entries_for_therapist", args=[care.pk])
    home = reverse("therapist_client", args=[care.pk])

    assert therapist.get(summaries).status_code == 404
    assert "Program day" not in therapist.get(home).content.decode()

    care.share({"checkpoint_summaries"})
    page = therapist.get(summaries).content.decode()
    assert "<svg" in page
    assert "the late shift again" not in page
    assert therapist.get(entries).status_code == 404
    assert "Program day 9" in therapist.get(home).content.decode()

    care.share({"checkpoint_entries"})
    assert "the late shift again" in therapist.get(entries).content.decode()


@pytest.mark.parametrize(
    "shared, page, notes_opened",
    [
        ("checkpoint_summaries", "programs:summaries_for_therapist", 0),
        ("checkpoint_entries", "programs:entries_for_therapist", 6),
    ],
)
def test_the_server_opens_a_clients_notes_only_for_a_therapist_shown_them(
    client_for, theo, alex, care, opened, shared, page, notes_opened
):
    load_program()
    write_checkpoints(alex, enrol(alex, day=9), 6, affected="the late shift again")
    care.share({shared})

    response = client_for(theo).get(reverse(page, args=[care.pk]))

    assert (response.status_code, response.context["summary"].count) == (200, 6)
    assert response.text.count("the late shift again") == notes_opened
    assert opened == ["programs.Checkpoint.affected"] * notes_opened


def test_the_therapist_reads_a_clients_check_ins_one_week_at_a_time(client_for, theo, alex, care):
    load_program()
    enrollment = enrol(alex, day=9)
    write_checkpoints(alex, enrollment, 21)  # days 1 to 7
    Checkpoint.objects.create(
        author=alex,
        enrollment=enrollment,
        local_date=alex.local_today(),
        day=9,
        moment=0,
        temperature=5,
        behaviour="approach",
    )
    care.share({"checkpoint_entries"})
    entries = reverse("programs:entries_for_therapist", args=[care.pk])

    week_one = client_for(theo).get(entries, {"week": 1}).context["entries"]
    week_two = client_for(theo).get(entries, {"week": 2}).context["entries"]

    assert sorted({entry.day for entry in week_one}) == [1, 2, 3, 4, 5, 6, 7]
    assert [entry.day for entry in week_two] == [9]


def test_the_therapist_home_shows_progress_and_a_low_flag_only_from_shared_data(
    client_for, theo, alex, care
):
    load_program()
    write_checkpoints(alex, enrol(alex, day=9), 15)
    Checkpoint.objects.filter(author=alex).update(temperature=2)
    home = reverse("therapist_home")

    assert "Program day" not in client_for(theo).get(home).text

    care.share({"checkpoint_summaries"})
    page = client_for(theo).get(home).text
    assert "Program day 9" in page
    assert "Low temperature: at most 3 on five of the last seven days" in page


def test_the_therapist_home_reads_the_same_number_of_queries_however_many_clients(
    client_for, frozen, theo, alex, care
):
    load_program()
    write_checkpoints(alex, enrol(alex, day=9), 6)
    care.share({"checkpoint_summaries"})
    therapist = client_for(theo)

    def count():
        with CaptureQueriesContext(connection) as queries:
            page = therapist.get(reverse("therapist_home")).text
        return len(queries), page.count("Program day")

    one = count()
    for number in range(5):
        client = make_person(f"client{number}")
        partner = make_person(f"partner{number}")
        make_couple(client, partner)
        write_checkpoints(client, enrol(client, day=3 + number, together=True), 4)
        Care.objects.create(therapist=theo, email=client.email).accept(
            client, {"checkpoint_summaries"}
        )
    frozen.shift(ACCESS_VISIT)  # a new visit: new log rows, as for the first count
    six = count()

    assert one[1] == 1
    assert six[1] == 6
    assert one[0] == six[0]
    assert AccessRecord.objects.count() == 1 + 6


def access_log(client_for, person) -> list[str]:
    """The lines of the person's "When a therapist looked" list, on their privacy page."""
    page = client_for(person).get(reverse("privacy")).text
    log = re.search(r'<ul class="access-log">(.*?)</ul>', page, re.S).group(1)
    return [" ".join(item.split()) for item in re.findall(r"<li[^>]*>(.*?)</li>", log, re.S)]


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        ("checkpoint_summaries", "Check-in summaries (chart and averages)"),
        ("checkpoint_entries", "Check-in entries, with what was written"),
    ],
)
def test_the_client_reads_in_their_log_each_time_the_therapist_pages_showed_their_check_ins(
    client_for, theo, alex, care, kind, label
):
    load_program()
    write_checkpoints(alex, enrol(alex, day=9), 6)
    care.share({kind})
    therapist = client_for(theo)

    assert "Program day 9" in therapist.get(reverse("therapist_home")).text
    assert "Program day 9" in therapist.get(reverse("therapist_client", args=[care.pk])).text

    assert access_log(client_for, alex) == [
        f"March 2, 2026, 5 a.m. · Theo Lin, MFT · {label} · a line on their page about you",
        f"March 2, 2026, 5 a.m. · Theo Lin, MFT · {label} · a line on their list of clients",
    ]


def test_reloading_a_page_is_one_visit_in_the_log_and_a_later_one_another(
    client_for, frozen, theo, alex, care
):
    load_program()
    write_checkpoints(alex, enrol(alex, day=9), 6)
    care.share({"checkpoint_summaries"})
    therapist = client_for(theo)
    summaries = reverse("programs:summaries_for_therapist", args=[care.pk])

    for _ in range(12):  # twelve reloads in two minutes
        therapist.get(summaries)
        frozen.shift(timedelta(seconds=10))
    frozen.shift(timedelta(minutes=31))
    therapist.get(summaries)

    label = "Check-in summaries (chart and averages)"
    assert access_log(client_for, alex) == [
        f"March 2, 2026, 5:33 a.m. · Theo Lin, MFT · {label} · its own page",
        f"March 2, 2026, 5 a.m. · Theo Lin, MFT · {label} · its own page"
        " · opened 12 times, the last at 5:01 a.m.",
    ]


def test_nothing_is_logged_for_a_client_who_shares_nothing(client_for, theo, alex, sam, care):
    load_program()
    write_checkpoints(alex, enrol(alex, day=9), 6)
    write_checkpoints(sam, enrol(sam, day=4), 6)
    Care.objects.create(therapist=theo, email=sam.email).accept(sam, {"checkpoint_summaries"})
    therapist = client_for(theo)

    therapist.get(reverse("therapist_home"))
    therapist.get(reverse("therapist_client", args=[care.pk]))

    assert access_log(client_for, alex) == ["No therapist has opened anything of yours."]
    assert access_log(client_for, sam) == [
        "March 2, 2026, 10 a.m. · Theo Lin, MFT · Check-in summaries (chart and averages)"
        " · a line on their list of clients"
    ]


def test_the_client_reads_the_whole_log_a_page_at_a_time(client_for, theo, alex, care):
    AccessRecord.objects.bulk_create(
        AccessRecord(care=care, kind="test_results", at=timezone.now() - timedelta(minutes=n))
        for n in range(60)
    )
    client = client_for(alex)

    first = client.get(reverse("privacy")).text
    second = client.get(reverse("privacy"), {"log": 2}).text

    assert first.count("· Relationship test results</li>") == 50
    assert '<a href="?log=2#log-heading">Older</a>' in first
    assert second.count("· Relationship test results</li>") == 10
    assert "March 2, 2026, 4:01 a.m." in second  # the oldest, an hour before the newest

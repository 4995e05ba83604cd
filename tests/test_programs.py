"""Following the program: enrol, see the path, check in, share, pause, reminders and calendar."""

import json
from datetime import UTC, date, datetime
from importlib import import_module
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from couplespace.models import Notification, Reminder, User
from programs import program_days
from programs.content import CONTENT_DIR, ContentError, read
from programs.forms import CheckpointForm
from programs.models import (
    Checkpoint,
    CheckpointPlan,
    Enrollment,
    LogEntry,
    Program,
    WishAnswer,
)
from tests.conftest import make_couple, make_person
from tests.programs_helpers import enrol, load_program, write_checkpoints
from tests.reminders import dispatch

# Monday 2 March 2026, 10:00 in London (GMT).
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)

CHECK_IN = {
    "moment": "0",
    "temperature": "4",
    "affected": "A quiet dinner; I wondered what the silence meant.",
    "body_responses": ["tense", "gut"],
    "body_note": "shoulders up",
    "behaviour": "approach",
    "behaviour_note": "",
}


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
    return make_person("sam", timezone="America/New_York")


def test_a_person_without_a_program_is_offered_it(client_for, alex):
    response = client_for(alex).get(reverse("programs:path"))

    assert response.status_code == 200
    assert "Start “Security and sexuality”" in response.text
    assert "Saying what you need" in response.text
    assert "You can follow both programs at the same time" in response.text


def test_it_enrols_a_couple_and_plans_check_in_reminders_for_both(client_for, alex, sam, couple):
    response = client_for(alex).post(
        reverse("programs:enrol"),
        {"program": "security-and-sexuality", "start_date": "2026-03-02", "together": "on"},
    )

    assert response.status_code == 302
    enrollment = Enrollment.objects.get()
    assert (enrollment.person, enrollment.couple, enrollment.start_date) == (
        alex,
        couple,
        date(2026, 3, 2),
    )
    assert Enrollment.objects.for_person(sam) == enrollment
    reminders = {
        r.person.name: (r.next_slot, r.next_due_at)
        for r in Reminder.objects.filter(kind="checkpoint")
    }
    assert reminders == {
        "Alex": ("2026-03-02T13:00", datetime(2026, 3, 2, 13, 0, tzinfo=UTC)),
        "Sam": ("2026-03-02T08:00", datetime(2026, 3, 2, 13, 0, tzinfo=UTC)),
    }


def test_it_enrols_alone_even_when_in_a_couple(client_for, alex, sam, couple):
    client_for(alex).post(
        reverse("programs:enrol"), {"program": "security-and-sexuality", "start_date": "2026-03-02"}
    )

    assert Enrollment.objects.for_person(alex).couple is None
    assert Enrollment.objects.for_person(sam) is None


def test_with_a_second_program_file_a_person_chooses_which_to_follow(client_for, alex, program):
    Program.objects.create(
        slug="calm-evenings",
        title="Calm evenings",
        content={**program.content, "slug": "calm-evenings", "title": {"en": "Calm evenings"}},
    )
    client = client_for(alex)

    assert "Calm evenings" in client.get(reverse("programs:path")).text
    client.post(reverse("programs:enrol"), {"program": "calm-evenings", "start_date": "2026-03-02"})

    assert Enrollment.objects.get().program.slug == "calm-evenings"


def test_a_bad_start_date_is_explained_and_kept(client_for, alex):
    response = client_for(alex).post(
        reverse("programs:enrol"), {"program": "security-and-sexuality", "start_date": "2027-01-01"}
    )

    assert response.status_code == 400
    assert "within the next two months" in response.text
    assert 'value="2027-01-01"' in response.text
    assert Enrollment.objects.count() == 0


def test_the_path_shows_today_in_the_persons_own_time_zone(client_for, alex):
    enrol(alex, day=9)

    response = client_for(alex).get(reverse("programs:path"))

    assert "Day 9 · Phase 2" in response.text
    assert "Saying what you need" in response.text
    assert response.text.count('aria-current="step"') == 1


def test_the_day_turns_at_local_midnight(client_for, frozen, sam):
    enrollment = enrol(sam, day=1)  # 2 March in New York

    frozen.move_to(datetime(2026, 3, 3, 4, 59, tzinfo=UTC))  # 23:59 on 2 March in New York
    assert enrollment.day_number(sam.local_today()) == 1
    frozen.move_to(datetime(2026, 3, 3, 5, 0, tzinfo=UTC))
    assert enrollment.day_number(sam.local_today()) == 2


def test_the_path_shows_what_is_done(client_for, alex):
    enrollment = enrol(alex, day=3)
    write_checkpoints(alex, enrollment, 2)

    response = client_for(alex).get(reverse("programs:path"))

    assert "2 of 3 check-ins" in response.text


def test_pausing_freezes_the_day_and_stops_reminders(client_for, frozen, alex):
    enrol(alex, day=2)
    client = client_for(alex)

    client.post(reverse("programs:pause"))
    frozen.move_to(datetime(2026, 3, 6, 10, 0, tzinfo=UTC))

    assert Reminder.objects.get(person=alex, kind="checkpoint").next_due_at is None
    assert "Day 2 · Phase 1" in client.get(reverse("programs:path")).text

    client.post(reverse("programs:resume"))

    assert "Day 2 · Phase 1" in client.get(reverse("programs:path")).text
    reminder = Reminder.objects.get(person=alex, kind="checkpoint")
    assert (reminder.next_slot, reminder.rule["until"]) == ("2026-03-06T13:00", "2026-03-11")


def test_it_saves_a_check_in_for_today(client_for, alex):
    enrol(alex, day=3)

    response = client_for(alex).post(reverse("programs:checkpoint"), CHECK_IN)

    assert response.status_code == 302
    entry = Checkpoint.objects.get()
    assert (entry.author, entry.day, entry.local_date, entry.moment, entry.temperature) == (
        alex,
        3,
        date(2026, 3, 2),
        0,
        4,
    )
    assert entry.body_responses == ["tense", "gut"]
    assert entry.shared_with_partner is False


def test_checking_in_again_at_the_same_moment_updates_it(client_for, alex):
    enrol(alex, day=3)
    client = client_for(alex)

    client.post(reverse("programs:checkpoint"), CHECK_IN)
    client.post(reverse("programs:checkpoint"), {**CHECK_IN, "temperature": "7"})

    assert list(Checkpoint.objects.values_list("temperature", flat=True)) == [7]


def test_a_temperature_out_of_range_is_refused_without_asking_the_database(alex):
    entry = Checkpoint(author=alex, temperature=11)
    others = [field.name for field in Checkpoint._meta.fields if field.name != "temperature"]

    with CaptureQueriesContext(connection) as queries:
        entry.validate_constraints(exclude={"author"})
        with pytest.raises(ValidationError) as refused:
            entry.clean_fields(exclude=others)

    assert list(refused.value.message_dict) == ["temperature"]
    assert queries.captured_queries == []


def test_a_check_in_sent_again_with_its_key_is_saved_once_even_the_next_day(client_for, alex):
    """A check-in kept on a phone while offline may arrive twice, or after midnight."""
    enrol(alex, day=3)
    client = client_for(alex)
    kept = {**CHECK_IN, "moment": "2", "client_key": "0f9a4c1e-5b7d-4e7a-9c55-2f1d3b6a8e10"}

    first = client.post(reverse("programs:checkpoint"), kept, headers={"HX-Request": "true"})
    with time_machine.travel(datetime(2026, 3, 3, 0, 5, tzinfo=UTC), tick=False):
        again = client.post(
            reverse("programs:checkpoint"),
            {**kept, "temperature": "9"},
            headers={"HX-Request": "true"},
        )

    assert (first.status_code, again.status_code) == (200, 200)
    assert "Saved. Thank you for checking in." in again.text
    assert list(Checkpoint.objects.values_list("local_date", "moment", "temperature")) == [
        (date(2026, 3, 2), 2, 4)
    ]


def test_a_kept_check_in_sent_after_midnight_counts_for_the_day_it_was_written(
    client_for, frozen, sam
):
    sam.timezone = "America/New_York"
    sam.save()
    enrol(sam, day=3)  # 2 March in New York is day 3
    written = datetime(2026, 3, 3, 4, 50, tzinfo=UTC)  # 23:50 on 2 March in New York
    frozen.move_to(datetime(2026, 3, 3, 5, 20, tzinfo=UTC))  # sent at 00:20 on 3 March
    kept = {**CHECK_IN, "moment": "2", "kept_at": str(int(written.timestamp() * 1000))}

    response = client_for(sam).post(reverse("programs:checkpoint"), kept)

    assert response["Location"] == "/program/check-in/?week=1"
    entry = Checkpoint.objects.get()
    assert (entry.local_date, entry.day, entry.moment) == (date(2026, 3, 2), 3, 2)


def test_the_day_a_kept_check_in_was_written_is_believed_within_a_week_only():
    zone = ZoneInfo("America/New_York")
    today = date(2026, 3, 3)

    def day_of(instant: datetime | str) -> date:
        kept_at = instant if isinstance(instant, str) else str(int(instant.timestamp() * 1000))
        return program_days.written_on(kept_at, zone=zone, today=today)

    assert day_of(datetime(2026, 3, 3, 4, 59, tzinfo=UTC)) == date(2026, 3, 2)
    assert day_of(datetime(2026, 3, 3, 5, 0, tzinfo=UTC)) == today
    assert day_of(datetime(2026, 2, 24, 12, 0, tzinfo=UTC)) == date(2026, 2, 24)
    assert day_of(datetime(2026, 2, 23, 12, 0, tzinfo=UTC)) == today  # over a week: a bad clock
    assert day_of(datetime(2026, 3, 5, 12, 0, tzinfo=UTC)) == today  # ahead of today
    for junk in ("", "soon", "-5", "1.5e12", "٣", "9" * 40):
        assert day_of(junk) == today


def test_each_check_in_form_carries_a_new_key(client_for, alex):
    enrol(alex, day=3)
    client = client_for(alex)

    keys = [
        client.get(reverse("programs:checkpoint")).context["form"].initial["client_key"]
        for _ in range(2)
    ]
    saved = client.post(
        reverse("programs:checkpoint"),
        {**CHECK_IN, "client_key": str(keys[0])},
        headers={"HX-Request": "true"},
    )

    assert keys[0] != keys[1]
    assert saved.context["form"].initial["client_key"] != keys[0]
    assert Checkpoint.objects.get().client_key == keys[0]


def test_a_key_that_is_not_one_is_ignored(client_for, alex):
    enrol(alex, day=3)

    response = client_for(alex).post(
        reverse("programs:checkpoint"), {**CHECK_IN, "client_key": "not-a-key"}
    )

    assert response.status_code == 302
    assert Checkpoint.objects.get().client_key is None


def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(client_for, alex):
    enrol(alex, day=3)

    response = client_for(alex).post(
        reverse("programs:checkpoint"), {**CHECK_IN, "temperature": "", "behaviour": ""}
    )

    assert response.status_code == 400
    assert "Choose a number from 0 to 10." in response.text
    assert "Choose what you feel like doing toward your partner." in response.text
    assert "A quiet dinner; I wondered what the silence meant." in response.text
    assert Checkpoint.objects.count() == 0


def test_htmx_gets_the_check_in_area_back(client_for, alex):
    enrol(alex, day=3)

    response = client_for(alex).post(
        reverse("programs:checkpoint"), CHECK_IN, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert response.text.lstrip().startswith(
        '<div id="checkpoint-area" class="checkin-columns wide">'
    )
    assert "Saved. Thank you for checking in." in response.text


def test_htmx_gets_the_marked_answers_with_a_422_which_it_is_told_to_show(client_for, alex):
    enrol(alex, day=3)

    response = client_for(alex).post(
        reverse("programs:checkpoint"),
        {**CHECK_IN, "temperature": ""},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 422
    assert response.text.lstrip().startswith(
        '<div id="checkpoint-area" class="checkin-columns wide">'
    )
    assert "Choose a number from 0 to 10." in response.text
    assert Checkpoint.objects.count() == 0


def test_the_week_shows_chart_and_summary(client_for, alex):
    enrollment = enrol(alex, day=3)
    write_checkpoints(alex, enrollment, 6)

    response = client_for(alex).get(reverse("programs:checkpoint"))

    assert response.context["summary"].count == 6
    assert "<svg" in response.text
    assert "Tense muscles" in response.text
    assert "Move closer" in response.text
    # The chart's text alternative gives every value; the list folds by day, the latest open.
    assert "Morning, Midday, Evening: Day 1 –, –, –." in response.text
    assert "Day 6 3, 4, 5. Day 7 0, 1, 2. </desc>" in response.text
    page = response.text
    assert '<details class="entry-day">\n          <summary>Day 6: 3 check-ins' in page
    assert '<details class="entry-day" open>\n          <summary>Day 7: 3 check-ins' in page


def test_low_temperature_gently_suggests_support(client_for, alex):
    enrollment = enrol(alex, day=7)
    for day in range(1, 8):
        Checkpoint.objects.create(
            author=alex,
            enrollment=enrollment,
            local_date=date(2026, 2, 24 + day) if day < 5 else date(2026, 3, day - 4),
            day=day,
            moment=0,
            temperature=2 if day != 4 else 8,
            behaviour="withdraw",
        )

    response = client_for(alex).get(reverse("programs:path"))

    assert "It has been a hard week" in response.text
    assert "Ask them to create their own CoupleSpace account and apply as a therapist" in (
        response.text
    )
    assert "they can send you an invitation" in response.text
    assert "They see nothing of yours unless you choose to share it" in response.text
    assert (
        f'<a href="{reverse("privacy")}#therapists-heading">What a therapist can see</a>'
        in response.text
    )


def test_no_suggestion_when_temperature_is_fine(client_for, alex):
    enrollment = enrol(alex, day=3)
    write_checkpoints(alex, enrollment, 3)

    page = client_for(alex).get(reverse("programs:path")).text

    assert "It has been a hard week" not in page
    assert "apply as a therapist" not in page


def test_changing_check_in_times_moves_the_reminder(client_for, alex):
    enrol(alex, day=1)

    client_for(alex).post(
        reverse("programs:times"), {"morning": "07:15", "midday": "12:30", "evening": "22:00"}
    )

    assert CheckpointPlan.objects.get(person=alex).time_strings() == ["07:15", "12:30", "22:00"]
    assert Reminder.objects.get(person=alex, kind="checkpoint").next_slot == "2026-03-02T12:30"


def test_times_out_of_order_are_refused(client_for, alex):
    response = client_for(alex).post(
        reverse("programs:times"), {"morning": "13:00", "midday": "12:00", "evening": "22:00"}
    )

    assert response.status_code == 400
    assert "Put the three times in order" in response.text


def test_the_reminder_is_generic_and_never_carries_an_entry(client_for, frozen, alex):
    enrollment = enrol(alex, day=1)
    write_checkpoints(alex, enrollment, 1, affected="my secret worry")

    dispatch(now=datetime(2026, 3, 2, 13, 0, tzinfo=UTC))

    notification = Notification.objects.get()
    assert str(notification) == "Time for your midday check-in"
    assert notification.url == reverse("programs:checkpoint")
    assert [message.subject for message in mail.outbox] == ["A reminder from CoupleSpace"]
    assert "my secret worry" not in mail.outbox[0].body


def test_reminders_come_in_the_persons_language(client_for, db):
    theo = make_person("theo", timezone="Asia/Shanghai", language="zh-hans")
    enrol(theo, day=1)

    dispatch(now=datetime(2026, 3, 2, 13, 0, tzinfo=UTC))  # 21:00 in Shanghai

    assert "该做晚间记录了" in client_for(theo).get(reverse("notifications")).text


def test_the_calendar_feed_lists_check_ins_in_the_persons_zone(client, alex):
    enrol(alex, day=6)
    token = CheckpointPlan.objects.get(person=alex).calendar_token

    response = client.get(reverse("programs:calendar", args=[token]))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = Calendar.from_ical(response.content).walk("VEVENT")
    starts = [event.decoded("dtstart") for event in events]
    assert [start.strftime("%d %H:%M") for start in starts] == [
        "02 08:00",
        "02 13:00",
        "02 21:00",
        "03 08:00",
        "03 13:00",
        "03 21:00",
    ]
    assert str(starts[0].tzinfo) == "Europe/London"
    assert {str(event["summary"]) for event in events} == {"Check-in"}


def test_a_wrong_or_replaced_calendar_token_is_404(client_for, client, alex):
    enrol(alex, day=1)
    old = CheckpointPlan.objects.get(person=alex).calendar_token

    client_for(alex).post(reverse("programs:new_calendar_link"))
    client.logout()

    assert client.get(reverse("programs:calendar", args=[old])).status_code == 404
    assert client.get(reverse("programs:calendar", args=["nothing-here"])).status_code == 404


# Privacy: private by default; shared only with the current partner; 404 for everyone else.


@pytest.fixture
def alex_entry(alex, sam, couple):
    enrollment = enrol(alex, day=3, together=True)
    return write_checkpoints(alex, enrollment, 1)[0]


def test_an_entry_is_private_until_shared(client_for, alex_entry, sam):
    url = reverse("programs:entry", args=[alex_entry.pk])

    assert client_for(sam).get(url).status_code == 404

    alex_entry.shared_with_partner = True
    alex_entry.save()
    assert client_for(sam).get(url).status_code == 200


def test_the_author_shares_and_unshares(client_for, alex, sam, alex_entry):
    share = reverse("share_entry", args=["programs-checkpoint", alex_entry.pk])
    partner_page = reverse("programs:partner")

    client_for(alex).post(share, {"shared": "1"})
    assert list(client_for(sam).get(partner_page).context["entries"]) == [alex_entry]

    client_for(alex).post(share, {"shared": "0"})
    assert list(client_for(sam).get(partner_page).context["entries"]) == []


def test_the_shared_page_lists_the_partners_check_ins_without_opening_their_notes(
    client_for, alex, sam, couple, opened
):
    enrollment = enrol(alex, day=3, together=True)
    write_checkpoints(alex, enrollment, 3, affected="the late shift", shared_with_partner=True)

    page = client_for(sam).get(reverse("programs:partner"))

    assert len(page.context["entries"]) == 3
    assert opened == []


def test_a_partner_cannot_share_or_change_someone_elses_entry(client_for, sam, alex_entry):
    response = client_for(sam).post(
        reverse("share_entry", args=["programs-checkpoint", alex_entry.pk]), {"shared": "1"}
    )

    assert response.status_code == 404
    alex_entry.refresh_from_db()
    assert alex_entry.shared_with_partner is False


def test_a_stranger_never_sees_an_entry_even_when_shared(client_for, casey, alex_entry):
    alex_entry.shared_with_partner = True
    alex_entry.save()

    assert client_for(casey).get(reverse("programs:entry", args=[alex_entry.pk])).status_code == 404
    assert client_for(casey).get(reverse("programs:partner")).context["other"] is None


def test_after_the_couple_ends_shared_entries_are_no_longer_visible(
    client_for, sam, couple, alex_entry
):
    alex_entry.shared_with_partner = True
    alex_entry.save()

    couple.end()
    sam.forget_membership()

    assert client_for(sam).get(reverse("programs:entry", args=[alex_entry.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, alex_entry):
    response = client.get(reverse("programs:entry", args=[alex_entry.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# Constant queries whatever the number of entries.


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["programs:path", "programs:checkpoint", "programs:partner"])
def test_pages_use_the_same_number_of_queries_for_10_and_1000_entries(client_for, page):
    few, many = make_person("few"), make_person("many")
    few_partner, many_partner = make_person("fewpartner"), make_person("manypartner")
    make_couple(few, few_partner)
    make_couple(many, many_partner)
    counts = []
    for person, partner, number in ((few, few_partner, 10), (many, many_partner, 1000)):
        enrollment = enrol(person, day=9, together=True)
        write_checkpoints(person, enrollment, number, shared_with_partner=True)
        write_checkpoints(partner, enrollment, number, shared_with_partner=True)
        counts.append(count_queries(client_for(person), reverse(page)))

    assert counts[0] == counts[1]


def test_the_check_in_page_reads_the_persons_check_ins_once(client_for, alex, couple):
    enrollment = enrol(alex, day=9, together=True)
    write_checkpoints(alex, enrollment, 21)
    client, url = client_for(alex), reverse("programs:checkpoint") + "?week=1"
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)

    assert page.status_code == 200
    assert len(page.context["entries"]) == 21  # days 1 to 7, three check-ins each
    reads = [q for q in queries if 'FROM "programs_checkpoint"' in q["sql"]]
    # the session, the person, the couple with the partner (whom each share switch names),
    # the program, check-in times, check-ins
    assert (len(reads), len(queries)) == (1, 6)


def test_the_demo_puts_alex_and_sam_on_day_9_with_a_week_of_check_ins(db):
    call_command("demo", stdout=StringIO())
    call_command("demo", stdout=StringIO())

    alex = User.objects.get(email="alex@example.com")
    sam = User.objects.get(email="sam@example.com")
    enrollment = Enrollment.objects.get(program__slug="security-and-sexuality")
    assert Enrollment.objects.for_person(sam) == enrollment
    assert enrollment.day_number(alex.local_today()) == 9
    second = Enrollment.objects.get(program__slug="talking-about-sex")
    assert (second.couple, second.day_number(alex.local_today())) == (alex.couple, 9)
    assert WishAnswer.objects.matches(sam, second, "wish-list") == [
        "long-cuddles",
        "massage",
        "slower",
    ]
    assert LogEntry.objects.filter(shared_with_partner=True).count() == 2
    assert sorted(set(Checkpoint.objects.filter(author=alex).values_list("day", flat=True))) == [
        1,
        2,
        3,
        4,
        5,
        6,
        7,
    ]
    assert (Checkpoint.objects.filter(author=alex).count(), Checkpoint.objects.count()) == (18, 33)
    assert Checkpoint.objects.filter(shared_with_partner=True).count() == 8


def test_the_path_speaks_simplified_chinese(client_for, db):
    theo = make_person("theo", timezone="Asia/Shanghai", language="zh-hans")
    enrol(theo, day=2)

    response = client_for(theo).get(reverse("programs:path"))

    assert "第 2 天 · 第 1 阶段" in response.text
    assert "觉察" in response.text
    assert "暂停计划" in response.text


def test_a_couple_enrolment_is_refused_when_the_partner_already_follows_one(
    client_for, alex, sam, couple
):
    enrol(sam, day=2)

    response = client_for(alex).post(
        reverse("programs:enrol"),
        {"program": "security-and-sexuality", "start_date": "2026-03-02", "together": "on"},
    )

    assert response.status_code == 400
    assert "Sam already follows this program on their own." in response.text
    assert Enrollment.objects.count() == 1


def test_today_offers_the_program_then_opens_on_todays_step(client_for, alex, sam, couple):
    client = client_for(alex)
    home = client.get(reverse("workspace")).text
    assert "See the program and start" in home

    enrol(alex, day=9, together=True)

    home = client.get(reverse("workspace")).text
    assert "Day 9 · Phase 2" in home
    assert 'href="/program/#day-9"' in home
    path = client.get(reverse("programs:path")).text
    assert 'id="day-9" aria-current="date"' in path


def test_each_phase_links_to_the_guide_section_behind_it(client_for, alex):
    enrol(alex, day=9)

    page = client_for(alex).get(reverse("programs:path")).text

    for step in range(1, 6):
        assert f'href="/guides/security-and-sexuality/#step-{step}">Why this step</a>' in page


def test_a_phase_pointing_at_a_missing_guide_section_fails_loading(tmp_path):
    data = json.loads((CONTENT_DIR / "security-and-sexuality.json").read_text())
    data["phases"][1]["guide_section"] = "step-9"
    path = tmp_path / "security-and-sexuality.json"
    path.write_text(json.dumps(data))

    with pytest.raises(ContentError) as error:
        read(path)
    assert "phase 2: guide_section 'step-9' is not a section of 'security-and-sexuality'" in str(
        error.value
    )


def test_after_a_break_up_each_partner_follows_the_program_alone_with_their_own_entries(
    client_for, alex, sam, couple
):
    together = enrol(alex, day=9, together=True)
    write_checkpoints(alex, together, 3, affected="alex's words")
    write_checkpoints(sam, together, 6, affected="sam's words", shared_with_partner=True)

    couple.end()

    sam_page = client_for(sam).get(reverse("programs:checkpoint") + "?week=1")
    assert sam_page.status_code == 200
    assert [entry.author for entry in sam_page.context["entries"]] == [sam] * 6
    assert "Day 9" in client_for(sam).get(reverse("programs:path")).text
    alex_page = client_for(alex).get(reverse("programs:checkpoint") + "?week=1")
    assert [entry.author for entry in alex_page.context["entries"]] == [alex] * 3
    assert not Checkpoint.objects.filter(shared_with_partner=True).exists()


def test_after_a_break_up_each_partner_keeps_their_check_in_reminders(alex, sam, couple):
    enrol(alex, day=2, together=True)
    couple.end()

    planned = Reminder.objects.filter(kind="checkpoint", next_due_at__isnull=False)
    assert sorted(r.person.name for r in planned) == ["Alex", "Sam"]
    assert Enrollment.objects.get(person=sam).couple is None


def test_what_was_shared_with_a_former_partner_is_not_shown_to_the_next(
    client_for, alex, sam, casey, couple
):
    together = enrol(alex, day=9, together=True)
    [shared, *_] = write_checkpoints(sam, together, 3, shared_with_partner=True)
    couple.end()
    make_couple(sam, casey)
    enrol(casey, day=2, together=True)
    client = client_for(casey)

    assert client.get(reverse("programs:partner")).context["entries"] == []
    assert client.get(reverse("programs:entry", args=[shared.pk])).status_code == 404


def test_a_break_up_from_before_this_release_is_mended_by_the_migration(
    client_for, alex, sam, couple
):
    together = enrol(alex, day=9, together=True)
    write_checkpoints(sam, together, 3, shared_with_partner=True)
    couple.memberships.update(active=False)  # as a break-up ended a couple before
    type(couple).objects.filter(pk=couple.pk).update(ended_at=together.created_at)
    sam.forget_membership()
    migration = import_module("programs.migrations.0007_part_ways_after_past_break_ups")

    migration.part_ways(apps, None)

    own = Enrollment.objects.get(person=sam)
    assert (own.start_date, own.created_at) == (together.start_date, together.created_at)
    assert Checkpoint.objects.filter(author=sam, enrollment=own).count() == 3
    assert not Checkpoint.objects.filter(shared_with_partner=True).exists()
    assert "Day 9" in client_for(sam).get(reverse("programs:path")).text


def test_the_dialogue_and_agreement_phases_open_their_tools(client_for, alex):
    enrol(alex, day=9)

    page = client_for(alex).get(reverse("programs:path")).text

    assert f'<a href="{reverse("agreements:dialogue_index")}">Open the needs dialogue</a>' in page
    assert f'<a href="{reverse("agreements:index")}">Open your security agreement</a>' in page


@pytest.mark.parametrize("page", ["programs:checkpoint", "programs:times"])
def test_an_empty_submission_is_explained_not_ignored(client_for, alex, page):
    enrol(alex, day=2)

    response = client_for(alex).post(reverse(page), {})

    assert response.status_code == 400
    assert "This field is required." in response.text


def test_two_check_ins_of_one_moment_saved_at_once_keep_one_with_the_latest_answers(
    client_for, alex, monkeypatch
):
    """The other device's check-in is saved after this one looked for the moment's check-in and
    before it saves its own."""
    enrollment = enrol(alex, day=3)
    original = CheckpointForm.save

    def other_device_first(form, *args, **kwargs):
        entry = original(form, *args, **kwargs)
        Checkpoint.objects.create(
            author=alex,
            enrollment=enrollment,
            local_date=alex.local_today(),
            day=3,
            moment=int(CHECK_IN["moment"]),
            temperature=9,
            behaviour="other",
        )
        return entry

    monkeypatch.setattr(CheckpointForm, "save", other_device_first)
    response = client_for(alex).post(reverse("programs:checkpoint"), CHECK_IN)

    assert response.status_code == 302
    kept = Checkpoint.objects.get()
    assert (kept.temperature, kept.affected) == (4, CHECK_IN["affected"])

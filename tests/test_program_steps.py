"""The second program, "Talking about sex, level by level": its steps (a safety plan written
together, a private wish list, a touch log), enrolling in one program or both, where to start,
reminders, export, a break-up and a therapist's assignment."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.urls import reverse

from couplespace.models import Assignment, Care, Notification, Reminder
from programs.models import Enrollment, LogEntry, PlanPart, WishAnswer
from tests.assessments.conftest import make_result
from tests.programs_helpers import SECOND, enrol, load_program, load_second_program
from tests.reminders import dispatch
from tests.test_safety_unseen import normalised

# Monday 2 March 2026, 10:00 in London (GMT).
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
WISH_LIST = reverse("programs:step", args=[SECOND, "wish-list"])
SAFETY_PLAN = reverse("programs:step", args=[SECOND, "safety-plan"])
TOUCH_LOG = reverse("programs:step", args=[SECOND, "touch-log"])
ITEMS = [
    "more-kissing",
    "long-cuddles",
    "massage",
    "morning",
    "slower",
    "talk-during",
    "new-place",
    "lights",
    "showering",
    "planning",
    "toys",
    "initiating",
]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def programs(db):
    return load_program(), load_second_program()


@pytest.fixture
def together(alex, sam, couple):
    return enrol(alex, day=9, together=True, slug=SECOND)


def browser_of(person) -> Client:
    """A browser of the person's own: their session, their cookies, their messages."""
    client = Client()
    client.force_login(person)
    return client


def answer(client, **answers):
    """Post a whole wish list: the items named get their answer, the rest "not decided"."""
    return client.post(WISH_LIST, {item: answers.get(item, "") for item in ITEMS})


def match_list(page: str) -> str:
    """The "What we both welcome" card of a wish-list page."""
    return page.split('id="matches-heading"')[1].split("</section>")[0]


# The wish list


def test_only_items_both_marked_yes_or_maybe_are_shown_to_the_couple(
    client_for, alex, sam, together
):
    answer(client_for(alex), massage="yes", morning="maybe", toys="yes", lights="no")
    answer(client_for(sam), massage="maybe", morning="yes", toys="no", showering="yes")

    for person in (alex, sam):
        shown = match_list(client_for(person).get(WISH_LIST).text)
        assert "Giving or receiving a massage" in shown
        assert "Intimacy in the morning" in shown
        for private in ("Trying a toy together", "A different light", "Showering or bathing"):
            assert private not in shown
    assert WishAnswer.objects.matches(alex, together, "wish-list") == ["massage", "morning"]


def test_a_partners_no_reads_byte_for_byte_as_an_item_not_answered(client_for, alex, sam, together):
    """What alex can open (the wish list, the path, Today, the programs page) is the same
    whether sam said "no" to an item alex welcomes or has not answered it yet."""
    alexs, sams = browser_of(alex), browser_of(sam)
    answer(alexs, massage="yes", toys="yes", slower="maybe")
    answer(sams, massage="yes")
    pages = [
        WISH_LIST,
        reverse("programs:path_of", args=[SECOND]),
        reverse("programs:choose"),
        reverse("workspace"),
    ]
    alexs.get(WISH_LIST)  # the "saved" message, shown once
    before = {url: normalised(alexs.get(url).content) for url in pages}

    answer(sams, massage="yes", toys="no", slower="no")
    after = {url: normalised(alexs.get(url).content) for url in pages}

    assert after == before
    assert WishAnswer.objects.filter(person=sam).count() == 3


def test_not_decided_stores_nothing_and_takes_an_answer_back(client_for, alex, sam, together):
    client = client_for(alex)

    response = answer(client, massage="yes", toys="no")

    assert response.status_code == 302
    assert sorted(WishAnswer.objects.filter(person=alex).values_list("item", flat=True)) == [
        "massage",
        "toys",
    ]
    answer(client, massage="maybe")
    assert list(WishAnswer.objects.filter(person=alex).values_list("item", "answer")) == [
        ("massage", "maybe")
    ]
    page = client.get(WISH_LIST).text
    assert 'value="maybe" class="wish" id="id_massage_2" checked' in page


def test_an_answer_that_is_not_offered_is_refused_and_nothing_is_saved(
    client_for, alex, sam, together
):
    response = client_for(alex).post(WISH_LIST, {"massage": "yes", "toys": "always"})

    assert response.status_code == 400
    assert "Please check the marked answers" in response.text
    assert not WishAnswer.objects.exists()


def test_the_wish_list_is_kept_from_the_database_dump(client_for, alex, sam, together):
    answer(client_for(alex), massage="no")

    raw = WishAnswer.objects.values_list("answer", flat=True).query
    with connection.cursor() as cursor:
        cursor.execute(str(raw))
        (stored,) = cursor.fetchone()
    assert stored.startswith("enc1:")


def test_followed_alone_nothing_is_compared(client_for, alex, sam, couple):
    enrol(alex, day=9, slug=SECOND)
    enrol(sam, day=9, slug=SECOND)
    answer(client_for(alex), massage="yes")
    answer(client_for(sam), massage="yes")

    shown = match_list(client_for(alex).get(WISH_LIST).text)

    assert "nothing is compared" in shown
    assert "massage" not in shown


# The safety plan, written together


def test_the_safety_plan_is_written_together_and_a_change_meanwhile_is_not_lost(
    client_for, alex, sam, together
):
    plan = {"signal": "", "after": "", "refusal": ""}
    was = {f"{key}__was": "" for key in plan}
    client_for(alex).post(SAFETY_PLAN, {**plan, **was, "signal": "pineapple"})

    page = client_for(sam).get(SAFETY_PLAN).text
    assert "pineapple" in page
    assert "Last changed by Alex" in page

    # sam started writing on a page drawn before alex's change
    response = client_for(sam).post(SAFETY_PLAN, {**plan, **was, "signal": "red light"})
    assert response.status_code == 400
    assert "Alex changed this part while you were writing" in response.text
    assert "red light" in response.text
    assert PlanPart.objects.get(section="signal").text == "pineapple"


def test_a_person_following_it_alone_writes_the_plan_for_themself(client_for, alex, sam, couple):
    enrol(alex, day=2, slug=SECOND)
    client_for(alex).post(
        SAFETY_PLAN, {"signal": "pineapple", "after": "", "refusal": "", "signal__was": ""}
    )

    assert "pineapple" not in client_for(sam).get(SAFETY_PLAN).text
    assert "write the plan for yourself" in client_for(alex).get(SAFETY_PLAN).text


# The touch log


def test_a_log_line_is_private_until_its_author_shares_it(client_for, alex, sam, together):
    client, sams = browser_of(alex), browser_of(sam)
    client.post(TOUCH_LOG, {"text": "A long hug in the kitchen."})
    client.post(TOUCH_LOG, {"text": "Held hands on the sofa.", "shared_with_partner": "on"})

    lines = {line.text: line for line in LogEntry.objects.all()}
    assert lines["A long hug in the kitchen."].day == 9
    page = sams.get(TOUCH_LOG).text
    assert "Held hands on the sofa." in page and "shared by Alex" in page
    assert "A long hug in the kitchen." not in page

    hug = lines["A long hug in the kitchen."]
    client.post(reverse("share_entry", args=["programs-logentry", hug.pk]), {"shared": "1"})
    assert "A long hug in the kitchen." in sams.get(TOUCH_LOG).text
    client.post(reverse("share_entry", args=["programs-logentry", hug.pk]), {"shared": "0"})
    assert "A long hug in the kitchen." not in sams.get(TOUCH_LOG).text


def test_an_empty_log_line_is_refused_with_a_clear_message(client_for, alex, together):
    response = client_for(alex).post(TOUCH_LOG, {"text": "  ", "shared_with_partner": "on"})

    assert response.status_code == 400
    assert "Write a few words about it." in response.text
    assert not LogEntry.objects.exists()


def test_a_partner_cannot_share_a_line_that_is_not_theirs(client_for, alex, sam, together):
    client_for(alex).post(TOUCH_LOG, {"text": "A long hug.", "shared_with_partner": "on"})
    line = LogEntry.objects.get()

    response = client_for(sam).post(
        reverse("share_entry", args=["programs-logentry", line.pk]), {"shared": "0"}
    )

    assert response.status_code == 404
    line.refresh_from_db()
    assert line.shared_with_partner is True


# Enrolling: one program or both, and where to start


def test_the_programs_page_says_one_can_follow_one_or_both(client_for, alex):
    enrol(alex, day=3)

    page = client_for(alex).get(reverse("programs:choose")).text

    assert "You can follow both programs at the same time, or one and then the other." in page
    assert "You are following it." in page
    assert "Start “Talking about sex, level by level”" in page


def test_both_programs_at_once_each_with_its_own_path_and_today(client_for, alex, sam, couple):
    enrol(alex, day=3, together=True)
    client = client_for(alex)

    response = client.post(
        reverse("programs:enrol"),
        {"program": SECOND, "start_date": "2026-03-02", "start_phase": "facts", "together": "on"},
    )

    assert response.status_code == 302
    assert response.url == reverse("programs:path_of", args=[SECOND])
    assert {e.program.slug for e in Enrollment.objects.followed_by(sam)} == {
        "security-and-sexuality",
        SECOND,
    }
    assert "Check in now" in client.get(reverse("programs:path")).text
    second = client.get(reverse("programs:path_of", args=[SECOND])).text
    assert "Our safety plan" in second
    assert "You also follow “Security and sexuality”." in second
    today = client.get(reverse("workspace")).text
    assert "Talking about sex, level by level" in today
    assert f'href="/program/path/{SECOND}/#day-1"' in today


@pytest.mark.parametrize(
    "level, phase, day",
    [("facts", "Facts", 1), ("preferences", "Preferences", 8), ("emotions", "Emotions", 15)],
)
def test_the_tests_level_answer_suggests_where_to_start(client_for, alex, level, phase, day):
    make_result(alex, level=level)
    client = client_for(alex)

    page = client.get(reverse("programs:choose")).text

    assert f"Your latest test result suggests starting with “{phase}”" in page
    chosen = re.search(rf'value="(\w+)" required id="id_{SECOND}_start_phase_\d" checked', page)
    assert chosen.group(1) == level
    client.post(
        reverse("programs:enrol"),
        {"program": SECOND, "start_date": "2026-03-02", "start_phase": level},
    )
    assert Enrollment.objects.for_person(alex, SECOND).day_today(alex) == day


def test_without_a_test_result_it_starts_with_facts_and_suggests_nothing(client_for, alex):
    page = client_for(alex).get(reverse("programs:choose")).text

    assert "suggests starting with" not in page
    assert "Earlier levels are then behind you on the calendar" in page


def test_the_check_in_pages_send_someone_who_follows_only_the_second_program_to_the_programs(
    client_for, alex
):
    enrol(alex, day=2, slug=SECOND)

    for name in ("checkpoint", "practice", "weekly", "rituals"):
        response = client_for(alex).get(reverse(f"programs:{name}"))
        assert (response.status_code, response.url) == (302, reverse("programs:choose")), name


def test_a_step_the_program_does_not_hold_is_not_found(client_for, alex):
    enrol(alex, day=2, slug=SECOND)

    response = client_for(alex).get(reverse("programs:step", args=[SECOND, "no-such-step"]))

    assert response.status_code == 404


# Reminders


def test_the_second_program_reminds_of_the_days_step_each_evening_until_its_last_day(
    client_for, alex, sam, couple
):
    enrol(alex, day=3, together=True)
    second = enrol(alex, day=1, together=True, slug=SECOND)

    steps = {r.person.name: r for r in Reminder.objects.filter(kind="daily_step")}
    assert steps["Alex"].rule == {"times": ["19:00"], "from": "2026-03-02", "until": "2026-03-29"}
    assert steps["Alex"].next_due_at == datetime(2026, 3, 2, 19, 0, tzinfo=UTC)
    assert set(steps) == {"Alex", "Sam"}
    assert Reminder.objects.get(person=alex, kind="checkpoint").next_due_at is not None

    second.pause(alex)  # pausing one program stops only its reminders

    assert not Reminder.objects.get(person=alex, kind="daily_step").next_due_at
    assert Reminder.objects.get(person=alex, kind="checkpoint").next_due_at is not None


def test_after_a_break_up_each_keeps_the_program_its_entries_and_a_copy_of_the_plan(
    client_for, alex, sam, couple, together
):
    client_for(sam).post(SAFETY_PLAN, {"signal": "pineapple", "after": "", "refusal": ""})
    answer(client_for(sam), massage="yes")
    client_for(sam).post(TOUCH_LOG, {"text": "A hug.", "shared_with_partner": "on"})

    couple.end()

    sams = Enrollment.objects.for_person(sam, SECOND)
    assert sams.person == sam and not sams.together
    assert WishAnswer.objects.get(person=sam).enrollment == sams
    line = LogEntry.objects.get(author=sam)
    assert (line.enrollment, line.shared_with_partner) == (sams, False)
    assert "pineapple" in client_for(sam).get(SAFETY_PLAN).text
    assert "pineapple" in client_for(alex).get(SAFETY_PLAN).text
    assert Reminder.objects.get(person=sam, kind="daily_step").next_due_at is not None


# The therapist


def test_a_therapist_assigns_the_second_program_and_the_client_is_led_to_it(client_for, theo, alex):
    care = Care.objects.create(therapist=theo, email=alex.email)
    care.accept(alex, set())

    client_for(theo).post(
        reverse("therapist_client", args=[care.pk]),
        {"step": "program:talking-about-sex", "due_date": "2026-03-06", "note": "Week one only."},
    )

    assignment = Assignment.objects.get()
    assert assignment.due_date == date(2026, 3, 2) + timedelta(days=4)
    home = client_for(alex).get(reverse("workspace")).text
    assert 'href="/program/path/talking-about-sex/"><strong>Start “Talking about sex' in home
    assert "Week one only." in home
    offer = client_for(alex).get("/program/path/talking-about-sex/")
    assert offer.url == reverse("programs:choose") + "#program-talking-about-sex"


def test_the_privacy_page_says_who_reads_the_wish_list_and_the_log(client_for, alex, sam, together):
    client = client_for(alex)
    answer(client, massage="no")
    client.post(TOUCH_LOG, {"text": "A hug.", "shared_with_partner": "on"})
    client.post(TOUCH_LOG, {"text": "Another hug."})

    page = client.get(reverse("privacy")).text

    assert "Your partner sees only the items you both welcome, never an answer." in page
    assert "Your partner sees 1 of your 2 lines; the rest are private." in page


def test_pausing_the_second_program_from_its_path_leaves_the_first_running(
    client_for, alex, sam, couple
):
    first = enrol(alex, day=3)
    second = enrol(alex, day=2, slug=SECOND)
    client = client_for(alex)

    response = client.post(reverse("programs:pause"), {"program": SECOND})

    assert response.url == reverse("programs:path_of", args=[SECOND])
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.is_paused and not first.is_paused
    assert "Resume the program" in client.get(reverse("programs:path_of", args=[SECOND])).text
    client.post(reverse("programs:resume"), {"program": SECOND})
    second.refresh_from_db()
    assert not second.is_paused


def test_the_wish_list_speaks_simplified_chinese(client_for, alex, sam, together):
    alex.language = "zh-hans"
    alex.save()

    page = client_for(alex).get(WISH_LIST).text

    assert "我们的心愿清单" in page
    for answer_word in ("还没决定", "愿意", "也许", "不要"):
        assert f"> {answer_word}</label>" in page
    assert "Giving or receiving a massage" not in page


def test_the_days_step_reminder_is_sent_in_the_evening_and_opens_the_programs(
    client_for, alex, sam, together
):
    dispatch(datetime(2026, 3, 2, 19, 0, tzinfo=UTC))

    notices = {notice.person.name: str(notice) for notice in Notification.objects.all()}
    assert notices == {"Alex": "Today’s step is waiting", "Sam": "Today’s step is waiting"}
    page = client_for(alex).get(reverse("notifications")).text
    assert 'href="/program/all/"' in page


def test_following_only_the_second_program_suggests_none_of_the_first_programs_pages(
    client_for, alex
):
    enrol(alex, day=2, slug=SECOND)

    home = client_for(alex).get(reverse("workspace")).text

    assert reverse("programs:outcome") not in home
    assert reverse("programs:checkpoint") not in home
    assert "Day 2 · Phase 1" in home

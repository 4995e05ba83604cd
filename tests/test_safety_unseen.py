"""A private "yes" to the safety question changes nothing the partner can see.

alex and sam have done a little of everything together: an agreement with a signal and a pause,
a needs dialogue, a revealed weekly check-in, a shared checkpoint, compared test results. Then
alex answers "Yes, sometimes" to "Do you ever feel afraid of your partner?". Every page sam can
open (every GET route of the URL conf, the parametrised ones with the objects of the access
matrix) must read byte for byte as before, apart from the tokens that change on every request:
what sam has seen stays seen, and what changes from now on looks like a partner who has not
acted yet.
"""

import difflib
import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from assessments.models import PartnerConsent
from couplespace.models import SafetyAnswer
from programs.models import CheckpointPlan, WeeklyCheckIn
from tests.assessments.conftest import make_result
from tests.test_access_matrix import ROWS, world  # noqa: F401 (the access matrix's world)

NOT_PAGES = {"admin"}  # the admin site is for staff, and sam is not staff
TOKENS = [
    (re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*'), r"\1"),
    (re.compile(r'(nonce=")[^"]*'), r"\1"),
    (re.compile(r'("csrfToken": ")[^"]*'), r"\1"),
    (re.compile(r'(data-csrf=")[^"]*'), r"\1"),
    # A new key for each check-in form, so that a resent one is saved once (programs/forms.py).
    (re.compile(r'(name="client_key" value=")[^"]*'), r"\1"),
]


def normalised(content: bytes) -> bytes:
    text = content.decode()
    for pattern, replacement in TOKENS:
        text = pattern.sub(replacement, text)
    return text.encode()


def takes_no_parameter(pattern) -> bool:
    plain = isinstance(pattern, URLPattern) and not pattern.pattern.regex.groups
    return plain and bool(pattern.name) and not pattern.pattern.converters


def plain_get_routes() -> list[str]:
    """Every named route of the URL conf that takes no parameter (the admin's aside)."""
    names = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace not in NOT_PAGES:
                    walk(pattern.url_patterns, pattern.namespace or namespace)
            elif takes_no_parameter(pattern):
                names.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def parametrised_pages_for_the_partner(world) -> list[str]:  # noqa: F811
    """The access matrix's objects that the partner may open, and sam's own."""
    urls = [
        reverse(name, kwargs=row.kwargs(world))
        for name, row in sorted(ROWS.items())
        if row.get["partner"] not in (404, 405)
    ]
    sams_result = make_result(world.partner)
    plan, _ = CheckpointPlan.objects.get_or_create(person=world.partner)
    return [
        *urls,
        reverse("assessments:result", kwargs={"result_id": sams_result.pk}),
        reverse("assessments:report", kwargs={"result_id": sams_result.pk}),
        reverse("programs:calendar", kwargs={"token": plan.calendar_token}),
    ]


@pytest.fixture
def lived_in(world, client):  # noqa: F811
    """Done together before alex answers: a weekly check-in each (revealed), a shared
    checkpoint, and both test results compared."""
    alex, sam = world.owner, world.partner
    for person, temperature in ((alex, 7), (sam, 6)):
        client.force_login(person)
        client.post(reverse("programs:weekly"), {"temperature": temperature, "contributed": "ok"})
        PartnerConsent.set(person=person, couple=person.couple, given=True)
    make_result(alex)
    client.force_login(alex)
    client.post(
        reverse("share_entry", args=["programs-checkpoint", world.entry.pk]), {"shared": "1"}
    )
    client.logout()
    client.cookies.clear()  # the "saved" messages, which would show on the first page only
    return world


# Pages that read a week from the query string: the weeks the lived-in world has entries for.
BY_WEEK = ["programs:checkpoint", "programs:partner"]


def every_page_for_sam(world) -> list[str]:  # noqa: F811
    urls = [reverse(name) for name in plain_get_routes()]
    urls += [f"{reverse(name)}?week={week}" for name in BY_WEEK for week in (1, 2)]
    return urls + parametrised_pages_for_the_partner(world)


def sams_pages(client, urls) -> dict[str, tuple]:
    """Each page as a browser gets it and as htmx gets it (some views answer htmx with a part)."""
    pages = {}
    for url in urls:
        for htmx in (False, True):
            response = client.get(url, headers={"HX-Request": "true"} if htmx else {})
            content = normalised(response.content)
            pages[url, htmx] = (response.status_code, response.get("Location"), content)
    return pages


def differences(before: dict, after: dict) -> dict[str, str]:
    """The pages that changed, each with a diff of what changed."""
    changed = {}
    for url, (status, location, content) in before.items():
        if (status, location, content) != after[url]:
            changed[url] = f"{status} -> {after[url][0]}\n" + "".join(
                difflib.unified_diff(
                    content.decode().splitlines(True), after[url][2].decode().splitlines(True)
                )
            )
    return changed


@pytest.fixture
def frozen():
    with time_machine.travel(datetime(2029, 6, 5, 9, 30, tzinfo=UTC), tick=False):
        yield


def test_sam_sees_the_weekly_answers_before_alex_answers(frozen, lived_in, client):
    client.force_login(lived_in.partner)

    page = client.get(reverse("programs:weekly")).content.decode()

    assert '<span class="temperature">7/10</span>' in page


def test_every_page_sam_can_open_is_the_same_after_alexs_yes(frozen, lived_in, client):
    alex, sam = lived_in.owner, lived_in.partner
    urls = every_page_for_sam(lived_in)
    client.force_login(sam)
    before = sams_pages(client, urls)

    client.force_login(alex)
    client.post(reverse("safety"), {"feels_afraid": "yes"})
    assert SafetyAnswer.objects.get(person=alex).feels_afraid
    client.force_login(sam)
    after = sams_pages(client, urls)

    assert differences(before, after) == {}
    assert len(urls) > 60
    assert sum(status == 200 for status, _, _ in after.values()) > 80


def answer_the_week(person, temperature: int, words: str) -> None:
    """`person` answers this week's check-in, in a browser of their own."""
    browser = Client()
    browser.force_login(person)
    browser.post(reverse("programs:weekly"), {"temperature": temperature, "contributed": words})


def say_yes(person) -> None:
    browser = Client()
    browser.force_login(person)
    browser.post(reverse("safety"), {"feels_afraid": "yes"})
    assert SafetyAnswer.objects.get(person=person).feels_afraid


def as_if_alex_had_not_answered(client, lived, urls) -> tuple[dict, dict]:
    """sam's pages with alex's unseen answer for this week, and with that answer gone."""
    client.force_login(lived.partner)
    with_it = sams_pages(client, urls)
    deleted, _ = WeeklyCheckIn.objects.filter(person=lived.owner, week=2).delete()
    assert deleted == 1
    return with_it, sams_pages(client, urls)


@pytest.fixture
def next_week(frozen, lived_in):
    """A week after the lived-in week: a new weekly check-in neither has answered."""
    with time_machine.travel(datetime(2029, 6, 12, 9, 30, tzinfo=UTC), tick=False):
        yield lived_in


def test_what_alex_answers_after_the_yes_looks_to_sam_like_no_answer(next_week, client):
    alex, sam = next_week.owner, next_week.partner
    urls = every_page_for_sam(next_week)
    say_yes(alex)
    client.force_login(sam)
    before = sams_pages(client, urls)

    answer_the_week(alex, 3, "Written after I answered privately.")
    assert differences(before, sams_pages(client, urls)) == {}
    answer_the_week(sam, 6, "A calm week.")

    with_it, without_it = as_if_alex_had_not_answered(client, next_week, urls)
    assert differences(with_it, without_it) == {}
    assert b"A calm week." in with_it[reverse("programs:weekly"), False][2]


def test_an_answer_waiting_when_the_yes_comes_looks_to_sam_like_no_answer(next_week, client):
    alex, sam = next_week.owner, next_week.partner
    urls = every_page_for_sam(next_week)
    answer_the_week(alex, 4, "Written before I answered privately.")
    say_yes(alex)
    answer_the_week(sam, 6, "A calm week.")

    with_it, without_it = as_if_alex_had_not_answered(client, next_week, urls)

    assert differences(with_it, without_it) == {}
    assert b"Written before" not in with_it[reverse("programs:weekly"), False][2]

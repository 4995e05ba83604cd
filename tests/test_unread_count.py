"""The unread count in the navigation: one query, and 304 while nothing changed."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from couplespace.models import Notification

URL = reverse("unread_count")
# the session, the person, the count
COUNT_QUERIES = 3


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime(2026, 5, 4, 10, 0, tzinfo=UTC), tick=False) as traveller:
        yield traveller


def notice(person, **fields) -> Notification:
    return Notification.objects.create(person=person, kind="signal", title="A signal", **fields)


def test_the_count_is_of_my_unread_notices_only(client_for, alex, sam):
    notice(sam), notice(sam), notice(sam, read_at=timezone.now()), notice(alex)

    response = client_for(sam).get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert '<span class="visually-hidden">Notifications, 2 unread</span>' in page
    assert '<span class="badge" aria-hidden="true">2</span>' in page


def test_one_answer_also_fills_the_phones_tab_bar_out_of_band(client_for, sam):
    notice(sam), notice(sam)

    page = client_for(sam).get(URL).content.decode()

    menu = page[page.index('<span data-fill="unread-menu">') :]
    assert '<span class="visually-hidden">Notifications, 2 unread</span>' in menu
    tab = page[page.index('<span data-fill="unread-tab">') :]
    assert tab.startswith('<span data-fill="unread-tab"><span class="badge">2')


def test_every_page_has_the_places_the_answer_fills_and_only_one_poll(client_for, sam):
    page = client_for(sam).get(reverse("workspace")).content.decode()

    assert page.count(f'data-count-url="{URL}"') == 1
    assert 'id="unread-tab"' in page and 'id="unread-menu"' in page


def test_nothing_unread_shows_no_badge(client_for, sam):
    assert "badge" not in client_for(sam).get(URL).content.decode()


def test_it_answers_304_in_one_query_while_nothing_changed(
    client_for, sam, frozen, django_assert_num_queries
):
    notice(sam)
    client = client_for(sam)
    first = client.get(URL)
    etag = first["ETag"]
    assert "no-store" in first["Cache-Control"]  # a count of someone's notices stays theirs

    with django_assert_num_queries(COUNT_QUERIES):
        again = client.get(URL, headers={"If-None-Match": etag})

    assert again.status_code == 304
    assert again.content == b""
    frozen.shift(timedelta(seconds=15))
    notice(sam)
    changed = client.get(URL, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert '<span class="badge" aria-hidden="true">2</span>' in changed.content.decode()


def test_reading_the_notices_changes_the_answer(client_for, sam):
    notice(sam)
    client = client_for(sam)
    etag = client.get(URL)["ETag"]

    client.post(reverse("mark_notifications_read"))
    response = client.get(URL, headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert "badge" not in response.content.decode()


def test_someone_not_signed_in_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from assessments.models import ShareLink
from couplespace.models import Invitation, User
from programs.models import CheckpointPlan
from tests.assessments.conftest import make_result
from tests.browser.test_accessibility import demo_people, pages_of
from tests.programs_helpers import enrol, load_program


@pytest.fixture
def page_urls(invitation):
    return [
        reverse("landing"),
        reverse("help"),
        reverse("guides"),
        reverse("guide", args=["security-and-sexuality"]),
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
        reverse("invitation", args=[invitation.token]),
    ]


def test_get_help_and_quick_exit_are_on_every_page(client, page_urls, alex, client_for):
    for url in page_urls:
        page = client.get(url).content.decode()
        assert 'href="/help/"' in page, url
        assert "data-quick-exit" in page, url
    signed_in = client_for(alex)
    for url in [reverse("workspace"), reverse("preferences")]:
        page = signed_in.get(url).content.decode()
        assert 'href="/help/"' in page and "data-quick-exit" in page, url


def current_tabs(page: str) -> list[str]:
    return re.findall(
        r'<a class="tab" href="[^"]+" aria-current="page">.*?<span>([^<]+)</span>', page
    )


def test_the_header_each_person_sees_is_their_own_though_every_process_renders_it_once(
    alex, sam, theo
):
    """The header, navigation and footer are kept per language and tab (base.html): what one
    person was shown must not reach the next."""
    load_program()
    sam.language = "zh-hans"
    sam.save()
    readers = {"alex": Client(), "sam": Client(), "theo": Client()}
    for name, person in (("alex", alex), ("sam", sam), ("theo", theo)):
        readers[name].force_login(person)

    def page(name, url):
        response = readers[name].get(url)
        assert response.status_code == 200, url
        return response.content.decode()

    assert current_tabs(page("theo", reverse("workspace"))) == ["Today"]
    assert 'href="/therapist/"' in page("theo", reverse("workspace"))
    assert 'href="/therapist/"' not in page("alex", reverse("workspace"))
    assert current_tabs(page("alex", reverse("workspace"))) == ["Today"]
    assert current_tabs(page("alex", reverse("programs:path"))) == ["Program"]
    assert current_tabs(page("alex", reverse("agreements:index"))) == ["Agreement"]
    assert current_tabs(page("alex", reverse("preferences"))) == []
    assert current_tabs(page("sam", reverse("programs:path"))) == ["计划"]
    assert ">Program<" not in page("sam", reverse("workspace"))
    assert ">计划<" not in page("alex", reverse("workspace"))
    visitor = Client().get(reverse("help")).content.decode()
    assert 'href="/account/login/"' in visitor and 'action="/account/logout/"' not in visitor


def test_the_forms_in_the_header_and_footer_carry_each_readers_own_token(alex, sam):
    """Logging out and switching language post a CSRF token: each person's page has theirs."""
    readers = {}
    for person in (alex, sam):
        readers[person] = Client(enforce_csrf_checks=True)
        readers[person].force_login(person)
    pages = {
        person: reader.get(reverse("help")).content.decode() for person, reader in readers.items()
    }
    for person, reader in readers.items():
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', pages[person])[1]
        switched = reader.post(
            reverse("set_language"),
            {"csrfmiddlewaretoken": token, "language": "zh-hans", "next": reverse("help")},
        )
        assert switched.status_code == 302, person
        logged_out = reader.post(reverse("account_logout"), {"csrfmiddlewaretoken": token})
        assert logged_out.status_code == 302, person
        assert reader.get(reverse("workspace")).status_code == 302, person


def test_the_help_page_lists_crisis_lines(client, db):
    page = client.get(reverse("help")).content.decode()

    assert "National Domestic Violence Hotline: 1-800-799-7233" in page
    assert 'href="tel:12338"' in page
    assert "press Escape twice" in page


def test_every_script_carries_the_nonce_of_its_response(client, db):
    client.post(reverse("assessments:begin"))
    response = client.get(reverse("assessments:step", args=[1]))  # htmx's tag has the nonce

    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    scripts = re.findall(r"<script[^>]*>", response.content.decode())
    assert len(scripts) >= 2
    assert all(f'nonce="{nonce}"' in tag or "src=" in tag for tag in scripts)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_pages_have_no_inline_styles_or_inline_scripts(client, page_urls):
    for url in page_urls:
        page = client.get(url).content.decode()
        assert " style=" not in page, url
        assert "<style" not in page, url
        inline_scripts = [s for s in re.findall(r"<script([^>]*)>", page) if "src=" not in s]
        assert inline_scripts == [], url


def test_a_visitor_switches_to_chinese(client, db):
    response = client.post(
        reverse("set_language"), {"language": "zh-hans", "next": reverse("help")}, follow=True
    )

    assert "<h1>寻求帮助</h1>" in response.content.decode()


def test_the_language_choice_is_kept_on_the_account(client, alex):
    client.force_login(alex)
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    alex.refresh_from_db()
    assert alex.language == "zh-hans"

    client.logout()
    client.cookies.clear()
    client.force_login(alex)
    assert "<h1>今天</h1>" in client.get(reverse("workspace")).content.decode()


def test_a_new_account_keeps_the_language_it_signed_up_in(client, db):
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    client.post(
        reverse("account_signup"),
        {"email": "lin@example.com", "password1": "a calm long passphrase", "timezone": "UTC"},
    )

    assert User.objects.get(email="lin@example.com").language == "zh-hans"


def test_times_are_shown_in_the_persons_own_zone(client_for, alex):
    alex.timezone = "Asia/Shanghai"
    alex.save()
    Invitation.objects.create(inviter=alex, created_at=datetime(2026, 3, 1, 12, tzinfo=UTC))

    with time_machine.travel("2026-03-02 09:00Z"):
        page = client_for(alex).get(reverse("workspace")).content.decode()

    assert "Expires March 8, 2026, 8 p.m." in page


def test_preferences_refuse_an_unknown_zone_and_keep_the_name_typed(client_for, alex):
    response = client_for(alex).post(
        reverse("preferences"),
        {"display_name": "Lex", "timezone": "Mars/Olympus", "language": "en"},
    )

    page = response.content.decode()
    assert "Select a valid choice. Mars/Olympus is not one of the available choices." in page
    assert 'value="Lex"' in page
    alex.refresh_from_db()
    assert (alex.display_name, alex.timezone) == ("Alex", "UTC")


def test_preferences_save_name_zone_and_language(client_for, alex):
    client_for(alex).post(
        reverse("preferences"),
        {"display_name": "Lex", "timezone": "Australia/Lord_Howe", "language": "zh-hans"},
    )

    alex.refresh_from_db()
    assert (alex.display_name, alex.timezone, alex.language) == (
        "Lex",
        "Australia/Lord_Howe",
        "zh-hans",
    )


def test_log_in_with_email_and_log_out(client, alex):
    response = client.post(
        reverse("account_login"), {"login": "ALEX@example.com", "password": "alex-pass"}
    )
    assert response.url == reverse("workspace")

    client.post(reverse("account_logout"))
    assert client.get(reverse("workspace")).status_code == 302


def test_a_forgotten_password_is_reset_by_email(
    client, alex, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "alex@example.com"})

    assert len(mailoutbox) == 1
    link = re.search(r"https://\S+/account/password/reset/key/\S+", mailoutbox[0].body).group(0)
    form_url = client.get(link.replace("https://testserver", "")).url
    new_password = "a brand new passphrase"
    client.post(form_url, {"password1": new_password, "password2": new_password})
    client.logout()
    assert client.login(email="alex@example.com", password="a brand new passphrase")


def test_the_health_check_answers_when_the_database_does(client, db):
    response = client.get(reverse("health"))

    assert (response.status_code, response.content) == (200, b"ok")


def test_pages_for_a_signed_in_person_are_never_cached(client_for, alex):
    response = client_for(alex).get(reverse("workspace"))

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_pages_showing_a_persons_data_without_a_sign_in_are_never_cached(client, alex):
    link = ShareLink.objects.create(result=make_result(alex))

    for url in (reverse("assessments:shared", args=[link.token]), reverse("landing")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def test_the_calendar_feed_may_be_kept_only_by_the_calendar_app_itself(client, alex):
    load_program()
    enrol(alex)
    token = CheckpointPlan.objects.get(person=alex).calendar_token

    response = client.get(reverse("programs:calendar", args=[token]))

    assert response["Cache-Control"] == "private, max-age=300"


def test_robots_txt_says_it_may_be_cached(client, db):
    response = client.get("/robots.txt")

    assert "public" in response["Cache-Control"]
    assert "no-store" not in response["Cache-Control"]


def test_staff_log_in_to_the_admin_through_the_throttled_login(client, db):
    response = client.get("/admin/login/")

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert client.get(response.url).status_code == 200


def test_repeated_failed_logins_stop_further_attempts_for_a_while(client, alex):
    def attempt(password):
        return client.post(
            reverse("account_login"), {"login": "alex@example.com", "password": password}
        )

    with time_machine.travel("2026-05-01 10:00Z", tick=False):
        for _ in range(5):
            assert attempt("wrong").status_code == 200
        locked = attempt("alex-pass")
    assert "Too many failed login attempts for this address" in locked.content.decode()
    assert "_auth_user_id" not in client.session

    with time_machine.travel("2026-05-01 10:06Z", tick=False):
        assert attempt("alex-pass").status_code == 302


def test_an_empty_preferences_form_is_explained_not_ignored(client_for, alex):
    response = client_for(alex).post(reverse("preferences"), {})

    assert "This field is required." in response.content.decode()


def test_the_signed_in_sessions_page_lists_this_session(client, alex):
    client.post(reverse("account_login"), {"login": "alex@example.com", "password": "alex-pass"})

    response = client.get(reverse("usersessions_list"))

    assert response.status_code == 200
    assert "Current" in response.content.decode()


def test_htmx_loads_on_the_pages_with_hx_attributes_and_only_there(db):
    """htmx is 51 KB to compile and start on each page that loads it: a page's template asks for
    it (base.html's htmx block) when it has hx- attributes. The pages are the axe test's."""
    people = demo_people("en")
    visitor = Client()
    visitor.post(reverse("assessments:begin"))
    for who, urls in pages_of(people).items():
        client = visitor if who == "visitor" else Client()
        if who != "visitor":
            client.force_login(people[who])
        for url in [*urls, reverse("assessments:step", args=[1])]:
            page = client.get(url).content.decode()
            uses = bool(re.search(r"<[^>]*\shx-[a-z-]+=", page))
            assert uses == ("htmx-2.min.js" in page), (who, url, uses)

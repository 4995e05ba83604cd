"""The pages people meet when something goes wrong: the site's layout, Get help and Quick exit,
kind words in the person's language, and nothing that gives away what exists."""

import re
from unittest import mock

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections
from django.test import Client
from django.urls import reverse

from assessments.models import ShareLink
from tests.assessments.conftest import make_result
from tests.conftest import make_person

HEADINGS = {
    400: ("Something didn’t come through as expected", "有些内容没有按预期传过来"),
    403: ("This page isn’t available to this account", "这个页面没有对这个账户开放"),
    "csrf": ("Your form wasn’t sent", "表单没有发送出去"),
    404: ("We can’t find this page", "我们找不到这个页面"),
    429: ("Let’s take a short pause", "我们先停一下"),
    500: ("Something went wrong on our side", "我们这边出了点问题"),
}
LAYOUT = {
    "en": ("</svg>Get help</a>", "</svg>Quick exit</a>"),
    "zh-hans": ("</svg>寻求帮助</a>", "</svg>快速离开</a>"),
}


def visitor(language: str, **options) -> Client:
    """A browser that asks for pages in `language` and has never signed in."""
    accept = "zh-CN,zh;q=0.9" if language == "zh-hans" else "en-GB,en;q=0.9"
    return Client(HTTP_ACCEPT_LANGUAGE=accept, raise_request_exception=False, **options)


def assert_error_page(response, status, heading: str, language: str) -> None:
    page = response.content.decode()
    assert response.status_code == status
    assert f'<html lang="{language}">' in page
    assert f"<h1>{heading}</h1>" in page
    help_link, quick_exit = LAYOUT[language]
    assert '<a class="help-link" href="/help/">' in page and help_link in page
    assert f'<a class="quick-exit" href="{settings.QUICK_EXIT_URL}"' in page
    assert quick_exit in page
    assert '<a class="brand" href="/">' in page and "<span>CoupleSpace</span></a>" in page
    assert "Forbidden" not in page and "Not Found" not in page and "Server Error" not in page


def main_of(response) -> str:
    return re.search(r"<main.*</main>", response.content.decode(), re.S).group(0)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_missing_page_has_the_layout_and_says_what_to_do(db, language):
    response = visitor(language).get("/no-such-page/")

    assert_error_page(response, 404, HEADINGS[404][language == "zh-hans"], language)
    assert 'href="/">' in main_of(response)  # the way home, for a visitor


def test_a_missing_page_is_in_the_signed_in_persons_language_with_the_way_to_their_space(
    alex, client_for
):
    alex.language = "zh-hans"
    alex.save()

    response = client_for(alex).get("/space/no-such-page/")

    assert_error_page(response, 404, HEADINGS[404][1], "zh-hans")
    assert '<a class="button primary" href="/space/">进入我的空间</a>' in main_of(response)


def test_a_withdrawn_share_link_reads_exactly_like_one_that_never_existed(alex):
    link = ShareLink.objects.create(result=make_result(alex))
    url = reverse("assessments:shared", args=[link.token])
    link.delete()

    withdrawn = visitor("en").get(url)
    never = visitor("en").get(reverse("assessments:shared", args=["x" * len(link.token)]))

    assert (withdrawn.status_code, never.status_code) == (404, 404)
    assert main_of(withdrawn) == main_of(never)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_request_for_an_unknown_host_gets_the_400_page(db, language):
    response = visitor(language).get("/", HTTP_HOST="elsewhere.example")

    assert_error_page(response, 400, HEADINGS[400][language == "zh-hans"], language)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_page_closed_to_this_account_gets_the_403_page(db, language):
    browser = visitor(language)
    browser.force_login(make_person("robin", is_staff=True, language=language))

    response = browser.get("/admin/couplespace/user/")  # staff, but without permissions

    assert_error_page(response, 403, HEADINGS[403][language == "zh-hans"], language)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_form_sent_without_its_security_token_says_why_and_how_to_keep_what_was_typed(
    db, language
):
    browser = visitor(language, enforce_csrf_checks=True)

    response = browser.post(
        reverse("account_login"), {"login": "alex@example.com", "password": "x"}
    )

    assert_error_page(response, 403, HEADINGS["csrf"][language == "zh-hans"], language)
    words = {
        "en": ("open for a long time", "cookies are turned off", "Back button"),
        "zh-hans": ("已经打开很久", "关闭了本站的 Cookie", "“返回”按钮"),
    }[language]
    for phrase in words:
        assert phrase in main_of(response)


def test_the_csrf_page_lets_the_person_switch_language_afterwards(db):
    browser = visitor("en", enforce_csrf_checks=True)
    failed = browser.post(reverse("account_login"), {"login": "alex@example.com"})
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', failed.content.decode())

    switched = browser.post(
        reverse("set_language"),
        {"language": "zh-hans", "next": "/", "csrfmiddlewaretoken": token.group(1)},
    )

    assert switched.status_code == 302


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_too_many_password_resets_get_the_pause_page(db, language):
    browser = visitor(language)
    for _ in range(5):
        browser.post(reverse("account_reset_password"), {"email": "alex@example.com"})

    response = browser.post(reverse("account_reset_password"), {"email": "alex@example.com"})

    assert_error_page(response, 429, HEADINGS[429][language == "zh-hans"], language)


def unreachable_database():
    """The database stops answering: every new query fails as a lost connection does."""
    lost = OperationalError("connection to server failed: Connection refused")
    return mock.patch.object(connections[DEFAULT_DB_ALIAS], "ensure_connection", side_effect=lost)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_500_page_renders_when_the_database_is_unreachable(db, language):
    browser = visitor(language)

    with unreachable_database():
        response = browser.get(reverse("health"))

    assert_error_page(response, 500, HEADINGS[500][language == "zh-hans"], language)


def test_the_500_page_follows_the_language_cookie_without_the_database(alex):
    browser = visitor("en")
    browser.force_login(alex)
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"

    with unreachable_database():
        response = browser.get(reverse("workspace"))

    assert_error_page(response, 500, HEADINGS[500][1], "zh-hans")
    page = response.content.decode()
    assert 'class="site-nav"' not in page  # it does not guess who is signed in
    assert 'name="csrfmiddlewaretoken"' in page  # the language switch still works


def test_error_pages_keep_the_content_security_policy(db):
    with unreachable_database():
        server_error = visitor("en").get(reverse("health"))
    missing = visitor("en").get("/no-such-page/")

    for response in (server_error, missing):
        assert "script-src 'self'" in response["Content-Security-Policy"]
        # Their scripts are our files, which 'self' allows: none is inline, none needs a nonce.
        scripts = re.findall(r"<script[^>]*>", response.content.decode())
        assert scripts and all("src=" in tag for tag in scripts)

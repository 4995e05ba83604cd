"""A stranger's guesses at sam's password cannot lock sam out of a browser sam signed in with.

allauth allows 5 failed logins in 5 minutes for one address; a browser with a device cookie for
the account counts its own (couplespace/devices.py). Each browser below has its own address, so
that only the count per address is in play, not the one per visitor.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from couplespace.devices import COOKIE

BLOCKED = "Too many failed login attempts for this address"
RESET_LINK = re.compile(r"https?://testserver(/account/password/reset/key/\S+/)")


def browser(n: int) -> Client:
    return Client(REMOTE_ADDR=f"198.51.100.{n}")


def log_in(client: Client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("workspace")


@pytest.fixture
def sams_laptop(sam):
    """A browser sam signed in with once, and signed out of."""
    laptop = browser(1)
    assert signed_in(log_in(laptop, sam.email, "sam-pass"))
    laptop.post(reverse("account_logout"))
    return laptop


def guess(times: int, client: Client, email="sam@example.com") -> None:
    for _ in range(times):
        assert not signed_in(log_in(client, email, "wrong horse battery"))


def test_after_a_strangers_five_wrong_guesses_sam_still_gets_in_from_sams_laptop(sams_laptop, sam):
    stranger = browser(66)
    guess(5, stranger)
    assert BLOCKED in log_in(stranger, sam.email, "sam-pass").text

    assert signed_in(log_in(sams_laptop, sam.email, "sam-pass"))


def test_from_a_new_browser_sam_is_still_blocked_and_told_the_way_in(sams_laptop, sam):
    guess(5, browser(66))

    response = log_in(browser(2), sam.email, "sam-pass")

    assert not signed_in(response)
    assert (
        "Too many failed login attempts for this address, so this browser cannot sign in to it "
        "for a few minutes. A browser you have signed in with before still can. To get in now, "
        "reset your password (“Forgot your password?”): once you set a new one, you are signed "
        "in."
    ) in response.text
    assert 'href="/account/password/reset/"' in response.text


def test_a_guess_a_minute_keeps_new_browsers_out_but_not_sams_laptop(sams_laptop, sam):
    stranger = browser(66)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(30):
            clock.shift(timedelta(seconds=55))
            guess(1, stranger)

        assert BLOCKED in log_in(browser(2), sam.email, "sam-pass").text
        assert signed_in(log_in(sams_laptop, sam.email, "sam-pass"))


def test_guesses_from_sams_laptop_lock_out_only_the_laptop(sams_laptop, sam):
    guess(5, sams_laptop)

    assert BLOCKED in log_in(sams_laptop, sam.email, "sam-pass").text
    assert signed_in(log_in(browser(2), sam.email, "sam-pass"))


def test_a_browser_known_for_another_account_counts_with_strangers(sam, casey):
    caseys_browser = browser(3)
    assert signed_in(log_in(caseys_browser, casey.email, "casey-pass"))
    caseys_browser.post(reverse("account_logout"))
    guess(5, browser(66))

    assert BLOCKED in log_in(caseys_browser, sam.email, "sam-pass").text


def test_a_device_cookie_written_by_hand_counts_for_nothing(sam):
    guess(5, browser(66))
    forger = browser(4)
    forger.cookies[COOKIE] = f"{sam.pk}:made-up-nonce"

    assert BLOCKED in log_in(forger, sam.email, "sam-pass").text


def test_resetting_the_password_signs_sam_in_on_a_new_browser_and_it_is_known_from_then_on(
    sam, mailoutbox, django_capture_on_commit_callbacks
):
    stranger, phone = browser(66), browser(5)
    guess(5, stranger)
    assert BLOCKED in log_in(phone, sam.email, "sam-pass").text

    with django_capture_on_commit_callbacks(execute=True):
        phone.post(reverse("account_reset_password"), {"email": sam.email})
    link = RESET_LINK.search(mailoutbox[-1].body).group(1)
    form = phone.get(link, follow=True)
    response = phone.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"password1": "a new calm passphrase", "password2": "a new calm passphrase"},
    )

    assert signed_in(response)
    phone.post(reverse("account_logout"))
    guess(5, stranger)
    assert signed_in(log_in(phone, sam.email, "a new calm passphrase"))

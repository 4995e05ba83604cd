"""Known browsers, so that a stranger's guesses at someone's password cannot lock them out.

allauth refuses logins to an address after 5 failed attempts in 5 minutes (ACCOUNT_RATE_LIMITS'
"login_failed"), and anyone who knows the address can keep that up with a guess a minute. As
OWASP's "Slow Down Online Guessing Attacks with Device Cookies" describes, a browser that signs
in to an account gets a signed cookie naming the account and a random nonce. A login attempt for
that account carrying the cookie is counted under the nonce (AccountAdapter.pre_authenticate):
guesses from elsewhere do not lock that browser out, and guesses from it lock out only it.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from couplespace.models import User

COOKIE = "known_device"
SALT = "couplespace.devices"
LIFETIME = timedelta(days=365)


def remember(sender, request: HttpRequest, response: HttpResponse, user: User, **kwargs) -> None:
    """The receiver of allauth's `user_logged_in`: this browser is now known for this account."""
    response.set_signed_cookie(
        COOKIE,
        f"{user.pk}:{secrets.token_urlsafe(16)}",
        salt=SALT,
        max_age=int(LIFETIME.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def known_device(request: HttpRequest, email: str) -> str | None:
    """The nonce of this browser's device cookie when it names the account of `email`."""
    value = request.get_signed_cookie(COOKIE, default=None, salt=SALT, max_age=LIFETIME)
    person_id, _, nonce = (value or "").partition(":")
    if not (person_id.isascii() and person_id.isdecimal() and nonce):
        return None
    names_account = User.objects.filter(pk=int(person_id), email=email.lower()).exists()
    return nonce if names_account else None

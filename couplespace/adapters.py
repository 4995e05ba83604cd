import ipaddress
from email.utils import make_msgid

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.mail.utils import DNS_NAME
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language

from couplespace.languages import reader_language
from couplespace.tasks import send_account_mail
from couplespace.therapy import is_verified_therapist

PENDING_INVITATION = "pending_invitation_token"


class AccountAdapter(DefaultAccountAdapter):
    """Keeps a followed invitation link alive through sign-up, verification and login, and
    sends account mail through the worker."""

    def send_mail(self, template_prefix, email, context):
        """Account mail goes out through the worker, so no request waits on SMTP or fails while
        it is down. It is rendered here, where the code or link is known, in the language of
        the person it is about (else the page's), and queued once the request has committed.

        The templates are ours (templates/account/email/), plain text, and carry nothing a
        person wrote."""
        person = context.get("user")
        with translation.override(getattr(person, "language", None) or get_language()):
            message = self.render_mail(template_prefix, email, {"email": email, **context})
        # If SMTP took the message but its answer was lost, the retry sends the same
        # Message-ID, and mail clients show one email.
        message.extra_headers.setdefault("Message-ID", make_msgid(domain=DNS_NAME))
        send_account_mail.delay_on_commit(
            {
                "subject": message.subject,
                "body": message.body,
                "from_email": message.from_email,
                "to": message.to,
                "headers": message.extra_headers,
            }
        )

    def save_user(self, request, user, form, commit=True):
        user.language = reader_language()
        return super().save_user(request, user, form, commit=commit)

    def get_client_ip(self, request) -> str:
        """The visitor's address, which login rate limits count by.

        The connection's own address, unless it is one of TRUSTED_PROXIES: then the last address
        in X-Forwarded-For, the one our proxy appended. Anything a visitor wrote in front of it
        is ignored, and from anyone else the header is ignored altogether.
        """
        connected = request.META["REMOTE_ADDR"]
        forwarded = request.headers.get("X-Forwarded-For", "").rpartition(",")[2].strip()
        if not forwarded or not from_trusted_proxy(connected):
            return connected
        try:
            return str(ipaddress.ip_address(forwarded))
        except ValueError:
            return connected

    def get_login_redirect_url(self, request):
        """Someone who logs in from an invitation link goes back to it, to accept or not; a
        verified therapist lands on their clients."""
        token = request.session.get(PENDING_INVITATION)
        if token:
            return reverse("invitation", args=[token])
        if is_verified_therapist(request.user):
            return reverse("therapist_home")
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        """Someone who signs up through an invitation link goes back to it: joining is their
        choice, made there, with the private question asked on the way."""
        token = request.session.get(PENDING_INVITATION)
        if token:
            return reverse("invitation", args=[token])
        return super().get_signup_redirect_url(request)


def from_trusted_proxy(address: str) -> bool:
    try:
        connected = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(connected in network for network in settings.TRUSTED_PROXY_NETWORKS)

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse
from django.utils.translation import get_language

PENDING_INVITATION = "pending_invitation_token"


class AccountAdapter(DefaultAccountAdapter):
    """Keeps a followed invitation link alive through sign-up, verification and login."""

    def save_user(self, request, user, form, commit=True):
        user.language = "zh-hans" if get_language() == "zh-hans" else "en"
        return super().save_user(request, user, form, commit=commit)

    def get_login_redirect_url(self, request):
        token = request.session.get(PENDING_INVITATION)
        if token:
            return reverse("invitation", args=[token])
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        return self.get_login_redirect_url(request)

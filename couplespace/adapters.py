from allauth.account.adapter import DefaultAccountAdapter
from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _

from couplespace.languages import reader_language
from couplespace.models import Invitation, InvitationError

PENDING_INVITATION = "pending_invitation_token"


class AccountAdapter(DefaultAccountAdapter):
    """Keeps a followed invitation link alive through sign-up, verification and login."""

    def save_user(self, request, user, form, commit=True):
        user.language = reader_language()
        return super().save_user(request, user, form, commit=commit)

    def get_login_redirect_url(self, request):
        """Someone who logs in from an invitation link goes back to it, to accept or not."""
        token = request.session.get(PENDING_INVITATION)
        if token:
            return reverse("invitation", args=[token])
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        """Signing up through an invitation link is the acceptance: land in the shared space."""
        token = request.session.pop(PENDING_INVITATION, None)
        invitation = Invitation.objects.filter(token=token).first() if token else None
        if invitation is None:
            return super().get_signup_redirect_url(request)
        try:
            invitation.accept(request.user)
        except InvitationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("You and %(name)s now share a space.") % {"name": invitation.inviter}
            )
        return reverse("workspace")

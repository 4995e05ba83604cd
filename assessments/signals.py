from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.translation import gettext as _

from assessments.access import CLAIMS_SESSION_KEY
from assessments.models import Result


@receiver(user_logged_in, dispatch_uid="assessments_keep_visitor_results")
def keep_visitor_results(sender, request, user, **kwargs):
    """A test taken before logging in or signing up, in the same browser, becomes theirs."""
    if request is None or not hasattr(request, "session"):
        return
    tokens = request.session.pop(CLAIMS_SESSION_KEY, [])
    if not tokens:
        return
    kept = list(Result.objects.filter(owner__isnull=True, claim_token__in=tokens))
    for result in kept:
        result.owner, result.claim_token = user, ""
        result.save()  # now encrypted with their key
    if kept:
        messages.success(
            request, _("Your test result is saved to your account."), fail_silently=True
        )

"""The in-app notification list, reminder preferences and devices, and the one-click
unsubscribe link."""

from django.conf import settings as site_settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from couplespace import push
from couplespace.forms import NotificationPreferencesForm, PushDeviceForm, posted
from couplespace.models import (
    Notification,
    NotificationPreference,
    NotificationSettings,
    PushSubscription,
    UnsubscribeLink,
)
from couplespace.reminders import KINDS

PAGE_SIZE = 50


@login_required
def notifications(request):
    listed = list(Notification.objects.filter(person=request.user)[:PAGE_SIZE])
    return render(request, "notifications.html", {"notifications": listed})


@login_required
@require_safe
def unread_count(request):
    """The navigation's unread count, which static/js/app.js asks for once a page has loaded,
    every 15 seconds and when the window regains focus: one query, and 304 Not Modified while
    nothing changed. One answer fills the header's bell and, out of band (its data-fill parts),
    the phone's tab bar: the badge on "More" and its Notifications link. The ETag is the count
    and the newest unread notice, so a notice read or a new one changes it. No browser stores it
    (see PersonPreferencesMiddleware): app.js sends the last ETag back."""
    unread = Notification.objects.filter(person=request.user, read_at__isnull=True).aggregate(
        count=Count("id"), newest=Max("created_at")
    )
    newest = unread["newest"].timestamp() if unread["newest"] else 0
    etag = f'"{unread["count"]}-{newest:.6f}-{request.LANGUAGE_CODE}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = render(
            request, "includes/unread_count.html", {"count": unread["count"], "oob": True}
        )
    response["ETag"] = etag
    return response


@login_required
@require_POST
def mark_notifications_read(request):
    Notification.objects.filter(person=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return redirect("notifications")


@login_required
def notification_preferences(request):
    person = request.user
    kinds = sorted(KINDS.values(), key=lambda kind: kind.name)
    saved = {pref.kind: pref for pref in NotificationPreference.objects.filter(person=person)}
    preferences = {
        kind.name: saved.get(kind.name) or NotificationPreference(person=person, kind=kind.name)
        for kind in kinds
    }
    settings = NotificationSettings.objects.filter(person=person).first() or (
        NotificationSettings(person=person)
    )
    form = NotificationPreferencesForm(
        posted(request), kinds=kinds, preferences=preferences, settings=settings
    )
    if request.method == "POST" and form.is_valid():
        now = timezone.now()
        settings.quiet_from = form.cleaned_data["quiet_from"]
        settings.quiet_until = form.cleaned_data["quiet_until"]
        settings.save()
        for kind in kinds:
            NotificationPreference.objects.update_or_create(
                person=person,
                kind=kind.name,
                defaults={
                    "enabled": form.cleaned_data[f"{kind.name}-enabled"],
                    "by_email": form.cleaned_data[f"{kind.name}-by_email"],
                    "snoozed_until": form.snooze_end(kind.name, now),
                },
            )
        messages.success(request, _("Your reminder settings are saved."))
        return redirect("notification_preferences")
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "devices": PushSubscription.objects.visible_to(person),
        "push_key": site_settings.VAPID_PUBLIC_KEY if push.enabled() else "",
    }
    return render(request, "notification_preferences.html", context, status=status)


DEVICES = "notification_preferences"


@login_required
@require_POST
def add_push_device(request):
    """Turn push on for the browser that asks: static/js/push.js sends its subscription, and
    is answered 204 (or 400) and reloads the page, where the message shows."""
    form = PushDeviceForm(request.POST)
    if not push.enabled() or not form.is_valid():
        messages.error(request, _("Notifications could not be turned on in this browser."))
        return HttpResponse(status=400) if request.htmx else redirect(reverse(DEVICES))
    PushSubscription.objects.update_or_create(
        endpoint=form.cleaned_data["endpoint"],
        defaults={
            "person": request.user,
            "p256dh": form.cleaned_data["p256dh"],
            "auth": form.cleaned_data["auth"],
            "label": push.device_label(request.headers.get("User-Agent", "")),
            "created_at": timezone.now(),
        },
    )
    messages.success(request, _("This device will show your reminders."))
    return HttpResponse(status=204) if request.htmx else redirect(reverse(DEVICES) + "#devices")


@login_required
@require_POST
def remove_push_device(request, pk):
    device = get_object_or_404(PushSubscription.objects.visible_to(request.user), pk=pk)
    device.delete()
    messages.success(
        request, _("%(device)s will not show your reminders any more.") % {"device": device.label}
    )
    return redirect(reverse(DEVICES) + "#devices")


@csrf_exempt  # the token is the authority; mail clients post here in one click (RFC 8058)
def unsubscribe(request, token):
    """Stop one kind of reminder email for the person the link was made for.

    Following the link only asks (a mail scanner that opens every link must not silence
    "your partner sent a signal"); a POST acts: the page's button, or a mail client's one-click
    POST. Reminders of that kind still appear in the app, and the page offers to turn email
    back on. An expired link says so and points to the settings.
    """
    link = UnsubscribeLink.find(token)
    if link is None:
        raise Http404
    registered = KINDS.get(link.kind)
    context = {"label": registered.label if registered else link.kind}
    if link.has_expired():
        return render(request, "unsubscribe.html", {**context, "expired": True}, status=410)
    if request.method != "POST":
        return render(request, "unsubscribe.html", {**context, "asking": True})
    by_email = "resubscribe" in request.POST
    link.choose(by_email=by_email)
    return render(request, "unsubscribe.html", {**context, "by_email": by_email})

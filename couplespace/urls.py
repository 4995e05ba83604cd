from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from couplespace import (
    account_views,
    app_views,
    notification_views,
    sharing,
    therapist_views,
    views,
)
from couplespace.sitemaps import SITEMAPS

# Error pages: 400, 403, 404 and the CSRF failure are Django's own views, rendering
# templates/400.html, 403.html, 404.html and 403_csrf.html (allauth's rate limit renders
# 429.html); the 500 page needs a view of its own, one that reads nothing from the database.
handler500 = "couplespace.views.server_error"

# Staff log in through the same throttled login as everyone else.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.landing, name="landing"),
    path("help/", views.get_help, name="help"),
    path("healthz/", views.health, name="health"),
    path("guides/", views.guide_list, name="guides"),
    path("guides/<slug:slug>/", views.guide, name="guide"),
    path(
        "guides/<slug:slug>/<slug:anchor>/send/",
        views.send_guide_section,
        name="send_guide_section",
    ),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("manifest.webmanifest", app_views.manifest, name="manifest"),
    path("sw.js", app_views.service_worker, name="service_worker"),
    path("offline/", app_views.offline, name="offline"),
    path("space/", views.workspace, name="workspace"),
    path("space/invite/", views.invite, name="invite"),
    path(
        "space/invite/<token:token>/withdraw/",
        views.withdraw_invitation,
        name="withdraw_invitation",
    ),
    path("space/leave/", views.leave_couple, name="leave_couple"),
    path("space/safety/", views.safety, name="safety"),
    path("invite/<token:token>/", views.invitation, name="invitation"),
    path("account/preferences/", views.preferences, name="preferences"),
    path(
        "account/quick-exit/sign-out/",
        account_views.quick_exit_sign_out,
        name="quick_exit_sign_out",
    ),
    path("account/export/", account_views.export_data, name="export_data"),
    path("account/delete/", account_views.delete_account, name="delete_account"),
    path("notifications/", notification_views.notifications, name="notifications"),
    path("notifications/unread/", notification_views.unread_count, name="unread_count"),
    path(
        "notifications/read/",
        notification_views.mark_notifications_read,
        name="mark_notifications_read",
    ),
    path(
        "account/reminders/",
        notification_views.notification_preferences,
        name="notification_preferences",
    ),
    path(
        "account/reminders/devices/",
        notification_views.add_push_device,
        name="add_push_device",
    ),
    path(
        "account/reminders/devices/<int:pk>/remove/",
        notification_views.remove_push_device,
        name="remove_push_device",
    ),
    path("unsubscribe/<token:token>/", notification_views.unsubscribe, name="unsubscribe"),
    path("shared/<slug:kind>/<int:pk>/", sharing.share_entry, name="share_entry"),
    path("program/", include("programs.urls")),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("privacy/", therapist_views.privacy, name="privacy"),
    path("privacy/care/<int:care_id>/", therapist_views.change_sharing, name="change_sharing"),
    path("privacy/care/<int:care_id>/end/", therapist_views.end_care, name="end_care"),
    path("therapist/", therapist_views.home, name="therapist_home"),
    path("therapist/apply/", therapist_views.apply, name="therapist_apply"),
    path("therapist/clients/<int:care_id>/", therapist_views.client, name="therapist_client"),
    path("care/<token:token>/", therapist_views.care_invitation, name="care_invitation"),
    path(
        "assignments/<int:assignment_id>/done/",
        therapist_views.assignment_done,
        name="assignment_done",
    ),
    path(
        "assignments/<int:assignment_id>/read/",
        therapist_views.assignment_read,
        name="assignment_read",
    ),
    path("agreements/", include("agreements.urls")),
    path("account/", include("allauth.urls")),
    path("test/", include("assessments.urls")),
    path("admin/", admin.site.urls),
]

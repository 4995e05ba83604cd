from django.contrib import admin
from django.urls import include, path

from couplespace import notification_views, views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("help/", views.get_help, name="help"),
    path("space/", views.workspace, name="workspace"),
    path("space/invite/", views.invite, name="invite"),
    path(
        "space/invite/<str:token>/withdraw/",
        views.withdraw_invitation,
        name="withdraw_invitation",
    ),
    path("space/leave/", views.leave_couple, name="leave_couple"),
    path("invite/<str:token>/", views.invitation, name="invitation"),
    path("account/preferences/", views.preferences, name="preferences"),
    path("notifications/", notification_views.notifications, name="notifications"),
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
    path("unsubscribe/<str:token>/", notification_views.unsubscribe, name="unsubscribe"),
    path("program/", include("programs.urls")),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("account/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

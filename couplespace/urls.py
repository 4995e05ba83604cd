from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from couplespace import account_views, views

# Staff log in through the same throttled login as everyone else.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.landing, name="landing"),
    path("help/", views.get_help, name="help"),
    path("healthz/", views.health, name="health"),
    path("space/", views.workspace, name="workspace"),
    path("space/invite/", views.invite, name="invite"),
    path(
        "space/invite/<str:token>/withdraw/",
        views.withdraw_invitation,
        name="withdraw_invitation",
    ),
    path("space/leave/", views.leave_couple, name="leave_couple"),
    path("space/safety/", views.safety, name="safety"),
    path("invite/<str:token>/", views.invitation, name="invitation"),
    path("account/preferences/", views.preferences, name="preferences"),
    path("account/export/", account_views.export_data, name="export_data"),
    path("account/delete/", account_views.delete_account, name="delete_account"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("agreements/", include("agreements.urls")),
    path("account/", include("allauth.urls")),
    path("test/", include("assessments.urls")),
    path("admin/", admin.site.urls),
]

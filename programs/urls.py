from django.urls import path

from programs import views

app_name = "programs"

urlpatterns = [
    path("", views.path, name="path"),
    path("start/", views.enrol, name="enrol"),
    path("pause/", views.pause, name="pause"),
    path("resume/", views.resume, name="resume"),
    path("check-in/", views.checkpoint, name="checkpoint"),
    path("check-in/<int:pk>/", views.entry, name="entry"),
    path("check-in/<int:pk>/share/", views.share, name="share"),
    path("partner/", views.partner, name="partner"),
    path("times/", views.times, name="times"),
    path("times/new-calendar-link/", views.new_calendar_link, name="new_calendar_link"),
    path("calendar/<str:token>.ics", views.calendar, name="calendar"),
]

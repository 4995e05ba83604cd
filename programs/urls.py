from django.urls import path

from programs import practice_views, step_views, therapist_views, views

app_name = "programs"

urlpatterns = [
    path("", views.path, name="path"),
    path("start/", views.enrol, name="enrol"),
    path("all/", views.choose, name="choose"),
    path("path/<slug:slug>/", views.path_of, name="path_of"),
    path("path/<slug:slug>/<slug:key>/", step_views.step, name="step"),
    path("pause/", views.pause, name="pause"),
    path("resume/", views.resume, name="resume"),
    path("check-in/", views.checkpoint, name="checkpoint"),
    path("check-in/<int:pk>/", views.entry, name="entry"),
    path("partner/", views.partner, name="partner"),
    path("times/", views.times, name="times"),
    path("times/new-calendar-link/", views.new_calendar_link, name="new_calendar_link"),
    path("calendar/<token:token>.ics", views.calendar, name="calendar"),
    path(
        "care/<int:care_id>/summaries/",
        therapist_views.summaries_for_therapist,
        name="summaries_for_therapist",
    ),
    path(
        "care/<int:care_id>/entries/",
        therapist_views.entries_for_therapist,
        name="entries_for_therapist",
    ),
]

# Phases 4 and 5: practice, maintenance, rituals and the outcome check.
urlpatterns += [
    path("practice/", practice_views.practice, name="practice"),
    path("weekly/", practice_views.weekly, name="weekly"),
    path("outcome/", practice_views.outcome, name="outcome"),
    path("rituals/", practice_views.rituals, name="rituals"),
    path("rituals/debrief/", practice_views.debrief, name="debrief"),
    path(
        "practice/care/<int:care_id>/",
        practice_views.practice_for_therapist,
        name="practice_for_therapist",
    ),
]

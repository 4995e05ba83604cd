from django.urls import path

from agreements import commitment_views, dialogue_views, views

app_name = "agreements"

urlpatterns = [
    path("", views.index, name="index"),
    path("start/", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/versions/<int:number>/", views.version_detail, name="version"),
    path("<int:pk>/versions/<int:number>/accept/", views.accept, name="accept"),
    path("care/<int:care_id>/", views.for_therapist, name="for_therapist"),
    path("<int:pk>/signal/", views.signal, name="signal"),
    path("<int:pk>/signals/<int:signal_id>/answer/", views.answer, name="answer"),
    path("<int:pk>/pause/", views.pause, name="pause"),
    path("<int:pk>/pauses/<int:pause_id>/back/", views.back, name="back"),
    path("mine/", commitment_views.commitments, name="commitments"),
    path("mine/<int:pk>/", commitment_views.edit_commitment, name="edit_commitment"),
    path("mine/<int:pk>/delete/", commitment_views.delete_commitment, name="delete_commitment"),
    path("dialogue/", dialogue_views.index, name="dialogue_index"),
    path("dialogue/start/", dialogue_views.start, name="dialogue_start"),
    path("dialogue/<int:pk>/", dialogue_views.detail, name="dialogue"),
    path("dialogue/<int:pk>/again/", dialogue_views.start_again_view, name="dialogue_again"),
    path("dialogue/<int:pk>/prepare/", dialogue_views.prepare_view, name="dialogue_prepare"),
    path("dialogue/<int:pk>/reply/", dialogue_views.reply_view, name="dialogue_reply"),
    path("dialogue/<int:pk>/phrasing/", dialogue_views.phrasing_view, name="dialogue_phrasing"),
    path(
        "care/<int:care_id>/dialogue/",
        dialogue_views.for_therapist,
        name="dialogue_for_therapist",
    ),
]

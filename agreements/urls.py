from django.urls import path

from agreements import views

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
]

from django.urls import path

from assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.start, name="start"),
    path("begin/", views.begin, name="begin"),
    path("step/<int:number>/", views.step, name="step"),
    path("result/<uuid:result_id>/", views.result, name="result"),
    path("result/<uuid:result_id>/share/", views.share, name="share"),
    path("result/<uuid:result_id>/revoke/", views.revoke, name="revoke"),
    path("result/<uuid:result_id>/report/", views.report, name="report"),
    path("shared/<token:token>/", views.shared, name="shared"),
    path("history/", views.history, name="history"),
    path("couple/", views.couple, name="couple"),
    path("couple/consent/", views.consent, name="consent"),
    path("care/<int:care_id>/", views.for_therapist, name="for_therapist"),
]

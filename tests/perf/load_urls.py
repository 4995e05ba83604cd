"""The app's URLs plus `/hello/`, the do-nothing page the load bench compares against."""

from django.http import HttpResponse
from django.urls import include, path


def hello(request):
    return HttpResponse("Hello, world")


urlpatterns = [path("hello/", hello), path("", include("couplespace.urls"))]

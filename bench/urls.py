"""Velkomst's URLs plus /bench/bare/: the cost of the middleware alone, to compare pages with."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare, name="bench-bare"),
    path("", include("velkomst.urls")),
]

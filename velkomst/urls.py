from django.contrib import admin
from django.urls import include, path

from velkomst.api.api import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("velkomst.home.urls")),
    path("", include("velkomst.core.urls")),
    path("", include("velkomst.people.urls")),
    path("", include("velkomst.reception.urls")),
    path("", include("velkomst.visitation.urls")),
    path("", include("velkomst.appointments.urls")),
    path("", include("velkomst.families.urls")),
    path("", include("velkomst.welcome.urls")),
    path("", include("velkomst.housing.urls")),
    path("", include("velkomst.hosts.urls")),
    path("", include("velkomst.associations.urls")),
    path("", include("velkomst.neighbours.urls")),
    path("", include("velkomst.danish.urls")),
    path("", include("velkomst.outcomes.urls")),
    path("", include("velkomst.competences.urls")),
    path("", include("velkomst.consent.urls")),
    path("", include("velkomst.health.urls")),
    path("", include("velkomst.interpreting.urls")),
    path("", include("velkomst.handover.urls")),
    path("", include("velkomst.programme.urls")),
    path("", include("velkomst.matching.urls")),
    path("", include("velkomst.companies.urls")),
    path("", include("velkomst.roundtables.urls")),
    path("volunteer-matches/", include("velkomst.pairings.urls")),
    path("", include("velkomst.volunteers.urls")),
    path("", include("velkomst.referrals.urls")),
    path("", include("velkomst.community.urls")),
    path("", include("velkomst.insight.urls")),
    path("", include("velkomst.strategies.urls")),
]

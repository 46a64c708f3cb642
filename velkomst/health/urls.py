from django.urls import path

from . import views

urlpatterns = [
    path("health/", views.overview, name="health-overview"),
    path("persons/<int:pk>/health/", views.person_health, name="health-person"),
    path("persons/<int:pk>/health/offers/new/", views.offer_create, name="health-offer-create"),
    path(
        "persons/<int:pk>/health/assessments/new/",
        views.assessment_create,
        name="health-assessment-create",
    ),
    path(
        "persons/<int:pk>/health/referrals/new/",
        views.referral_create,
        name="health-referral-create",
    ),
    path(
        "persons/<int:pk>/health/consents/new/", views.consent_create, name="health-consent-create"
    ),
    path("health/offers/<int:pk>/answer/", views.offer_answer, name="health-offer-answer"),
    path("health/assessments/<int:pk>/edit/", views.assessment_edit, name="health-assessment-edit"),
    path(
        "health/assessments/<int:pk>/share/", views.assessment_share, name="health-assessment-share"
    ),
    path("health/referrals/<int:pk>/edit/", views.referral_edit, name="health-referral-edit"),
    path("persons/<int:pk>/barriers/", views.person_barriers, name="person-barriers"),
    path("persons/<int:pk>/barriers/new/", views.barrier_create, name="barrier-create"),
    path("barriers/", views.barrier_followups, name="barrier-followups"),
    path("barriers/<int:pk>/edit/", views.barrier_edit, name="barrier-edit"),
    path("coordinations/", views.coordination_list, name="coordination-list"),
    path(
        "households/<int:pk>/coordinations/new/",
        views.coordination_create,
        name="coordination-create",
    ),
    path("coordinations/<int:pk>/", views.coordination_detail, name="coordination-detail"),
    path(
        "coordinations/<int:pk>/measures/new/", views.measure_add, name="coordination-measure-add"
    ),
]

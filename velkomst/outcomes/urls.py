from django.urls import path

from . import views

urlpatterns = [
    path("persons/<int:pk>/outcomes/", views.person_outcomes, name="outcomes-person"),
    path(
        "persons/<int:pk>/outcomes/employments/new/",
        views.employment_create,
        name="outcomes-employment-create",
    ),
    path(
        "persons/<int:pk>/outcomes/educations/new/",
        views.education_create,
        name="outcomes-education-create",
    ),
    path(
        "persons/<int:pk>/outcomes/benefits/new/",
        views.benefit_create,
        name="outcomes-benefit-create",
    ),
    path(
        "persons/<int:pk>/outcomes/self-supporting/",
        views.self_supporting_edit,
        name="outcomes-self-supporting",
    ),
    path("employments/<int:pk>/edit/", views.employment_edit, name="outcomes-employment-edit"),
    path(
        "education-outcomes/<int:pk>/edit/",
        views.education_edit,
        name="outcomes-education-edit",
    ),
    path("benefit-periods/<int:pk>/edit/", views.benefit_edit, name="outcomes-benefit-edit"),
    path("outcomes/grants/", views.grant_list, name="outcomes-grants"),
    path("outcomes/grants/export/", views.grant_export, name="outcomes-grants-export"),
    path("persons/<int:pk>/grants/claim/", views.grant_claim, name="outcomes-grant-claim"),
    path("grant-claims/<int:pk>/edit/", views.claim_edit, name="outcomes-claim-edit"),
]

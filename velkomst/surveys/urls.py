from django.urls import path

from . import views

urlpatterns = [
    path("persons/<int:pk>/surveys/", views.person_surveys, name="survey-person"),
    path("surveys/invitations/<int:pk>/answer/", views.invitation_answer, name="survey-answer"),
    path("surveys/invitations/<int:pk>/decline/", views.invitation_decline, name="survey-decline"),
    path("surveys/results/", views.results, name="survey-results"),
    # the citizen's own entrance (CIT-2)
    path("borger/spoergeskemaer/", views.citizen_surveys, name="citizen-surveys"),
    path("borger/spoergeskemaer/<int:pk>/", views.citizen_answer, name="citizen-survey-answer"),
    path(
        "borger/spoergeskemaer/<int:pk>/afslaa/",
        views.citizen_decline,
        name="citizen-survey-decline",
    ),
]

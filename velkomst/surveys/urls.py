from django.urls import path

from . import views

urlpatterns = [
    path("persons/<int:pk>/surveys/", views.person_surveys, name="survey-person"),
    path("surveys/invitations/<int:pk>/answer/", views.invitation_answer, name="survey-answer"),
    path("surveys/invitations/<int:pk>/decline/", views.invitation_decline, name="survey-decline"),
    path("surveys/results/", views.results, name="survey-results"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("programme/", views.overview, name="programme-overview"),
    path("persons/<int:pk>/plan/", views.plan_page, name="programme-plan"),
    path("persons/<int:pk>/plan/activities/", views.activity_add, name="programme-activity-add"),
    path("persons/<int:pk>/plan/goals/", views.goal_add, name="programme-goal-add"),
    path("persons/<int:pk>/plan/supports/", views.support_add, name="programme-support-add"),
    path("persons/<int:pk>/plan/direction/", views.direction_set, name="programme-direction"),
    path("persons/<int:pk>/plan/contract/", views.contract_save, name="programme-contract"),
    path("persons/<int:pk>/plan/interviews/", views.interview_book, name="programme-interview"),
    path(
        "persons/<int:pk>/plan/interviews/held/",
        views.interview_held,
        name="programme-interview-held",
    ),
    path("persons/<int:pk>/plan/contract.pdf", views.contract_pdf, name="programme-contract-pdf"),
    path("programme/activities/<int:pk>/", views.activity_edit, name="programme-activity-edit"),
    path("programme/goals/<int:pk>/", views.goal_edit, name="programme-goal-edit"),
    path("programme/supports/<int:pk>/", views.support_edit, name="programme-support-edit"),
]

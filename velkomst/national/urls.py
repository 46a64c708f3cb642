from django.urls import path

from . import views

urlpatterns = [
    path("national/tables/", views.tables_page, name="national-tables"),
    path("national/tables/<int:pk>/", views.table_page, name="national-table"),
    path("national/quotas/", views.plans_page, name="national-plans"),
    path("national/quotas/<int:pk>/", views.plan_page, name="national-plan"),
    path(
        "national/quotas/<int:pk>/agreement/", views.plan_agreement, name="national-plan-agreement"
    ),
    path("national/quotas/<int:pk>/revision/", views.plan_revision, name="national-plan-revision"),
    path("national/models/", views.models_page, name="national-models"),
    path("national/models/<int:pk>/", views.model_page, name="national-model"),
    path("national/runs/", views.runs_page, name="national-runs"),
    path("national/runs/arrivals/", views.arrivals_upload, name="national-arrivals-upload"),
    path("national/runs/start/", views.run_start, name="national-run-start"),
    path("national/runs/<int:pk>/", views.run_page, name="national-run"),
    path("national/runs/<int:pk>/progress/", views.run_progress, name="national-run-progress"),
    path(
        "national/suggestions/<int:pk>/decision/",
        views.suggestion_decide,
        name="national-suggestion-decide",
    ),
]

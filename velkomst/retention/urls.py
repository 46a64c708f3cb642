from django.urls import path

from . import views

urlpatterns = [
    path("opbevaring/", views.rules_page, name="retention-rules"),
    path("opbevaring/regler/ny/", views.rules_new, name="retention-rules-new"),
    path("opbevaring/tilbagehold/", views.holds_page, name="retention-holds"),
    path("opbevaring/tilbagehold/<int:pk>/ophaev/", views.hold_lift, name="retention-hold-lift"),
    path("opbevaring/koersler/", views.runs_page, name="retention-runs"),
    path("opbevaring/koersler/<int:pk>/", views.run_page, name="retention-run"),
    path(
        "opbevaring/koersler/<int:pk>/fremdrift/",
        views.run_progress,
        name="retention-run-progress",
    ),
    path("opbevaring/koersler/<int:pk>/godkend/", views.run_approve, name="retention-run-approve"),
    path("opbevaring/koersler/<int:pk>/forkast/", views.run_discard, name="retention-run-discard"),
    path(
        "opbevaring/koersler/<int:pk>/<str:kind>/",
        views.run_download,
        name="retention-run-download",
    ),
]

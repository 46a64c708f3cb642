from django.urls import path

from . import dashboard_views, economy_views, exports_views, places_views, report_views

urlpatterns = [
    path("insight/", dashboard_views.dashboard_page, name="insight-dashboard"),
    path(
        "insight/indicators/<str:key>/",
        dashboard_views.indicator_page,
        name="insight-indicator",
    ),
    path(
        "insight/indicators/<str:key>/persons/",
        dashboard_views.drill_page,
        name="insight-indicator-persons",
    ),
    path("insight/deadlines/", dashboard_views.deadlines_page, name="insight-deadlines"),
    path("insight/exports/", exports_views.export_page, name="insight-exports"),
    path("insight/economy/", economy_views.economy_page, name="insight-economy"),
    path("insight/places/", places_views.places_page, name="insight-places"),
    path("insight/report/", report_views.report_page, name="insight-report"),
    path("insight/report/generate/", report_views.report_generate, name="insight-report-generate"),
    path(
        "insight/report/<int:pk>/progress/",
        report_views.report_progress,
        name="insight-report-progress",
    ),
    path(
        "insight/report/<int:pk>/<str:kind>/",
        report_views.report_download,
        name="insight-report-download",
    ),
    path(
        "insight/report/<int:year>/commentary/<int:number>/",
        report_views.commentary_edit,
        name="insight-report-commentary",
    ),
]

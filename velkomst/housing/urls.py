from django.urls import path

from . import run_views, views

urlpatterns = [
    path("housing/areas/", views.area_list, name="housing-area-list"),
    path("housing/areas/new/", views.area_edit, name="housing-area-create"),
    path("housing/areas/travel/", views.area_travel, name="housing-area-travel"),
    path("housing/areas/<int:pk>/", views.area_edit, name="housing-area-edit"),
    path("housing/dwellings/", views.dwelling_list, name="housing-dwelling-list"),
    path("housing/dwellings/import/", views.dwelling_import, name="housing-dwelling-import"),
    path(
        "housing/dwellings/import/template/",
        views.dwelling_import_template,
        name="housing-dwelling-import-template",
    ),
    path("housing/dwellings/new/", views.dwelling_edit, name="housing-dwelling-create"),
    path("housing/dwellings/<int:pk>/", views.dwelling_edit, name="housing-dwelling-edit"),
    path("housing/runs/", run_views.run_list, name="housing-run-list"),
    path("housing/runs/new/", run_views.run_new, name="housing-run-create"),
    path("housing/runs/<int:pk>/", run_views.run_detail, name="housing-run-detail"),
    path(
        "housing/runs/<int:pk>/decide-all/", run_views.run_decide_all, name="housing-run-decide-all"
    ),
    path(
        "housing/suggestions/<int:pk>/decide/",
        run_views.suggestion_decide,
        name="housing-suggestion-decide",
    ),
    path(
        "housing/suggestions/<int:pk>/change/",
        run_views.suggestion_change,
        name="housing-suggestion-change",
    ),
    path("housing/temporary/", run_views.temporary_overview, name="housing-temporary"),
    path(
        "households/<int:pk>/housing/",
        run_views.household_placements,
        name="household-housing",
    ),
    path(
        "households/<int:pk>/housing-needs/",
        views.housing_need_edit,
        name="household-housing-need",
    ),
]

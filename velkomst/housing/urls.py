from django.urls import path

from . import views

urlpatterns = [
    path("housing/areas/", views.area_list, name="housing-area-list"),
    path("housing/areas/new/", views.area_edit, name="housing-area-create"),
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
    path(
        "households/<int:pk>/housing-needs/",
        views.housing_need_edit,
        name="household-housing-need",
    ),
]

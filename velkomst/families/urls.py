from django.urls import path

from . import views

urlpatterns = [
    path("families/placements/", views.placement_overview, name="placement-overview"),
    path(
        "households/<int:pk>/placements/",
        views.household_placements,
        name="household-placements",
    ),
    path("persons/<int:pk>/placement/", views.placement_edit, name="placement-edit"),
]

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
    path("households/<int:pk>/family-plan/", views.family_plan, name="family-plan"),
    path(
        "households/<int:pk>/family-plan/measures/<int:measure_id>/remove/",
        views.measure_remove,
        name="family-measure-remove",
    ),
    path("households/<int:pk>/family-plan.pdf", views.family_plan_pdf, name="family-plan-pdf"),
]

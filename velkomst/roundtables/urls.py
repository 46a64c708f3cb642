from django.urls import path

from . import views

urlpatterns = [
    path("roundtables/", views.round_table_list, name="roundtable-list"),
    path(
        "households/<int:pk>/roundtables/",
        views.household_round_tables,
        name="roundtable-household",
    ),
    path("roundtables/<int:pk>/", views.round_table_detail, name="roundtable-detail"),
    path("roundtables/<int:pk>/minutes.pdf", views.minutes_pdf, name="roundtable-minutes-pdf"),
]

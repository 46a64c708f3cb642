from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("matching/", views.index, name="index"),
    path("matching/openings/<int:pk>/", views.opening, name="opening"),
    path("matching/persons/<int:pk>/", views.person, name="person"),
    path("matching/runs/start/", views.run_start, name="run-start"),
    path("matching/runs/<int:pk>/", views.run_detail, name="run"),
]

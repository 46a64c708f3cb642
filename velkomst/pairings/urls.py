from django.urls import path

from . import views

urlpatterns = [
    path("", views.match_list, name="pairings-list"),
    path("households/", views.household_list, name="pairings-households"),
    path("households/<int:pk>/", views.suggestions, name="pairings-suggestions"),
    path("households/<int:pk>/wish/", views.wish_edit, name="pairings-wish"),
    path("households/<int:pk>/propose/", views.propose, name="pairings-propose"),
    path("<int:pk>/", views.match_detail, name="pairings-match"),
    path("<int:pk>/step/", views.match_step, name="pairings-step"),
]

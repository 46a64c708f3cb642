from django.urls import path

from . import views

urlpatterns = [
    path("citizens/", views.person_list, name="person-list"),
    path("households/new/", views.household_create, name="household-create"),
    path("households/<int:pk>/", views.household_detail, name="household-detail"),
    path("households/<int:pk>/edit/", views.household_edit, name="household-edit"),
    path("persons/<int:pk>/", views.person_detail, name="person-detail"),
    path("persons/<int:pk>/edit/", views.person_edit, name="person-edit"),
    path("cases/<int:pk>/notes/", views.note_add, name="note-add"),
    path("cases/<int:pk>/phase/", views.case_phase, name="case-phase"),
    path("cases/<int:pk>/caseworker/", views.case_caseworker, name="case-caseworker"),
    path("cases/<int:pk>/contacts/", views.case_contacts, name="case-contacts"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("persons/<int:pk>/competences/", views.competences, name="competences"),
    path("persons/<int:pk>/competences/profile/", views.profile_edit, name="competences-profile"),
    path("persons/<int:pk>/competences/add/", views.item_add, name="competences-add"),
    path("persons/<int:pk>/competences/remove/", views.item_remove, name="competences-remove"),
    path("persons/<int:pk>/cv.pdf", views.cv_pdf, name="competences-cv"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("danish/", views.overview, name="danish-overview"),
    path("danish/persons/<int:pk>/", views.person_page, name="danish-person"),
    path(
        "danish/persons/<int:person_pk>/referrals/new/",
        views.referral_edit,
        name="danish-referral-create",
    ),
    path("danish/referrals/<int:pk>/edit/", views.referral_edit, name="danish-referral-edit"),
    path("danish/referrals/<int:pk>/modules/", views.module_add, name="danish-module-add"),
    path(
        "danish/referrals/<int:pk>/attendance/",
        views.attendance_add,
        name="danish-attendance-add",
    ),
    path("danish/modules/<int:pk>/edit/", views.module_edit, name="danish-module-edit"),
    path("danish/attendance/<int:pk>/edit/", views.attendance_edit, name="danish-attendance-edit"),
    path("danish/persons/<int:person_pk>/exams/new/", views.exam_edit, name="danish-exam-create"),
    path("danish/exams/<int:pk>/edit/", views.exam_edit, name="danish-exam-edit"),
    path("danish/centres/", views.centre_list, name="danish-centre-list"),
    path("danish/centres/new/", views.centre_edit, name="danish-centre-create"),
    path("danish/centres/<int:pk>/edit/", views.centre_edit, name="danish-centre-edit"),
    path("danish/centres/<int:pk>/referrals/", views.centre_export, name="danish-centre-export"),
]

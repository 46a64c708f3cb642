from django.urls import path

from . import views

urlpatterns = [
    # the volunteers' public registration and own link: no login, the token is the credential
    path("frivillig/ret/<str:token>/", views.own_entry, name="volunteers-own-entry"),
    path(
        "frivillig/ret/<str:token>/bekymring/",
        views.own_concern,
        name="volunteers-own-concern",
    ),
    path("frivillig/<str:code>/", views.public_register, name="volunteers-public-register"),
    path("volunteers/", views.bank, name="volunteers-bank"),
    path("volunteers/approvals/", views.approvals, name="volunteers-approvals"),
    path("volunteers/new/", views.volunteer_edit, name="volunteers-create"),
    path("volunteers/<int:pk>/", views.detail, name="volunteers-detail"),
    path("volunteers/<int:pk>/edit/", views.volunteer_edit, name="volunteers-edit"),
    path("volunteers/<int:pk>/decide/", views.decide, name="volunteers-decide"),
    path("volunteers/<int:pk>/certificate/", views.certificate, name="volunteers-certificate"),
    path("volunteers/<int:pk>/hours/", views.hours_add, name="volunteers-hours"),
    path("volunteers/<int:pk>/diplomas/", views.diploma_issue, name="volunteers-diploma-issue"),
    path(
        "volunteers/<int:volunteer_pk>/offers/new/",
        views.offer_edit,
        name="volunteers-offer-create",
    ),
    path("volunteers/offers/<int:pk>/", views.offer_edit, name="volunteers-offer-edit"),
    path(
        "volunteers/diplomas/<int:pk>/diplom.pdf",
        views.diploma_pdf,
        name="volunteers-diploma-pdf",
    ),
]

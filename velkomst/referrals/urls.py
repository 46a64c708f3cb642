from django.urls import path

from . import views

urlpatterns = [
    path("referrals/", views.home, name="referral-home"),
    path("referrals/units/<int:pk>/", views.inbox, name="referral-inbox"),
    path("referrals/units/<int:pk>/sent/", views.outbox, name="referral-outbox"),
    path("referrals/interfaces/", views.interface_list, name="referral-interfaces"),
    path("referrals/concerns/new/", views.concern_create, name="referral-concern-create"),
    path("referrals/<int:pk>/", views.detail, name="referral-detail"),
    path(
        "referrals/<int:pk>/accept/",
        views.answer,
        {"which": "accept"},
        name="referral-accept",
    ),
    path("referrals/<int:pk>/return/", views.answer, {"which": "return"}, name="referral-return"),
    path("referrals/<int:pk>/done/", views.answer, {"which": "done"}, name="referral-done"),
    path("persons/<int:pk>/referrals/new/", views.create, name="referral-create"),
]

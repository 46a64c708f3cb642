from django.urls import path

from . import views

urlpatterns = [
    path("hosts/", views.host_list, name="hosts-host-list"),
    path("hosts/new/", views.host_edit, name="hosts-host-create"),
    path("hosts/<int:pk>/", views.host_detail, name="hosts-host-detail"),
    path("hosts/<int:pk>/edit/", views.host_edit, name="hosts-host-edit"),
    path("hosts/<int:host_pk>/offers/new/", views.offer_edit, name="hosts-offer-create"),
    path("host-offers/<int:pk>/", views.offer_detail, name="hosts-offer-detail"),
    path("host-offers/<int:pk>/edit/", views.offer_edit, name="hosts-offer-edit"),
    path("host-offers/<int:pk>/meetings/new/", views.meeting_propose, name="hosts-meeting-propose"),
    path("host-meetings/<int:pk>/", views.meeting_detail, name="hosts-meeting-detail"),
    path(
        "households/<int:pk>/lodging-profile/",
        views.lodging_profile_edit,
        name="household-lodging-profile",
    ),
]

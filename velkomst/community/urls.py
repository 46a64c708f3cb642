from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("community/events/", views.event_list, name="event-list"),
    path("community/events/new/", views.event_edit, name="event-create"),
    path("community/events/<int:pk>/", views.event_detail, name="event-detail"),
    path("community/events/<int:pk>/edit/", views.event_edit, name="event-edit"),
    path("community/events/<int:pk>/invite/", views.event_invite, name="event-invite"),
    path(
        "community/invitations/<int:pk>/attendance/",
        views.invitation_attendance,
        name="invitation-attendance",
    ),
    path("community/invitations/<int:pk>/text/", views.invitation_text, name="invitation-text"),
    path("community/associations/", views.association_list, name="association-list"),
    path("community/associations/new/", views.association_edit, name="association-create"),
    path("community/associations/<int:pk>/", views.association_detail, name="association-detail"),
    path("community/associations/<int:pk>/edit/", views.association_edit, name="association-edit"),
    path(
        "community/associations/<int:pk>/activities/new/",
        views.activity_add,
        name="activity-add",
    ),
    path(
        "community/associations/<int:pk>/memberships/new/",
        views.membership_add,
        name="membership-add",
    ),
    path("community/associations/<int:pk>/contacts/new/", views.contact_add, name="contact-add"),
    path(
        "community/participations/new/",
        views.participation_create,
        name="participation-create",
    ),
    path(
        "community/participations/<int:pk>/end/",
        views.participation_end,
        name="participation-end",
    ),
    path("community/participation/", views.participation_counts, name="participation-counts"),
    path("households/<int:pk>/leisure/", views.household_leisure, name="household-leisure"),
]

from django.urls import path

from . import views

urlpatterns = [
    path(
        "households/<int:pk>/appointments/",
        views.household_appointments,
        name="household-appointments",
    ),
    path("appointments/mine/", views.my_calendar, name="my-calendar"),
    path("appointments/mine/feed/", views.calendar_feed_token, name="calendar-feed-token"),
    path("appointments/<int:pk>/edit/", views.appointment_edit, name="appointment-edit"),
    path("appointments/<int:pk>/cancel/", views.appointment_cancel, name="appointment-cancel"),
    path("appointments/<int:pk>/outcome/", views.appointment_outcome, name="appointment-outcome"),
    path("appointments/<int:pk>/ics/", views.appointment_ics, name="appointment-ics"),
    # outside the login requirement (core.middleware): the token is the credential
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
    path("contacts/", views.contact_list, name="contact-list"),
    path("contacts/new/", views.contact_create, name="contact-create"),
    path("contacts/counts/", views.contact_counts, name="contact-counts"),
]

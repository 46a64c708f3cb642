from django.urls import path

from . import views

urlpatterns = [
    path("interpreting/", views.day_list, name="interpreting-day"),
    path(
        "appointments/<int:pk>/interpreting/",
        views.appointment_interpreting,
        name="interpreting-appointment",
    ),
    path(
        "interpreting/bookings/<int:pk>/edit/",
        views.booking_edit,
        name="interpreting-booking-edit",
    ),
    path(
        "interpreting/bookings/<int:pk>/cancel/",
        views.booking_cancel,
        name="interpreting-booking-cancel",
    ),
    path("interpreting/interpreters/", views.interpreter_list, name="interpreting-interpreters"),
    path(
        "interpreting/interpreters/<int:pk>/edit/",
        views.interpreter_edit,
        name="interpreting-interpreter-edit",
    ),
]

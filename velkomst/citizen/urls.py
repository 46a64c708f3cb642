from django.urls import path

from . import views

urlpatterns = [
    path("borger/", views.home, name="citizen-home"),
    path("borger/log-ind/", views.sign_in_page, name="citizen-sign-in"),
    path("borger/log-ud/", views.sign_out_view, name="citizen-sign-out"),
    path("borger/invitation/<str:token>/", views.invitation, name="citizen-invitation"),
    path("borger/plan/", views.plan, name="citizen-plan"),
    path("borger/aftaler/", views.appointments, name="citizen-appointments"),
    path("borger/aftaler/<int:pk>/", views.appointment_detail, name="citizen-appointment"),
    path("borger/opgaver/", views.tasks, name="citizen-tasks"),
    path("borger/opgaver/<int:pk>/", views.task_detail, name="citizen-task"),
    path("borger/dokumenter/", views.documents, name="citizen-documents"),
    path("borger/dokumenter/velkomstmappe.pdf", views.welcome_pdf, name="citizen-welcome-pdf"),
    path("borger/kontakt/", views.contacts, name="citizen-contacts"),
    # the caseworker's page that sends an invitation (a staff page)
    path("persons/<int:pk>/citizen-invitation/", views.invite, name="citizen-invite"),
]

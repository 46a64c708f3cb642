from django.urls import path

from . import views

app_name = "companies"

urlpatterns = [
    path("companies/", views.company_list, name="company-list"),
    path("companies/new/", views.company_edit, name="company-create"),
    path("companies/import/", views.company_import, name="company-import"),
    path(
        "companies/import/template/",
        views.company_import_template,
        name="company-import-template",
    ),
    path("companies/<int:pk>/", views.company_detail, name="company-detail"),
    path("companies/<int:pk>/edit/", views.company_edit, name="company-edit"),
    path("companies/<int:pk>/contacts/new/", views.contact_create, name="company-contact-create"),
    path(
        "companies/<int:pk>/agreements/new/",
        views.agreement_create,
        name="company-agreement-create",
    ),
    path("companies/<int:company_pk>/openings/new/", views.opening_edit, name="opening-create"),
    path("company-steps/<int:pk>/done/", views.step_done, name="company-step-done"),
    path("openings/", views.opening_list, name="opening-list"),
    path("openings/<int:pk>/", views.opening_detail, name="opening-detail"),
    path("openings/<int:pk>/edit/", views.opening_edit, name="opening-edit"),
    path("job-proposals/", views.proposal_list, name="proposal-list"),
    path("job-proposals/new/", views.proposal_create, name="proposal-create"),
    path("job-proposals/<int:pk>/", views.proposal_detail, name="proposal-detail"),
    path("job-proposals/<int:pk>/answer/", views.proposal_answer, name="proposal-answer"),
    path("job-proposals/<int:pk>/result/", views.proposal_result, name="proposal-result"),
    path("job-events/", views.event_list, name="job-event-list"),
    path("job-events/new/", views.event_edit, name="job-event-create"),
    path("job-events/<int:pk>/", views.event_detail, name="job-event-detail"),
    path("job-events/<int:pk>/edit/", views.event_edit, name="job-event-edit"),
    path("job-events/<int:pk>/invitations/new/", views.event_invite, name="job-event-invite"),
    path("job-events/<int:pk>/meetings/new/", views.event_meeting, name="job-event-meeting"),
    path(
        "job-invitations/<int:pk>/attendance/",
        views.invitation_attendance,
        name="job-invitation-attendance",
    ),
    path("job-invitations/<int:pk>/letter/", views.invitation_letter, name="job-invitation-letter"),
]

from django.urls import path

from . import views

urlpatterns = [
    # the landlords' and housing associations' public form: no login, the token is the credential
    path("report/<str:token>/", views.public_report, name="neighbours-public-report"),
    path("report/<str:token>/receipt/", views.public_receipt, name="neighbours-public-receipt"),
    path("neighbours/reports/", views.report_list, name="neighbours-report-list"),
    path("neighbours/reports/new/", views.report_create, name="neighbours-report-create"),
    path("neighbours/reports/<int:pk>/", views.report_detail, name="neighbours-report-detail"),
    path(
        "neighbours/reports/<int:pk>/events/",
        views.report_event_add,
        name="neighbours-report-event",
    ),
    path("neighbours/reports/<int:pk>/owner/", views.report_owner, name="neighbours-report-owner"),
    path("neighbours/reports/<int:pk>/link/", views.report_link, name="neighbours-report-link"),
    path("neighbours/reports/<int:pk>/close/", views.report_close, name="neighbours-report-close"),
    path("neighbours/channels/", views.channel_list, name="neighbours-channel-list"),
    path("neighbours/channels/new/", views.channel_edit, name="neighbours-channel-create"),
    path("neighbours/channels/<int:pk>/", views.channel_edit, name="neighbours-channel-edit"),
    path(
        "neighbours/channels/<int:pk>/new-link/",
        views.channel_renew,
        name="neighbours-channel-renew",
    ),
]

from django.urls import path

from . import views

urlpatterns = [
    path("associations/", views.association_list, name="associations-list"),
    path("associations/new/", views.association_edit, name="associations-create"),
    path(
        "associations/move-outs/import/",
        views.move_outs_import,
        name="associations-move-outs-import",
    ),
    path(
        "associations/move-outs/import/template/",
        views.move_outs_import_template,
        name="associations-move-outs-import-template",
    ),
    path("associations/<int:pk>/", views.association_edit, name="associations-edit"),
    path(
        "associations/<int:pk>/move-outs/",
        views.association_move_outs,
        name="associations-move-outs",
    ),
    path("allocation-meetings/", views.meeting_list, name="associations-meeting-list"),
    path(
        "allocation-meetings/<int:pk>/",
        views.meeting_detail,
        name="associations-meeting-detail",
    ),
    path(
        "allocation-meetings/<int:pk>/edit/",
        views.meeting_edit,
        name="associations-meeting-edit",
    ),
    path(
        "allocation-meetings/<int:pk>/recompute/",
        views.meeting_recompute,
        name="associations-meeting-recompute",
    ),
    path(
        "allocation-meetings/<int:pk>/export/",
        views.meeting_export,
        name="associations-meeting-export",
    ),
    path("allocation-lines/<int:pk>/", views.line_detail, name="associations-line-detail"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("visitation/", views.upload, name="visitation-upload"),
    path("visitation/format/", views.file_format, name="visitation-format"),
    path(
        "visitation/skabelon.csv",
        views.template_download,
        {"fmt": "csv"},
        name="visitation-template-csv",
    ),
    path(
        "visitation/skabelon.xlsx",
        views.template_download,
        {"fmt": "xlsx"},
        name="visitation-template-xlsx",
    ),
    path("visitation/<int:pk>/", views.review, name="visitation-review"),
    path("visitation/<int:pk>/cancel/", views.cancel, name="visitation-cancel"),
]

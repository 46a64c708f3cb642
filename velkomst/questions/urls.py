from django.urls import path

from . import views

urlpatterns = [
    # the citizen's own (CIT-1)
    path("borger/spoergsmaal/", views.citizen_questions, name="citizen-questions"),
    path(
        "borger/spoergsmaal/bilag/<int:pk>/",
        views.citizen_attachment,
        name="citizen-question-attachment",
    ),
    # staff: the inbox, a question with its answer, an attachment
    path("spoergsmaal/", views.inbox, name="question-inbox"),
    path("spoergsmaal/<int:pk>/", views.detail, name="question-detail"),
    path("spoergsmaal/bilag/<int:pk>/", views.attachment, name="question-attachment"),
]

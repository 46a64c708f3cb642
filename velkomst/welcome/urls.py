from django.urls import path

from . import views

urlpatterns = [
    path("households/<int:pk>/welcome/", views.welcome_preview, name="welcome-preview"),
    path("households/<int:pk>/welcome.pdf", views.welcome_pdf, name="welcome-pdf"),
]

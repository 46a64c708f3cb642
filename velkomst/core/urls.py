from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("audit/", views.audit_search, name="audit-search"),
    path("audit/persons/<int:pk>/", views.audit_person, name="audit-person"),
    path("audit/security/", views.security_event_list, name="security-events"),
]

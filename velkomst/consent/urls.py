from django.urls import path

from . import views

urlpatterns = [
    path("persons/<int:pk>/consents/", views.person_consents, name="consent-person"),
    path("persons/<int:pk>/consents/new/", views.consent_create, name="consent-create"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent-withdraw"),
]

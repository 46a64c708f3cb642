"""MitID sign-in (CIT-1): to the OpenID Connect broker and back."""

from django.urls import path

from . import oidc

urlpatterns = [
    path("borger/mitid/", oidc.start, name="citizen-oidc-start"),
    path("borger/mitid/callback/", oidc.callback, name="citizen-oidc-callback"),
]

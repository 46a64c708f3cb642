"""MitID sign-in for citizens through an OpenID Connect broker (CIT-1).

The exchange is Authlib's Django client (docs/decisions.md): the authorization code flow with
PKCE (S256), state and nonce kept in the session, the provider's endpoints and keys from its
discovery document (``<issuer>/.well-known/openid-configuration``), and the ID token's signature,
issuer, audience, expiry and nonce checked by the library. Nothing here creates a Django user: the
CPR claim names a ``people.Person`` (``citizen/mitid.py``) and the citizen's session names that
person. Configured by the ``VELKOMST_OIDC_*`` settings; an empty issuer turns MitID off (404).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

import requests
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from joserfc.errors import JoseError

from . import mitid

logger = logging.getLogger(__name__)

CLIENT_NAME = "mitid"
TIMEOUT_SECONDS = 10
HOME_URL_NAME = "citizen-home"
HOME_FALLBACK = "/borger/"

CANCELLED = _("Du afbrød login med MitID. Du er ikke logget ind.")
FAILED = _("Login med MitID lykkedes ikke. Du er ikke logget ind. Prøv igen.")
EXPIRED = _(
    "Login-forsøget er udløbet eller kom ikke fra denne browser. Du er ikke logget ind. Prøv igen."
)
NO_CPR = _("MitID sendte ikke dit CPR-nummer, så vi kan ikke finde dig. Du er ikke logget ind.")
HEADING = _("Login med MitID")
HELP = _("Har du brug for hjælp, så kontakt din kommune.")
# a MitID user who is no active citizen: the same words whatever Velkomst knows of the CPR number
NOT_FOUND_HEADING = _("Vi kan ikke finde dig")
NOT_FOUND = _(
    "Du har vist, hvem du er, med MitID, men vi kan ikke finde dig som borger i Velkomst. "
    "Du er ikke logget ind."
)
NOT_FOUND_HELP = _("Kontakt din kommune, hvis du mener, at du skal kunne se din sag her.")


class ConfigurationError(Exception):
    """The provider's discovery document does not name the configured issuer."""


@lru_cache(maxsize=4)
def _client(issuer: str, client_id: str, client_secret: str, scopes: str) -> Any:
    """Authlib's client for one configuration (cached: the discovery document and the keys are
    fetched once; a new key id fetches the keys again)."""
    oauth = OAuth()
    return oauth.register(
        name=CLIENT_NAME,
        client_id=client_id,
        client_secret=client_secret,
        server_metadata_url=f"{issuer.rstrip('/')}/.well-known/openid-configuration",
        client_kwargs={
            "scope": scopes,
            "code_challenge_method": "S256",
            "default_timeout": TIMEOUT_SECONDS,
        },
    )


def _issuer() -> str:
    """The configured issuer; 404 when MitID sign-in is off."""
    if not settings.VELKOMST_OIDC_ISSUER:
        raise Http404("MitID sign-in is not configured")
    return str(settings.VELKOMST_OIDC_ISSUER)


def client() -> Any:
    """The configured client, after checking that the discovery document is the issuer's own
    (OpenID Connect Discovery 1.0, 4.3); 404 when MitID sign-in is off."""
    issuer = _issuer()
    oidc = _client(
        issuer,
        settings.VELKOMST_OIDC_CLIENT_ID,
        settings.VELKOMST_OIDC_CLIENT_SECRET,
        settings.VELKOMST_OIDC_SCOPES,
    )
    metadata = oidc.load_server_metadata()
    if str(metadata.get("issuer", "")).rstrip("/") != issuer.rstrip("/"):
        raise ConfigurationError(f"the discovery document names {metadata.get('issuer')!r}")
    return oidc


def _problem(
    request: HttpRequest,
    message: Any,
    *,
    status: int,
    retry: bool = True,
    heading: Any = HEADING,
    advice: Any = HELP,
) -> Any:
    context = {"heading": heading, "message": message, "retry": retry, "advice": advice}
    return render(request, "citizen/mitid_problem.html", context, status=status)


def _home() -> str:
    try:
        return reverse(HOME_URL_NAME)
    except NoReverseMatch:  # the citizen's start page is not in this build
        return HOME_FALLBACK


@never_cache
def start(request: HttpRequest) -> HttpResponse:
    """Send the citizen to the MitID broker (a staff session never gets here: 403 from
    CitizenSessionMiddleware)."""
    try:
        oidc = client()
        callback = settings.VELKOMST_OIDC_REDIRECT_URI or request.build_absolute_uri(
            reverse("citizen-oidc-callback")
        )
        return oidc.authorize_redirect(request, callback)  # type: ignore[no-any-return]
    except (requests.RequestException, ConfigurationError, ValueError):
        logger.exception("MitID sign-in: the provider could not be reached or is misconfigured")
        return _problem(request, FAILED, status=502)


@never_cache
def callback(request: HttpRequest) -> HttpResponse:
    """The broker's answer: a validated ID token whose CPR claim names an active citizen signs
    them in; anything else is a page that says so, and nothing is written."""
    error = request.GET.get("error")
    if error:
        _issuer()  # 404 when MitID sign-in is off
        return _problem(request, CANCELLED if error == "access_denied" else FAILED, status=400)
    try:
        oidc = client()
        token = oidc.authorize_access_token(request)
        claims = _claims(oidc, token)
    except MismatchingStateError:
        return _problem(request, EXPIRED, status=400)
    except (OAuthError, JoseError, requests.RequestException, ConfigurationError, ValueError):
        logger.warning(
            "MitID sign-in refused: the provider's answer did not validate", exc_info=True
        )
        return _problem(request, FAILED, status=400)
    cpr = mitid.normalise_cpr(claims.get(settings.VELKOMST_OIDC_CPR_CLAIM))
    if cpr is None:
        return _problem(request, NO_CPR, status=400, retry=False)
    person = mitid.citizen_for_cpr(cpr)
    if person is None:
        mitid.record_refused_sign_in(request, cpr=cpr)
        return _problem(
            request,
            NOT_FOUND,
            status=403,
            retry=False,
            heading=NOT_FOUND_HEADING,
            advice=NOT_FOUND_HELP,
        )
    mitid.sign_in_with_mitid(request, person=person)
    return redirect(_home())


def _claims(oidc: Any, token: dict[str, Any]) -> dict[str, Any]:
    """The validated ID token's claims, with the userinfo endpoint's where the broker sends the
    CPR claim there only (its ``sub`` must be the ID token's)."""
    id_claims = token.get("userinfo")
    if not id_claims:
        raise ValueError("no ID token in the token response")
    claims = dict(id_claims)
    if settings.VELKOMST_OIDC_CPR_CLAIM not in claims:
        userinfo = oidc.userinfo(token=token)
        if userinfo.get("sub") != claims.get("sub"):
            raise ValueError("the userinfo response is about another subject")
        claims = {**dict(userinfo), **claims}
    return claims

"""/api/hosts and /api/host-offers: private hosts and their offers (HOU-6). Reading needs
``housing.view``, writing ``housing.edit`` (as on the pages); hosts and offers are not
citizens' data."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from velkomst.core import access, audit
from velkomst.hosts import selectors, services
from velkomst.housing import selectors as housing_selectors

from ..auth import reader
from ..errors import InvalidField
from ..housing_schemas import (
    HostDetailOut,
    HostIn,
    HostOfferIn,
    HostOfferOut,
    HostOfferPatchIn,
    HostOut,
    HostPatchIn,
)
from ..pagination import LimitOffset
from ..schemas import errors
from . import CHANNEL

router = Router(tags=["hosts"])

WRITE = errors(400, 401, 403, 404, 409, 422)


@router.get("/hosts", response={200: list[HostOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_hosts(request: HttpRequest) -> Any:
    return selectors.hosts_search(user=reader(request))


@router.get("/hosts/{host_id}", response={200: HostDetailOut, **errors(401, 403, 404, 422)})
def get_host(request: HttpRequest, host_id: int) -> Any:
    """A host with its offers."""
    host = selectors.host_get(user=reader(request), pk=host_id)
    host.offers_shown = list(selectors.offers_of(host))  # type: ignore[attr-defined]
    return host


@router.get("/host-offers/{offer_id}", response={200: HostOfferOut, **errors(401, 403, 404, 422)})
def get_host_offer(request: HttpRequest, offer_id: int) -> Any:
    return selectors.offer_get(user=reader(request), pk=offer_id)


def _values(user: Any, values: dict[str, Any]) -> dict[str, Any]:
    """The body's values for the service: ``area_id`` as the caller's municipality's area."""
    if "area_id" in values:
        area_id = values.pop("area_id")
        values["area"] = None
        if area_id is not None:
            values["area"] = housing_selectors.areas_for(user).filter(pk=area_id).first()
            if values["area"] is None:
                raise InvalidField("area_id", _("Der er intet område med dette id."))
    return values


@router.post("/hosts", response={201: HostOut, **errors(400, 401, 403, 422)})
def create_host(request: HttpRequest, payload: HostIn) -> Any:
    """Add a private host (HOU-6); audited."""
    user = reader(request)
    access.require(user, access.HOUSING_EDIT)  # before the area in the body is looked up
    with audit.via(CHANNEL):
        host = services.host_create(acting_user=user, **_values(user, payload.dict()))
    return Status(201, host)


@router.patch("/hosts/{host_id}", response={200: HostOut, **WRITE})
def update_host(request: HttpRequest, host_id: int, payload: HostPatchIn) -> Any:
    """Change the fields sent; ``version`` must be the one read, else 409 (SEC-5)."""
    user = reader(request)
    host = selectors.host_get(user=user, pk=host_id)
    access.require(user, access.HOUSING_EDIT)
    values = _values(user, payload.dict(exclude_unset=True, exclude={"version"}))
    with audit.via(CHANNEL):
        return services.host_update(
            host=host, acting_user=user, expected_version=payload.version, **values
        )


@router.post("/hosts/{host_id}/offers", response={201: HostOfferOut, **WRITE})
def create_host_offer(request: HttpRequest, host_id: int, payload: HostOfferIn) -> Any:
    """Add an offer of the host's (open); audited."""
    user = reader(request)
    host = selectors.host_get(user=user, pk=host_id)
    with audit.via(CHANNEL):
        offer = services.offer_create(acting_user=user, host=host, **payload.dict())
    return Status(201, offer)


@router.patch("/host-offers/{offer_id}", response={200: HostOfferOut, **WRITE})
def update_host_offer(request: HttpRequest, offer_id: int, payload: HostOfferPatchIn) -> Any:
    """Change the fields sent (a status only along open ↔ withdrawn, as on the page); ``version``
    must be the one read, else 409 (SEC-5)."""
    user = reader(request)
    offer = selectors.offer_get(user=user, pk=offer_id)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    with audit.via(CHANNEL):
        return services.offer_update(
            offer=offer, acting_user=user, expected_version=payload.version, **values
        )

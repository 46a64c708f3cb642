"""/api/hosts and /api/host-offers: private hosts and their offers (HOU-6). Reading needs
``housing.view``; hosts and offers are not citizens' data."""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from velkomst.hosts import selectors

from ..auth import reader
from ..housing_schemas import HostDetailOut, HostOfferOut, HostOut
from ..pagination import LimitOffset
from ..schemas import errors

router = Router(tags=["hosts"])


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

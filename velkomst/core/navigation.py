"""The main menu as data: groups and the pages in them, each behind the capability it needs.

Adding a page to the menu is one line in ``MENU`` (or one ``register(...)`` call from an app's
``AppConfig.ready``); the base template draws the groups as DKFDS menus (a dropdown per group on a
wide screen, one "Menu" button holding every group on a narrow one), with no JavaScript needed.
A role sees a group only when it may open one of its pages, and a group with one page for the
role is drawn as that page's link.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import access

# The groups, in the order the menu shows them. "home" is the start page (Forside): its one entry
# links to "/", which each role's start page answers (until then it forwards to the role's list).
GROUPS: dict[str, Promise] = {
    "home": _("Forside"),
    "citizens": _("Borgere"),
    "tasks": _("Opgaver"),
    "housing": _("Bolig"),
    "families": _("Børn og familie"),
    "companies": _("Virksomheder og job"),
    "community": _("Civilsamfund og frivillige"),
    "insight": _("Ledelsesinformation"),
    "national": _("National fordeling"),
    "admin": _("Administration"),
}


@dataclass(frozen=True)
class MenuItem:
    group: str  # a key of GROUPS
    url_name: str
    label: Promise
    capability: str | None  # None: every signed-in staff member


MENU: list[MenuItem] = [
    MenuItem("home", "home", _("Forside"), None),
    MenuItem("citizens", "person-list", _("Mine borgere"), access.PERSON_VIEW),
    MenuItem("citizens", "household-create", _("Ny husstand"), access.HOUSEHOLD_CREATE),
    MenuItem("citizens", "visitation-upload", _("Importér visitation"), access.HOUSEHOLD_CREATE),
    MenuItem("citizens", "contact-list", _("Kontakter"), access.CONTACT_LOG),
    MenuItem("tasks", "my-tasks", _("Mine opgaver"), access.TASK_COMPLETE),
    MenuItem("tasks", "worklist", _("Enhedens arbejdsliste"), access.PERSON_VIEW),
    MenuItem("tasks", "my-calendar", _("Min kalender"), access.PERSON_VIEW),
    MenuItem("housing", "housing-dwelling-list", _("Boliger"), access.HOUSING_VIEW),
    MenuItem("housing", "hosts-host-list", _("Private værter"), access.HOUSING_VIEW),
    MenuItem(
        "housing",
        "associations-meeting-list",
        _("Boligforeninger og anvisning"),
        access.HOUSING_VIEW,
    ),
    MenuItem("housing", "neighbours-report-list", _("Naboproblemer"), access.NEIGHBOUR_VIEW),
    MenuItem("families", "placement-overview", _("Børn: dagtilbud og skole"), access.PERSON_VIEW),
    MenuItem("admin", "audit-search", _("Log og aktindsigt"), access.AUDIT_VIEW),
    MenuItem("admin", "security-events", _("Sikkerhedshændelser"), access.ADMIN_SITE),
    MenuItem("admin", "plan-template-list", _("Skabelon for modtageplan"), access.TEMPLATE_EDIT),
    MenuItem("admin", "admin:index", _("Enheder, brugere og opsætning"), access.ADMIN_SITE),
]


def register(group: str, url_name: str, label: Promise, capability: str | None) -> None:
    """Add a page to the menu (from an app's ``AppConfig.ready``), at the end of its group."""
    if group not in GROUPS:
        raise ValueError(f"unknown menu group {group!r}; add it to GROUPS first")
    MENU.append(MenuItem(group, url_name, label, capability))


@dataclass(frozen=True)
class Link:
    href: str
    label: str
    current: bool


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    links: tuple[Link, ...]

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)


def menu_for(caps: frozenset[str], here: str) -> list[Group]:
    """The groups and links a user with ``caps`` sees; ``here`` is the current URL name."""
    groups = []
    for key, label in GROUPS.items():
        links = tuple(
            Link(reverse(item.url_name), str(item.label), item.url_name == here)
            for item in MENU
            if item.group == key and (item.capability is None or item.capability in caps)
        )
        if links:
            groups.append(Group(key, str(label), links))
    return groups

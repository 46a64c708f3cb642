"""Whether a volunteer may work with children on a day (CIV-3). Kept apart from the services so
the matcher can import it without the write side."""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Volunteer, VolunteerStatus


def child_eligible(volunteer: Volunteer, on: date) -> bool:
    """``child_eligibility``'s answer without the reason in words: for a list of many volunteers
    (the matcher's input), where only the answer is used."""
    received = volunteer.child_certificate_received_on
    expires = volunteer.child_certificate_expires_on
    signed = volunteer.confidentiality_signed_on
    return (
        volunteer.status == VolunteerStatus.APPROVED
        and received is not None
        and received <= on
        and expires is not None
        and expires >= on
        and signed is not None
        and signed <= on
    )


def child_eligibility(volunteer: Volunteer, on: date) -> tuple[bool, str]:
    """(eligible, reason): a volunteer may be matched with children on ``on`` only when approved,
    with a child certificate (børneattest) received by then and not expired, and a duty of
    confidentiality signed by then. The reason names what is missing, in words for the page."""
    if volunteer.status != VolunteerStatus.APPROVED:
        return False, _("%(name)s er ikke godkendt som frivillig.") % {"name": volunteer.name}
    received = volunteer.child_certificate_received_on
    expires = volunteer.child_certificate_expires_on
    if received is None or received > on:
        return False, _("%(name)s har ingen børneattest.") % {"name": volunteer.name}
    if expires is None or expires < on:
        when = date_format(expires, "j. F Y") if expires else ""
        return False, (
            _("Børneattesten for %(name)s udløb %(date)s.") % {"name": volunteer.name, "date": when}
            if when
            else _("Børneattesten for %(name)s har ingen udløbsdato.") % {"name": volunteer.name}
        )
    signed = volunteer.confidentiality_signed_on
    if signed is None or signed > on:
        return False, _("%(name)s har ikke underskrevet en tavshedserklæring.") % {
            "name": volunteer.name
        }
    return True, ""

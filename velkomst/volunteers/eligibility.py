"""Whether a volunteer may work with children on a day (CIV-3). Kept apart from the services so
the matcher can import it without the write side."""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Volunteer, VolunteerStatus


def _child_gap(volunteer: Volunteer, on: date) -> str:
    """What keeps the volunteer from children on ``on`` ("" for nothing): the one rule that
    ``child_eligible`` and ``child_eligibility`` both answer by."""
    if volunteer.status != VolunteerStatus.APPROVED:
        return "not_approved"
    received = volunteer.child_certificate_received_on
    if received is None or received > on:
        return "no_certificate"
    expires = volunteer.child_certificate_expires_on
    if expires is None or expires < on:
        return "expired"
    signed = volunteer.confidentiality_signed_on
    if signed is None or signed > on:
        return "no_confidentiality"
    return ""


def child_eligible(volunteer: Volunteer, on: date) -> bool:
    """``child_eligibility``'s answer without the reason in words: for a list of many volunteers
    (the matcher's input), where only the answer is used."""
    return not _child_gap(volunteer, on)


def child_eligibility(volunteer: Volunteer, on: date) -> tuple[bool, str]:
    """(eligible, reason): a volunteer may be matched with children on ``on`` only when approved,
    with a child certificate (børneattest) received by then and not expired, and a duty of
    confidentiality signed by then. The reason names what is missing, in words for the page."""
    gap = _child_gap(volunteer, on)
    name = {"name": volunteer.name}
    if gap == "not_approved":
        return False, _("%(name)s er ikke godkendt som frivillig.") % name
    if gap == "no_certificate":
        return False, _("%(name)s har ingen børneattest.") % name
    if gap == "expired":
        expires = volunteer.child_certificate_expires_on
        if expires is None:
            return False, _("Børneattesten for %(name)s har ingen udløbsdato.") % name
        when = date_format(expires, "j. F Y")
        return False, _("Børneattesten for %(name)s udløb %(date)s.") % {**name, "date": when}
    if gap == "no_confidentiality":
        return False, _("%(name)s har ikke underskrevet en tavshedserklæring.") % name
    return True, ""

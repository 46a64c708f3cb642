"""Reception-plan template versions in a real browser (REC-2): an administrator deactivates a
version with a reason (plain forms: no JavaScript needed) and is told why the last active version cannot
go; axe-core finds no serious or critical violation on the pages reached."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_deactivating_a_template_version_with_a_reason(
    live_server, page, login, staff, municipality
):
    # REQ: REC-2
    from velkomst.reception import services
    from velkomst.reception.models import PlanTemplate

    admin = staff["administrator"]
    v1 = services.install_presets(municipality)
    v2 = services.template_task_update(
        template_task=v1.tasks.get(key="welcome_meeting"),
        acting_user=admin,
        note="Velkomstmøde i første uge",
        title="Velkomstmøde (første uge)",
    ).template
    audit = AxeAudit(page)
    login(page, admin)
    page.goto(f"{live_server.url}/plan-templates/{v2.pk}/")
    expect(page.get_by_text("Aktiv: kan bruges til nye modtageplaner")).to_be_visible()
    audit.check("template version, active")
    page.get_by_role("link", name="Deaktivér versionen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Deaktivér {v2}")
    page.get_by_role("button", name="Deaktivér versionen").click()
    expect(page.locator(".form-error-message").first).to_be_visible()
    audit.check("deactivate without a reason")
    page.get_by_label("Begrundelse").fill("Titlen er forkert")
    page.get_by_role("button", name="Deaktivér versionen").click()
    expect(page.get_by_text("Versionen er deaktiveret.")).to_be_visible()
    expect(page.get_by_text("Deaktiveret: bruges ikke til nye modtageplaner")).to_be_visible()
    audit.check("template version, deactivated")
    assert not PlanTemplate.objects.get(pk=v2.pk).is_active
    assert services.template_in_force(municipality) == v1

    page.goto(f"{live_server.url}/plan-templates/{v1.pk}/active/")
    page.get_by_label("Begrundelse").fill("Oprydning")
    page.get_by_role("button", name="Deaktivér versionen").click()
    expect(page.get_by_text("ingen anden aktiv version gælder i dag").first).to_be_visible()
    audit.check("the last active version cannot be deactivated")
    assert PlanTemplate.objects.get(pk=v1.pk).is_active
    audit.assert_clean()

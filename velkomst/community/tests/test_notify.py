"""The notification backends (velkomst.core.notify) that carry the reminders (CIV-4)."""

from __future__ import annotations

from datetime import time, timedelta

from django.core import mail

from velkomst.community import services
from velkomst.core import notify


def test_the_email_backend_sends_through_djangos_mail(settings):
    # REQ: CIV-4
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.VELKOMST_NOTIFICATION_BACKEND = "velkomst.core.notify.ChannelBackend"
    note = notify.Notification(channel="email", to="omar@example.dk", subject="S", body="B")
    assert notify.send(note) is True
    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [(["omar@example.dk"], "S", "B")]
    # an SMS goes to the gateway (none configured here: only logged), never by e-mail
    settings.VELKOMST_SMS_GATEWAY_URL = ""
    assert notify.send(notify.Notification("sms", "20112233", "S", "B")) is True
    assert len(mail.outbox) == 1
    # a letter is never sent by a backend
    assert notify.send(notify.Notification("letter", "x", "S", "B")) is False


def test_a_reminder_the_backend_could_not_send_is_not_recorded(
    coordinator, amal, today, settings, db
):
    # REQ: CIV-4
    settings.VELKOMST_NOTIFICATION_BACKEND = "velkomst.core.notify.EmailBackend"
    event = services.event_create(
        actor=coordinator,
        kind="intro_cafe",
        title="Introcafé",
        held_on=today + timedelta(days=1),
        starts_at=time(10, 0),
        place="Rådhuset",
        organiser="Kommunen",
    )
    (invitation,) = services.invite(
        actor=coordinator, event=event, persons=[amal], channel="sms", address="20112233"
    )
    result = services.send_reminders(day=today)  # the e-mail backend sends no SMS
    assert (result.sent, result.skipped) == (0, 1)
    invitation.refresh_from_db()
    assert invitation.reminder_sent_at is None  # so a working backend can send it later

"""Notifications to citizens (a reminder the day before an event, CIV-4) through a pluggable
backend: ``settings.VELKOMST_NOTIFICATION_BACKEND`` names the class (dotted path).

- ``ConsoleBackend`` (the default, so it runs on any machine): writes each message to stdout.
- ``EmailBackend``: e-mail through Django's mail (``EMAIL_BACKEND``, ``DEFAULT_FROM_EMAIL``).
- ``SmsBackend``: the text as an SMS through a gateway (``VELKOMST_SMS_GATEWAY_URL``: a form
  POST of ``to``, ``text`` and ``sender`` with ``VELKOMST_SMS_GATEWAY_TOKEN`` as bearer token);
  with no gateway configured the text is only logged.
- ``ChannelBackend``: e-mail messages by ``EmailBackend``, SMS by ``SmsBackend``.

``send`` answers whether the message left (a letter is never sent by a backend).
"""

from __future__ import annotations

import logging
import sys
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

logger = logging.getLogger("velkomst.notify")

EMAIL = "email"
SMS = "sms"
SMS_MAX = 612  # four concatenated SMS parts; longer texts are cut


@dataclass(frozen=True)
class Notification:
    channel: str  # "email" or "sms"
    to: str  # the e-mail address or phone number
    subject: str
    body: str


class Backend(Protocol):
    def send(self, notification: Notification) -> bool: ...


class ConsoleBackend:
    """Writes each message to stdout (development, demo, tests)."""

    def send(self, notification: Notification) -> bool:
        stream = sys.stdout
        stream.write(
            f"[{notification.channel}] to {notification.to}: {notification.subject}\n"
            f"{notification.body}\n{'-' * 40}\n"
        )
        stream.flush()
        return True


class EmailBackend:
    def send(self, notification: Notification) -> bool:
        if notification.channel != EMAIL:
            return False
        sent = send_mail(
            notification.subject,
            notification.body,
            settings.DEFAULT_FROM_EMAIL,
            [notification.to],
        )
        return bool(sent)


class SmsBackend:
    """The message as plain text through the configured SMS gateway."""

    def send(self, notification: Notification) -> bool:
        if notification.channel != SMS:
            return False
        text = notification.body[:SMS_MAX]
        url = getattr(settings, "VELKOMST_SMS_GATEWAY_URL", "")
        if not url:
            logger.info("SMS (no gateway configured) to %s: %s", notification.to, text)
            return True
        data = urllib.parse.urlencode(
            {
                "to": notification.to,
                "text": text,
                "sender": getattr(settings, "VELKOMST_SMS_SENDER", "Kommunen"),
            }
        ).encode()
        request = urllib.request.Request(url, data=data, method="POST")  # noqa: S310
        token = getattr(settings, "VELKOMST_SMS_GATEWAY_TOKEN", "")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return 200 <= response.status < 300


class ChannelBackend:
    """E-mail by Django's mail, SMS by the gateway."""

    def send(self, notification: Notification) -> bool:
        if notification.channel == EMAIL:
            return EmailBackend().send(notification)
        return SmsBackend().send(notification)


def backend() -> Backend:
    path = getattr(settings, "VELKOMST_NOTIFICATION_BACKEND", "velkomst.core.notify.ConsoleBackend")
    return import_string(path)()  # type: ignore[no-any-return]


def send(notification: Notification) -> bool:
    """Send through the configured backend; True when the message left."""
    if notification.channel not in (EMAIL, SMS) or not notification.to:
        return False
    return backend().send(notification)

"""Welcome-folder texts per municipality and language (REC-7)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality

from .texts import KEYS, normalise_language


class WelcomeText(models.Model):
    """One text of the welcome folder in one language.

    Without a municipality it is the platform's text for every municipality; a municipality's
    own row wins over it, and both win over the shipped texts (welcome/texts.py).
    """

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("Tom: platformens tekst til alle kommuner"),
    )
    language = models.CharField(_("sprog"), max_length=8, help_text=_("ISO 639-kode, fx ar, ti"))
    key = models.CharField(_("nøgle"), max_length=60, help_text=_("Se listen af nøgler i texts.py"))
    text = models.TextField(_("tekst"))
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["language", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "language", "key"],
                condition=Q(municipality__isnull=False),
                name="welcometext_one_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["language", "key"],
                condition=Q(municipality__isnull=True),
                name="welcometext_one_platform_default",
            ),
        ]
        verbose_name = _("tekst til velkomstmappe")
        verbose_name_plural = _("tekster til velkomstmappe")

    def __str__(self) -> str:
        return f"{self.language}: {self.key}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.language = normalise_language(self.language)
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self) -> None:
        self.language = normalise_language(self.language)
        if not self.language.isalpha() or not 2 <= len(self.language) <= 3:
            raise ValidationError({"language": _("Brug en ISO 639-kode med 2 eller 3 bogstaver.")})
        if self.key not in KEYS:
            raise ValidationError({"key": _("Ukendt nøgle.")})

"""Errors the services raise; views turn them into clear messages."""

from django.utils.translation import gettext as _


class ConcurrentEditError(Exception):
    """Someone else saved the record after this user opened it (SEC-5)."""

    def __init__(self, label: str = "") -> None:
        super().__init__(label or "the record was changed by someone else")
        self.label = label

    @property
    def message(self) -> str:
        """What the second writer is told, in their language."""
        return _(
            "En anden har gemt ændringer, efter du hentede oplysningerne. Din ændring er ikke "
            "gemt; hent dem igen og gentag ændringen."
        )

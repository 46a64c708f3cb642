"""Errors the services raise; views turn them into clear messages."""


class ConcurrentEditError(Exception):
    """Someone else saved the record after this user opened it (SEC-5)."""

    def __init__(self, label: str = "") -> None:
        super().__init__(label or "the record was changed by someone else")
        self.label = label

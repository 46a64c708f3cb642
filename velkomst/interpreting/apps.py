from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterpretingConfig(AppConfig):
    name = "velkomst.interpreting"
    label = "interpreting"
    verbose_name = _("Tolkning")

    def ready(self) -> None:
        from velkomst.core import access, navigation, worklist

        from . import worklist as interpreting_worklist

        worklist.register(interpreting_worklist.rows)
        navigation.register(
            "tasks", "interpreting-day", _("Tolkebestillinger"), access.INTERPRETING_VIEW
        )
        navigation.register(
            "tasks", "interpreting-interpreters", _("Tolke og bureauer"), access.INTERPRETING_BOOK
        )

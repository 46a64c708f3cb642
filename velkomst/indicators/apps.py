from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "velkomst.indicators"
    verbose_name = "Indikatorer"

    def ready(self) -> None:
        # the definitions register themselves in the library's REGISTRY when imported (the
        # library imports none of them, so no import circle between the two)
        from . import definitions  # noqa: F401

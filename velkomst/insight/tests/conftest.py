"""The indicator tests' hand-made arrivals serve the exports' tests too."""

from velkomst.indicators.tests.conftest import arrive

__all__ = ["arrive"]

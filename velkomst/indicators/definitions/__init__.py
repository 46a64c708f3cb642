"""The library's definitions, one module per area; importing this package registers them all."""

from . import (  # noqa: F401
    children,
    community,
    danish,
    economy,
    employment,
    housing,
    outcomes,
    programme,
    reception,
    surveys,
)

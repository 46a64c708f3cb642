"""Pure rules for a household's housing need (HOU-2); no database.

Rooms: each adult (18 or over) needs a room, except that a couple (the head and a spouse or
partner) shares one; children share two to a room. A household always needs at least one room.
So a couple with three children needs 1 + 2 = 3 rooms; a single adult with one child 2.

Maximum rent: the household's expected monthly income times the municipality's share
(configuration key ``max_rent_share_of_income``, preset 0.5: if rent exceeds half of the
household's income, housing benefit cannot be refused). Rent here is rent plus utilities.
"""

from __future__ import annotations

import math
from decimal import ROUND_FLOOR, Decimal

CHILD_AGE = 18
CHILDREN_PER_ROOM = 2


def rooms_needed(*, adults: int, children: int, couple: bool) -> int:
    """Rooms for ``adults`` adults and ``children`` children; ``couple`` when two of the adults
    are a couple sharing a room."""
    if adults < 0 or children < 0:
        raise ValueError("negative household size")
    adult_rooms = adults - 1 if couple and adults >= 2 else adults
    return max(1, adult_rooms + math.ceil(children / CHILDREN_PER_ROOM))


def max_rent(*, monthly_income: int | None, share: float | Decimal | str) -> int | None:
    """Whole kroner a household can carry per month; None when the income is not known."""
    if monthly_income is None:
        return None
    value = Decimal(monthly_income) * Decimal(str(share))
    return int(value.to_integral_value(rounding=ROUND_FLOOR))

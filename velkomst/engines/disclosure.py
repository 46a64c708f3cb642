"""Suppression of small counts in aggregates shown outside the integration team (MI-6).

Pure: plain numbers and dataclasses in and out, no Django.

Primary suppression hides a count of 1 to ``threshold - 1`` (preset 5: 1, 2, 3 and 4): a small
group lets a reader who knows the municipality point at the persons in it. A zero is shown: it
names no one, and hiding zeros would hide the very figures management needs ("no one in the
cohort has found work yet") while protecting nobody; a share of a group of zero persons has no
value anyway. (What a zero can reveal about a *group*, "none of these few persons …", is covered
by suppressing the figure of a small population: ``figure_reason``.)

Complementary (secondary) suppression hides further cells so that no hidden count can be worked
out by subtraction from the cells that are shown and the totals:

- a one-way breakdown (the groups of one breakdown and the total they add up to) is one additive
  line; a line with exactly one hidden cell gives it away, so the next smallest shown cell of that
  line is hidden too. Several breakdowns of one figure share their total: once the total is hidden
  it is hidden in every line, and every line is checked again (``suppress_breakdowns``);
- a two-way table with its row and column totals and the grand total (``suppress_table``) is a
  grid whose every row and column is such a line. There "no line with exactly one hidden cell" is
  not enough: a hidden cell is recovered by adding and subtracting whole lines exactly when it is
  a *bridge* of the graph whose nodes are the rows and the columns and whose edges are the hidden
  cells (no cycle of hidden cells runs through it). So hidden cells are added until no line has
  exactly one and no hidden cell is a bridge, each time the smallest shown cell that closes the
  gap (a non-zero one first: a hidden zero helps less, as a count cannot be negative).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar


class Reason(StrEnum):
    """Why a number is hidden."""

    SMALL_COUNT = "small_count"  # primary: a count of 1 .. threshold - 1
    SMALL_POPULATION = "small_population"  # a figure (share, median …) of a small group
    SMALL_NUMERATOR = "small_numerator"  # a share whose numerator is a small count
    COMPLEMENTARY = "complementary"  # hidden so a small count cannot be worked out by subtraction


PRIMARY = frozenset({Reason.SMALL_COUNT, Reason.SMALL_POPULATION, Reason.SMALL_NUMERATOR})


def is_small(count: int | float, threshold: int) -> bool:
    """A count to hide by itself: 1 .. threshold - 1 (zero is shown)."""
    return 0 < count < threshold


def figure_reason(population: int, numerator: int | None, threshold: int) -> Reason | None:
    """Why a figure of ``population`` items with ``numerator`` counted is hidden by itself, if
    it is: a share (or median, mean …) of a tiny group reveals its members, and so does a small
    numerator. ``numerator`` None: the figure's numerator is no count (hours, kroner)."""
    if is_small(population, threshold):
        return Reason.SMALL_POPULATION
    if numerator is not None and is_small(numerator, threshold):
        return Reason.SMALL_NUMERATOR
    return None


# --- one-way breakdowns sharing a total ---------------------------------------------------------


@dataclass(frozen=True)
class Breakdowns:
    """The outcome of ``suppress_breakdowns``: why the total is hidden (None: shown) and, per
    breakdown, the hidden groups and why."""

    total: Reason | None
    groups: dict[str, dict[str, Reason]]

    def hidden(self, breakdown: str, group: str) -> bool:
        return group in self.groups.get(breakdown, {})


K = TypeVar("K", str, tuple[int, int])


def _smallest(candidates: Mapping[K, float]) -> K | None:
    """The cell to hide next: the smallest non-zero one, else a zero; ties by name."""
    if not candidates:
        return None
    return min(candidates, key=lambda name: (candidates[name] == 0, candidates[name], name))


def suppress_breakdowns(
    total: float,
    breakdowns: Mapping[str, Mapping[str, float]],
    threshold: int,
    *,
    primary: Mapping[str, Mapping[str, Reason]] | None = None,
    total_primary: Reason | None = None,
    counts: bool = True,
) -> Breakdowns:
    """Hide small counts among the groups of each breakdown (each adding up to ``total``) and
    their complements.

    ``counts``: the cells are counts, so 1 .. threshold - 1 is hidden by itself; False for sums
    (hours, kroner) that are hidden only as complements or by ``primary``. ``primary`` and
    ``total_primary`` name cells already hidden for another reason (a figure of a small
    population): they are hidden here too, and their complements found."""
    hidden: dict[str, dict[str, Reason]] = {b: {} for b in breakdowns}
    total_reason = total_primary
    if total_reason is None and counts and is_small(total, threshold):
        total_reason = Reason.SMALL_COUNT
    for name, groups in breakdowns.items():
        for group, value in groups.items():
            given = (primary or {}).get(name, {}).get(group)
            if given is not None:
                hidden[name][group] = given
            elif counts and is_small(value, threshold):
                hidden[name][group] = Reason.SMALL_COUNT
    changed = True
    while changed:
        changed = False
        for name, groups in breakdowns.items():
            shown = {g: float(v) for g, v in groups.items() if g not in hidden[name]}
            if not groups or len(hidden[name]) + (total_reason is not None) != 1:
                continue  # (a breakdown without groups is no sum: the total stands alone)
            pick = _smallest(shown)
            if pick is not None:
                hidden[name][pick] = Reason.COMPLEMENTARY
            else:  # one group, hidden, and the total shown: the total gives it away
                total_reason = Reason.COMPLEMENTARY
            changed = True
    return Breakdowns(total_reason, hidden)


# --- a two-way table with its totals ------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """The outcome of ``suppress_table`` for R rows and C columns: ``cells[r][c]`` why the cell
    is hidden (None: shown), ``row_totals[r]``, ``column_totals[c]`` and ``grand_total`` likewise."""

    cells: list[list[Reason | None]]
    row_totals: list[Reason | None]
    column_totals: list[Reason | None]
    grand_total: Reason | None


def suppress_table(counts: Sequence[Sequence[int]], threshold: int) -> Table:
    """Hide small counts in a two-way table of counts (R rows of C columns, R, C >= 1) and in its
    row, column and grand totals, and the complements that stop any hidden count being worked
    out from the rest (module docstring)."""
    rows, columns = len(counts), len(counts[0]) if counts else 0
    if rows == 0 or columns == 0:
        return Table([[] for _ in range(rows)], [None] * rows, [None] * columns, None)
    # The table with its totals as an (R + 1) x (C + 1) grid: row R holds the column totals,
    # column C the row totals; every row and every column of the grid is one additive line.
    grid = [[*row, sum(row)] for row in counts]
    grid.append([sum(counts[r][c] for r in range(rows)) for c in range(columns)])
    grid[rows].append(sum(grid[rows]))
    height, width = rows + 1, columns + 1
    hidden: dict[tuple[int, int], Reason] = {
        (r, c): Reason.SMALL_COUNT
        for r in range(height)
        for c in range(width)
        if is_small(grid[r][c], threshold)
    }

    def cheapest(cells: list[tuple[int, int]]) -> tuple[int, int] | None:
        return _smallest(
            {cell: float(grid[cell[0]][cell[1]]) for cell in cells if cell not in hidden}
        )

    while True:
        pick = None
        for r in range(height):  # a row with exactly one hidden cell
            if sum((r, c) in hidden for c in range(width)) == 1:
                pick = cheapest([(r, c) for c in range(width)])
                break
        if pick is None:
            for c in range(width):  # a column with exactly one hidden cell
                if sum((r, c) in hidden for r in range(height)) == 1:
                    pick = cheapest([(r, c) for r in range(height)])
                    break
        if pick is None:
            bridge = _bridge(hidden.keys())
            if bridge is not None:  # hide a cell joining the bridge's two sides
                side = _side(set(hidden) - {bridge}, bridge)
                pick = cheapest(
                    [
                        (r, c)
                        for r in range(height)
                        for c in range(width)
                        if (("r", r) in side) != (("c", c) in side)
                    ]
                )
                assert pick is not None, "a bridge always has a shown cell across it"
        if pick is None:
            break
        hidden[pick] = Reason.COMPLEMENTARY
    at = hidden.get
    return Table(
        cells=[[at((r, c)) for c in range(columns)] for r in range(rows)],
        row_totals=[at((r, columns)) for r in range(rows)],
        column_totals=[at((rows, c)) for c in range(columns)],
        grand_total=at((rows, columns)),
    )


Node = tuple[str, int]


def _side(edges: set[tuple[int, int]], bridge: tuple[int, int]) -> set[Node]:
    """The nodes reachable from the bridge's row without crossing it (``edges`` lacks it)."""
    start: Node = ("r", bridge[0])
    seen = {start}
    todo = [start]
    while todo:
        kind, index = todo.pop()
        for r, c in edges:
            if kind == "r" and r == index:
                nxt: Node = ("c", c)
            elif kind == "c" and c == index:
                nxt = ("r", r)
            else:
                continue
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _bridge(cells: Iterable[tuple[int, int]]) -> tuple[int, int] | None:
    """A hidden cell on no cycle of hidden cells (rows and columns as nodes), if there is one."""
    edges = set(cells)
    for edge in sorted(edges):
        if ("c", edge[1]) not in _side(edges - {edge}, edge):
            return edge
    return None

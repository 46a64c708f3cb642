"""Housing placement benchmark (HOU-3): the engine against its greedy baseline, and scaling.

    python -m bench.bench_placement                      # 500 over 1,000 in 30 areas + scaling
    python -m bench.bench_placement --unpruned           # also every feasible pair (slow)
    python -m bench.bench_placement --scaling 100,500    # other sizes; --scaling "" for none
    python -m bench.bench_placement --municipality --scaling ""   # the rules that hold (< 2 min)

No database and no Django: the engine is plain Python. The batch comes from
``velkomst.engines.placement.synthetic.generate`` (deterministic for a seed): one municipality
with --areas areas (a few vulnerable, caps as a share of each area's households, refugee
households and language groups already living there), dwellings of every type and households
of every kind, with every soft goal on at the default weights.

Main run: the solve time (wall and CPU; the machine may be shared, so the CPU seconds are the
steadier figure), the MILP's status, objective, bound and gap, and for each goal how far it is
met by the engine and by greedy, with the ratio engine / greedy. --unpruned solves once more
over every feasible pair to measure what pruning costs. Scaling: the same at --scaling sizes
(dwellings twice the households), --repeat times each (the fastest run is kept).

--municipality: ``synthetic.generate_municipality`` (400 households, 420 dwellings, 30 areas:
tight rents, two vulnerable areas, caps of a few households per area, a small nationality of 5
that can only be placed together, a third of the households waiting past their date or in
temporary housing), run with the spread cap and "not alone" (by nationality) each a hard rule or
a weighed goal: households placed against the most any assignment under the same hard rules
places (the max-placed MILP's bound), rules broken by the independent check
(``engines.placement.check``), households over a cap and alone, and the time.

Prints markdown tables and writes bench/results/placement-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.common import git_commit, machine
from velkomst.engines.placement import GoalReport, Options, Result, check_assignment, suggest
from velkomst.engines.placement.synthetic import TODAY, generate, generate_municipality

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def run(households: int, dwellings: int, areas: int, seed: int, options: Options) -> dict[str, Any]:
    batch = generate(households, dwellings, areas, seed)
    wall, cpu = time.perf_counter(), time.process_time()
    result = suggest(batch.households, batch.dwellings, batch.areas, options=options)
    return {
        "households": households,
        "dwellings": dwellings,
        "areas": areas,
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "result": result,
    }


def best_of(repeat: int, *args: Any) -> dict[str, Any]:
    runs = [run(*args) for _ in range(max(1, repeat))]
    return min(runs, key=lambda r: r["wall"])


def pct(value: float) -> str:
    return "–" if not math.isfinite(value) else f"{100 * value:.2f} %"


def ratio(engine: float | None, greedy: float | None) -> str:
    if engine is None or greedy is None:
        return "–"
    if greedy == 0:
        return "–" if engine == 0 else "∞"
    return f"{engine / greedy:.3f}"


def stages(res: Result) -> str:
    return ", ".join(f"{k} {v:.1f}" for k, v in res.stage_seconds.items()) or "–"


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def goal_rows(e: GoalReport, g: GoalReport) -> list[tuple[str, str, str, str, str]]:
    """(goal, engine, greedy, engine/greedy, which way is better)."""

    def row(
        name: str, a: float | None, b: float | None, fmt: str, better: str
    ) -> tuple[str, str, str, str, str]:
        def show(v: float | None) -> str:
            return "–" if v is None else format(v, fmt)

        return (name, show(a), show(b), ratio(a, b), better)

    rows = [
        row("objective (points)", e.objective, g.objective, ".1f", "higher"),
        row("  pair points", e.pair_points, g.pair_points, ".1f", "higher"),
        row("  spread penalty", e.spread_penalty, g.spread_penalty, ".1f", "lower"),
        row("  not-alone penalty", e.not_alone_penalty, g.not_alone_penalty, ".1f", "lower"),
        row("households placed", e.placed, g.placed, "d", "higher"),
        row(
            "families in permanent housing (share)",
            share(e.families_permanent, e.families),
            share(g.families_permanent, g.families),
            ".3f",
            "higher",
        ),
        row("households in temporary housing", e.in_temporary, g.in_temporary, "d", "lower"),
        row(
            "households over an area's cap",
            e.households_over_cap,
            g.households_over_cap,
            "d",
            "lower",
        ),
        row("areas over their cap", e.areas_over_cap, g.areas_over_cap, "d", "lower"),
        row("households with < k of their language", e.alone, g.alone, "d", "lower"),
        row(
            "students in a youth environment (share)",
            share(e.students_youth, e.students),
            share(g.students_youth, g.students),
            ".3f",
            "higher",
        ),
    ]
    for key, label in (
        ("school", "min. to school (families)"),
        ("daycare", "min. to daycare (families)"),
        ("transport", "min. to transport"),
        ("shops", "min. to shops"),
    ):
        rows.append(row(label, e.mean_minutes.get(key), g.mean_minutes.get(key), ".1f", "lower"))
    rows.append(
        row(
            "min. to workplace/education",
            e.mean_minutes_target,
            g.mean_minutes_target,
            ".1f",
            "lower",
        )
    )
    return rows


def summary(r: dict[str, Any]) -> dict[str, Any]:
    res: Result = r["result"]
    return {
        "households": r["households"],
        "dwellings": r["dwellings"],
        "areas": r["areas"],
        "wall_seconds": round(r["wall"], 3),
        "cpu_seconds": round(r["cpu"], 3),
        "milp_seconds": round(res.milp_seconds, 3),
        "status": res.status,
        "stages": res.stage_seconds,
        "objective": res.objective,
        "bound": res.bound,
        "gap": res.gap,
        "bound_all_pairs": res.bound_all_pairs,
        "gap_all_pairs": res.gap_all_pairs,
        "priced_pairs": res.priced_pairs,
        "greedy_objective": res.greedy_objective,
        "placed": res.placed,
        "greedy_placed": res.greedy_placed,
        "columns": res.columns,
        "rows": res.rows,
        "pruning": list(res.pruning),
        "goals": asdict(res.goals) if res.goals else None,
        "greedy_goals": asdict(res.greedy_goals) if res.greedy_goals else None,
    }


RULE_SETTINGS = (  # (spread cap, not alone)
    ("goal", "goal"),
    ("hard", "goal"),  # Sønderborg's preset
    ("goal", "hard"),  # Aalborg's preset
    ("hard", "hard"),
)


def municipality(seed: int, time_limit: float) -> list[dict[str, Any]]:
    """The municipality-size batch under each rule setting (see the module's docstring)."""
    batch = generate_municipality(400, 420, 30, seed)
    print(
        f"\n## Rules that hold: {len(batch.households)} households, {len(batch.dwellings)} "
        f"dwellings, {len(batch.areas)} areas (seed {seed}, time limit {time_limit:.0f} s)\n",
        flush=True,
    )
    print(
        "| spread cap | not alone | placed | max placed (bound) | rules broken | households "
        "over a cap (areas) | alone | status | gap | wall s | CPU s |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|")
    out = []
    for spread, alone in RULE_SETTINGS:
        options = Options(
            spread_mode="hard" if spread == "hard" else "soft",
            not_alone_mode="hard" if alone == "hard" else "soft",
            not_alone_by="nationality",
            default_cap=20,
            today=TODAY,
            time_limit=time_limit,
        )
        wall, cpu = time.perf_counter(), time.process_time()
        res = suggest(batch.households, batch.dwellings, batch.areas, options=options)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        assignment = {a.household_id: a.dwelling_id for a in res.assignments}
        check = check_assignment(
            batch.households, batch.dwellings, batch.areas, assignment, options
        )
        areas_over = sum(1 for a in check.areas if a.over)
        print(
            f"| {spread} | {alone} | {res.placed} | {res.max_placed} ({res.max_placed_bound:.0f}) "
            f"| {len(check.broken)} | {check.over} ({areas_over}) | {check.alone} | {res.status} "
            f"| {pct(res.gap)} | {wall:.1f} | {cpu:.1f} |",
            flush=True,
        )
        out.append(
            {
                "spread": spread,
                "not_alone": alone,
                "placed": res.placed,
                "max_placed": res.max_placed,
                "max_placed_bound": res.max_placed_bound,
                "rules_broken": len(check.broken),
                "over": check.over,
                "areas_over": areas_over,
                "alone": check.alone,
                "status": res.status,
                "gap": res.gap,
                "objective": res.objective,
                "wall_seconds": round(wall, 3),
                "cpu_seconds": round(cpu, 3),
                "stages": res.stage_seconds,
            }
        )
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--households", type=int, default=500)
    parser.add_argument("--dwellings", type=int, default=1000)
    parser.add_argument("--areas", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--scaling", default="100,500,2000")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--unpruned", action="store_true")
    parser.add_argument("--municipality", action="store_true", help="only the rules that hold")
    parser.add_argument("--rules-time-limit", type=float, default=25.0)
    args = parser.parse_args(argv)
    options = Options(time_limit=args.time_limit)
    if args.municipality:
        rules = municipality(args.seed, args.rules_time_limit)
        RESULTS_DIR.mkdir(exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        path = RESULTS_DIR / f"placement-rules-{stamp}.json"
        rules_data = {"machine": machine(), "commit": git_commit(), "rules": rules}
        path.write_text(json.dumps(rules_data, indent=2, default=str))
        print(f"\n{path.relative_to(RESULTS_DIR.parent.parent)}")
        return

    print(
        f"# Housing placement: {args.households} households, {args.dwellings} dwellings, "
        f"{args.areas} areas (seed {args.seed})",
        flush=True,
    )
    main_run = best_of(args.repeat, args.households, args.dwellings, args.areas, args.seed, options)
    res: Result = main_run["result"]
    assert res.goals is not None and res.greedy_goals is not None
    print()
    print("| figure | value |")
    print("|---|---:|")
    print(f"| wall seconds (all of `suggest`) | {main_run['wall']:.2f} |")
    print(f"| CPU seconds | {main_run['cpu']:.2f} |")
    print(f"| of which HiGHS (wall) | {res.milp_seconds:.2f} |")
    print(f"| HiGHS runs (wall s) | {stages(res)} |")
    print(f"| status | {res.status} |")
    print(f"| objective | {res.objective:.1f} |")
    print(f"| bound over the MILP's pairs | {res.bound:.1f} |")
    print(f"| gap | {pct(res.gap)} |")
    print(f"| bound over every feasible pair | {res.bound_all_pairs:.1f} |")
    print(f"| gap over every feasible pair | {pct(res.gap_all_pairs)} |")
    print(f"| greedy objective | {res.greedy_objective:.1f} |")
    print(
        f"| start (top_k, per_area) + pairs added by pricing | {res.pruning} + {res.priced_pairs:,} |"
    )
    print(f"| MILP columns × rows | {res.columns:,} × {res.rows:,} |")
    print()
    print("| goal | engine | greedy | engine / greedy | better |")
    print("|---|---:|---:|---:|---|")
    for name, a, b, q, better in goal_rows(res.goals, res.greedy_goals):
        print(f"| {name} | {a} | {b} | {q} | {better} |")

    unpruned: dict[str, Any] | None = None
    if args.unpruned:
        print("\nUnpruned (every feasible pair) ...", flush=True)
        full = run(
            args.households,
            args.dwellings,
            args.areas,
            args.seed,
            replace(options, top_k=None, time_limit=max(args.time_limit, 120.0)),
        )
        fr: Result = full["result"]
        loss = (fr.objective - res.objective) / max(1.0, abs(res.objective))
        print()
        print("| unpruned | value |")
        print("|---|---:|")
        print(f"| wall seconds | {full['wall']:.2f} |")
        print(f"| status | {fr.status} ({stages(fr)}) |")
        print(f"| objective | {fr.objective:.1f} |")
        print(f"| bound | {fr.bound:.1f} |")
        print(f"| gap | {pct(fr.gap)} |")
        print(f"| MILP columns × rows | {fr.columns:,} × {fr.rows:,} |")
        print(f"| unpruned objective above the main run's | {pct(loss)} |")
        unpruned = summary(full)

    scaling = []
    sizes = [int(s) for s in args.scaling.split(",") if s.strip()]
    if sizes:
        print("\n## Scaling (dwellings = 2 × households)\n", flush=True)
        print(
            "| households | dwellings | wall s | CPU s | HiGHS s | runs (s) | status | gap | "
            "gap, all pairs | objective / greedy | columns | rows | priced |"
        )
        print("|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---:|")
        for n in sizes:
            r = best_of(args.repeat, n, 2 * n, args.areas, args.seed, options)
            rr: Result = r["result"]
            print(
                f"| {n:,} | {2 * n:,} | {r['wall']:.2f} | {r['cpu']:.2f} | {rr.milp_seconds:.2f} "
                f"| {stages(rr)} | {rr.status} | {pct(rr.gap)} | {pct(rr.gap_all_pairs)} | "
                f"{ratio(rr.objective, rr.greedy_objective)} | {rr.columns:,} | {rr.rows:,} "
                f"| {rr.priced_pairs:,} |",
                flush=True,
            )
            scaling.append(summary(r))

    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS_DIR / f"placement-{stamp}.json"
    data = {
        "machine": machine(),
        "commit": git_commit(),
        "options": asdict(options),
        "main": summary(main_run),
        "unpruned": unpruned,
        "scaling": scaling,
    }
    path.write_text(json.dumps(data, indent=2, default=str))
    print(f"\n{path.relative_to(RESULTS_DIR.parent.parent)}")


if __name__ == "__main__":
    main()

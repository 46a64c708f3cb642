"""Volunteer matching benchmark (CIV-2): ranked suggestions for every household.

    python -m bench.bench_volunteer_matching                 # 500 households × 1,000 offers
    python -m bench.bench_volunteer_matching --repeat 5      # the fastest of five runs is kept

No database and no Django: the engine (``velkomst.engines.volunteer_matching``) is plain Python
with numpy. Households and offers come from its ``synthetic`` (deterministic for a seed; 90 % of
the households consent, 60 % of the volunteers may meet children). Three timings:

1. ``suggest``: the five best offers for each consenting household, with their reasons
   (goal: under 2 s);
2. the bound: a bare Python loop over the same pairs doing nothing but touching each pair, the
   least any pure-Python pairwise engine costs; the ratio suggest ÷ bare says how the engine
   compares on a busy machine better than the seconds do;
3. the pure-Python reference: ``score_pair`` for every pair (a sample of 50 households, scaled).

Prints a markdown table and writes bench/results/volunteer-matching-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.common import git_commit, machine
from velkomst.engines import volunteer_matching as vm

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def best_of(repeat: int, fn: Any) -> tuple[float, float, Any]:
    best_wall, best_cpu, out = float("inf"), float("inf"), None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        out = fn()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if wall < best_wall:
            best_wall, best_cpu = wall, cpu
    return best_wall, best_cpu, out


def run(households: int, offers: int, seed: int, repeat: int, limit: int) -> dict[str, Any]:
    hs, os_, travel = vm.synthetic(households, offers, seed=seed)
    weights = vm.Weights()
    wall, cpu, result = best_of(repeat, lambda: vm.suggest(hs, os_, travel, weights, limit=limit))

    def bare() -> int:
        n = 0
        for _h in hs:
            for _o in os_:
                n += 1
        return n

    bare_wall, _, pairs = best_of(repeat, bare)
    sample = hs[:50]

    def reference() -> int:
        n = 0
        for h in sample:
            for o in os_:
                n += vm.score_pair(h, o, travel, weights).eligible
        return n

    ref_wall, _, _ = best_of(1, reference)
    ref_scaled = ref_wall * len(hs) / max(1, len(sample))
    return {
        "households": households,
        "consenting": len(result),
        "offers": offers,
        "pairs": pairs,
        "suggestions": sum(len(v) for v in result.values()),
        "wall": wall,
        "cpu": cpu,
        "bare_wall": bare_wall,
        "ratio_to_bare": wall / bare_wall if bare_wall else float("nan"),
        "reference_wall_scaled": ref_scaled,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--households", type=int, default=500)
    parser.add_argument("--offers", type=int, default=1000)
    parser.add_argument("--limit", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    r = run(args.households, args.offers, args.seed, max(1, args.repeat), args.limit)
    print("| measure | value |")
    print("|---|---|")
    print(
        f"| suggest: {r['households']} households ({r['consenting']} consenting) × "
        f"{r['offers']:,} offers | {r['wall']:.3f} s wall, {r['cpu']:.3f} s CPU |"
    )
    print(f"| suggestions made | {r['suggestions']:,} |")
    print(f"| bare loop over the {r['pairs']:,} pairs | {r['bare_wall']:.3f} s |")
    print(f"| ratio suggest ÷ bare loop | {r['ratio_to_bare']:.2f} |")
    print(
        f"| pure-Python score_pair for every pair (scaled) | {r['reference_wall_scaled']:.2f} s |"
    )
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS_DIR / f"volunteer-matching-{stamp}.json"
    payload = {
        "kind": "volunteer-matching",
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": machine(),
        "args": vars(args),
        "result": r,
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n")
    print(f"\n{path}")


if __name__ == "__main__":
    main()

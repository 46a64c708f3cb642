"""National distribution benchmark (NAT-1, NAT-2): a synthetic world with a known truth.

    python -m bench.bench_national                   # seeds 1, 2, 3; 5,000 households a year
    python -m bench.bench_national --seeds 1 --households 2000
    python -m bench.bench_national --write DIR       # also the world of the first seed as
                                                     # M.csv, A.csv, H.csv for the file command
    python -m bench.bench_national --model-choice    # also the logistic regression against
                                                     # gradient boosting on the held-out cohort

No database and no Django. The world (``velkomst.engines.national.synthetic``): 98
municipalities with the executive order's quotas, a year of arriving households, three past
cohorts placed by past practice with outcomes drawn from the true model (local labour market,
network of countrymen, same-year crowding, gender and education gaps; domain-facts.md).

For each seed, the TRUE expected number of adults in work within 3 years of:
1. quota-random: households dealt at random to the quotas' places (mean of 5 draws);
2. GeoMatch-style: a model of the person with the municipality as a feature (and the
   municipality × education and × group interactions), no countrymen or same-year features,
   then the optimal assignment of the per-household predictions within the quotas;
3. Velkomst, batch: the model with the countrymen and same-year features, and the assignment
   with the network and crowding terms (``assign``);
4. Velkomst, online: the same, week by week (``assign_online``, paced);
5. hindsight: the assignment with the true model and every arrival known.
Fairness cost of the balance rules: Velkomst batch with a cap on same-year arrivals of one
group (at most 3 adults per 1,000 inhabitants, at least 10) against none, and the online run
without pacing against with pacing.

Speed: --speed-households (default 10,000) households over the 98 municipalities: training,
prediction and assignment, and the slowest online week.

Prints markdown tables and writes bench/results/national-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import git_commit, machine
from velkomst.engines.national import assign as engine
from velkomst.engines.national.data import adults_arrays
from velkomst.engines.national.model import Options, train
from velkomst.engines.national.synthetic import GROUPS, generate, true_expected
from velkomst.national.files import write_files

RESULTS_DIR = Path(__file__).resolve().parent / "results"
ONE = (3,)  # the bench trains the 3-year horizon only (the one the assignment uses)


def weeks_of(world: Any, a: Any) -> Any:
    weeks = np.zeros(len(a.household_ids), dtype=np.int64)
    for i, x in enumerate(world.arrivals):
        weeks[a.household[i]] = x.arrival_week
    return weeks


def one_seed(seed: int, households: int) -> dict[str, Any]:
    w = generate(seed=seed, n_households=households, history_cohorts=3)
    codes = tuple(p.code for p in w.places)
    quota = np.array([p.quota_households for p in w.places], dtype=np.int64)
    treat = np.array([p.treatment_services for p in w.places])
    pop = np.array([p.population for p in w.places], dtype=np.float64)
    a = adults_arrays(list(w.arrivals), GROUPS)
    special = np.array([h in w.special_needs for h in a.household_ids])
    rng = np.random.default_rng(seed)
    out: dict[str, Any] = {"seed": seed, "households": len(a.household_ids), "adults": a.n}
    out["quota_random"] = float(
        np.mean(
            [
                true_expected(w.truth, a, engine.quota_random(quota, treat, special, rng))
                for _ in range(5)
            ]
        )
    )
    runs: dict[str, Any] = {}
    for name, model_opts, context in (
        ("geomatch", Options(context=False, horizons=ONE), False),
        ("velkomst", Options(horizons=ONE), True),
    ):
        t = time.perf_counter()
        model = train(list(w.history), list(w.places), model_opts)
        train_s = time.perf_counter() - t
        ma = model.arrays(list(w.arrivals))
        res = engine.assign(
            model,
            ma,
            codes,
            len(model.groups),
            quota,
            treat,
            special,
            options=engine.Options(context=context),
        )
        metrics = model.card.metrics[-1]
        runs[name] = {
            "true": true_expected(w.truth, a, res.assignment),
            "predicted": res.expected,
            "train_s": train_s,
            "assign_s": res.seconds,
            "auc": metrics.auc,
            "brier": metrics.brier,
            "fractional": res.fractional,
        }
        if name == "velkomst":
            cap = np.maximum(10.0, 3.0 * pop / 1000.0)[:, None] * np.ones((1, len(model.groups)))
            capped = engine.assign(
                model,
                ma,
                codes,
                len(model.groups),
                quota,
                treat,
                special,
                options=engine.Options(group_cap=cap),
            )
            runs["velkomst_capped"] = {"true": true_expected(w.truth, a, capped.assignment)}
            weeks = weeks_of(w, ma)
            for label, pace in (("online", True), ("online_unpaced", False)):
                t = time.perf_counter()
                on = engine.assign_online(
                    model, ma, weeks, codes, len(model.groups), quota, treat, special, pace=pace
                )
                runs[label] = {
                    "true": true_expected(w.truth, a, on.assignment),
                    "seconds": time.perf_counter() - t,
                    "slowest_week_s": max(s for _, _, s in on.weeks),
                    "over_quota": on.over_quota,
                }
    hindsight = engine.assign(w.truth, a, codes, len(GROUPS), quota, treat, special)
    runs["hindsight"] = {
        "true": true_expected(w.truth, a, hindsight.assignment),
        "seconds": hindsight.seconds,
    }
    out["runs"] = runs
    return out


def boosting_comparison(seed: int, households: int) -> dict[str, Any]:
    """The model choice (docs/decisions.md): the logistic regression against gradient boosting
    (HistGradientBoostingClassifier, the municipality and the group as categorical features, the
    same person and place features) on the held-out last cohort."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.metrics import brier_score_loss, roc_auc_score

    from velkomst.engines.national.model import person_matrix, same_year_arrivals, world_of

    w = generate(seed=seed, n_households=households, history_cohorts=3)
    t = time.perf_counter()
    lr = train(list(w.history), list(w.places), Options(horizons=ONE))
    lr_s = time.perf_counter() - t
    groups = lr.groups
    world = world_of(list(w.places), groups)
    a = adults_arrays([h.adult for h in w.history], groups)
    index = {c: i for i, c in enumerate(world.codes)}
    muni = np.array([index[h.municipality] for h in w.history], dtype=np.int64)
    cohort = np.array([h.cohort for h in w.history], dtype=np.int64)
    arrivals = same_year_arrivals(muni, a.group, cohort, len(groups), world.m)
    x = np.column_stack(
        [
            person_matrix(a),
            a.group,
            world.employment[muni],
            np.log1p(world.stock[muni, a.group]),
            np.log1p(arrivals),
            arrivals / (world.population[muni] / 1000.0),
            muni,
        ]
    )
    y = np.array([1.0 if h.employed_3y else 0.0 for h in w.history])
    test = cohort == cohort.max()
    n_feat = x.shape[1]
    t = time.perf_counter()
    gb = HistGradientBoostingClassifier(
        categorical_features=[n_feat - 7, n_feat - 1],
        max_iter=300,
        learning_rate=0.05,
        early_stopping=True,
        random_state=0,
    )
    gb.fit(x[~test], y[~test])
    gb_s = time.perf_counter() - t
    p_gb = gb.predict_proba(x[test])[:, 1]
    m = lr.card.metrics[-1]
    return {
        "logistic": {"auc": m.auc, "brier": m.brier, "seconds": lr_s},
        "boosting": {
            "auc": float(roc_auc_score(y[test], p_gb)),
            "brier": float(brier_score_loss(y[test], p_gb)),
            "seconds": gb_s,
        },
        "base_brier": m.brier_base,
    }


def speed(households: int, seed: int) -> dict[str, Any]:
    w = generate(seed=seed, n_households=households, history_cohorts=3, history_households=5000)
    codes = tuple(p.code for p in w.places)
    quota = np.array([p.quota_households for p in w.places], dtype=np.int64)
    treat = np.array([p.treatment_services for p in w.places])
    t = time.perf_counter()
    model = train(list(w.history), list(w.places), Options(horizons=ONE))
    train_s = time.perf_counter() - t
    t = time.perf_counter()
    a = model.arrays(list(w.arrivals))
    special = np.array([h in w.special_needs for h in a.household_ids])
    res = engine.assign(model, a, codes, len(model.groups), quota, treat, special)
    total = time.perf_counter() - t
    on = engine.assign_online(
        model, a, weeks_of(w, a), codes, len(model.groups), quota, treat, special
    )
    return {
        "households": len(a.household_ids),
        "adults": a.n,
        "train_s": train_s,
        "predict_and_assign_s": total,
        "timings": res.timings,
        "lp_gap": res.bound - res.objective,
        "fractional": res.fractional,
        "online_slowest_week_s": max(s for _, _, s in on.weeks),
        "online_mean_week_s": float(np.mean([s for _, _, s in on.weeks])),
    }


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| seed | quota-random | GeoMatch-style | Velkomst batch | Velkomst online | hindsight | "
        "Velkomst vs GeoMatch | online / hindsight | group cap cost | pacing cost |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        q, runs = r["quota_random"], r["runs"]
        g, v, o, h = (runs[k]["true"] for k in ("geomatch", "velkomst", "online", "hindsight"))

        def pct(x: float, q: float = q) -> str:
            return f"{x:.0f} ({(x - q) / q:+.1%})"

        lines.append(
            f"| {r['seed']} | {q:.0f} | {pct(g)} | {pct(v)} | {pct(o)} | {pct(h)} | "
            f"{(v - g) / g:+.1%} | {(o - q) / (h - q):.0%} of the gain | "
            f"{v - runs['velkomst_capped']['true']:+.0f} | "
            f"{runs['online_unpaced']['true'] - o:+.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--households", type=int, default=5000)
    parser.add_argument("--speed-households", type=int, default=10_000)
    parser.add_argument("--write", type=Path, default=None)
    parser.add_argument(
        "--model-choice", action="store_true", help="also gradient boosting against the model"
    )
    args = parser.parse_args()
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        world = generate(seed=args.seeds[0], n_households=args.households)
        print("written:", *write_files(world, args.write))
    results = []
    for seed in args.seeds:
        t = time.perf_counter()
        results.append(one_seed(seed, args.households))
        print(f"seed {seed}: {time.perf_counter() - t:.0f} s", flush=True)
    print(table(results))
    fast = speed(args.speed_households, args.seeds[0]) if args.speed_households else {}
    if fast:
        print(
            f"\n{fast['households']} households ({fast['adults']} adults) × 98 municipalities: "
            f"training {fast['train_s']:.1f} s; prediction and assignment "
            f"{fast['predict_and_assign_s']:.1f} s "
            f"({', '.join(f'{k} {v:.2f}' for k, v in fast['timings'].items())}); "
            f"online week: slowest {fast['online_slowest_week_s']:.2f} s, "
            f"mean {fast['online_mean_week_s']:.2f} s"
        )
    choice = boosting_comparison(args.seeds[0], args.households) if args.model_choice else {}
    if choice:
        print(
            "\nHeld-out last cohort, seed",
            args.seeds[0],
            ":",
            *(
                f"{k}: AUC {v['auc']:.3f}, Brier {v['brier']:.4f}, fit {v['seconds']:.1f} s;"
                for k, v in choice.items()
                if isinstance(v, dict)
            ),
            f"base rate's Brier {choice['base_brier']:.4f}",
        )
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS_DIR / f"national-{stamp}.json"
    payload = {
        "kind": "national",
        "commit": git_commit(),
        "machine": machine(),
        "seeds": results,
        "speed": fast,
        "model_choice": choice,
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n")
    print(path)


if __name__ == "__main__":
    main()

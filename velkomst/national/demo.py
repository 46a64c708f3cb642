"""National distribution's demo data (NAT-1, NAT-2), every part labelled as demo: a reference
table drawn from the synthetic world (``engines/national/synthetic.py``) on twenty
municipalities, the first four of them the demo's own (Bornholm, Sønderborg, Kerteminde,
Aalborg, so accepted households reach their visitation pages), a quota plan on it, a model
trained on the world's history, and a year of arriving households."""

from __future__ import annotations

from velkomst.core.models import StaffUser
from velkomst.engines.national.model import train
from velkomst.engines.national.synthetic import SyntheticWorld, generate

from . import selectors, services
from .files import M_COLUMNS
from .models import ArrivalBatch, ModelSource, QuotaPlan, ReferenceTable, TrainedModel

DEMO_MUNICIPALITIES = 20
DEMO_HOUSEHOLDS = 120
DEMO_CODES = ("400", "540", "440", "851")


def demo_world(seed: int = 7) -> SyntheticWorld:
    return generate(
        seed=seed,
        n_municipalities=DEMO_MUNICIPALITIES,
        n_households=DEMO_HOUSEHOLDS,
        history_cohorts=2,
        history_households=500,
    )


def _recode(world: SyntheticWorld) -> dict[str, str]:
    """The world's first municipalities take the demo's codes (no clash with the others)."""
    codes = [p.code for p in world.places]
    mapping = {c: c for c in codes}
    for old, new in zip(codes, DEMO_CODES, strict=False):
        mapping[old] = new
    taken = set(DEMO_CODES)
    for c in codes[len(DEMO_CODES) :]:
        if c in taken:
            mapping[c] = str(900 + codes.index(c))
    return mapping


def _csv(rows: list[list[object]]) -> bytes:
    return "\n".join(",".join(str(v) for v in row) for row in rows).encode()


def install_demo(
    user: StaffUser | None, year: int, world: SyntheticWorld | None = None
) -> tuple[ReferenceTable, QuotaPlan]:
    """The demo's table, plan, model and arrivals (tests pass a smaller ``world``)."""
    world = world or demo_world()
    code = _recode(world)
    groups = sorted({g for p in world.places for g in p.stock})
    m_rows: list[list[object]] = [[*M_COLUMNS, *[f"stock_{g}" for g in groups]]]
    for p in world.places:
        m_rows.append(
            [
                code[p.code],
                p.region,
                p.population,
                p.nonwestern_stock,
                p.reunified_last_year,
                p.local_employment_rate,
                int(p.treatment_services),
                p.quota_households,
                *[p.stock.get(g, 0) for g in groups],
            ]
        )
    table = services.table_upload(
        acting_user=None,
        year=year,
        label=f"Demo: syntetiske tal {year}",
        file_name="demo-M.csv",
        content=_csv(m_rows),
        is_demo=True,
    )
    table.uploaded_by = user
    table.save(update_fields=["uploaded_by"])
    households = len({a.household_id for a in world.arrivals})
    plan = services.plan_compute(acting_user=None, table=table, landstal=households)
    QuotaPlan.objects.filter(pk=plan.pk).update(computed_by=user)
    history = [
        type(h)(
            adult=h.adult,
            municipality=code[h.municipality],
            employed_3y=h.employed_3y,
            employed_1y=h.employed_1y,
            employed_2y=h.employed_2y,
            cohort=h.cohort,
        )
        for h in world.history
    ]
    model = train(history, selectors.places(table))
    stored = services.model_store(
        acting_user=None,
        model=model,
        table=table,
        source=ModelSource.DEMO,
        source_name="demo-H.csv",
        is_demo=True,
    )
    TrainedModel.objects.filter(pk=stored.pk).update(trained_by=user)
    a_rows: list[list[object]] = [
        [
            "household_id",
            "nationality",
            "male",
            "education_level",
            "age",
            "prior_work",
            "household_size",
            "arrival_week",
            "special_needs",
        ]
    ]
    for a in world.arrivals:
        a_rows.append(
            [
                a.household_id,
                a.nationality,
                int(a.male),
                a.education_level,
                int(a.age),
                int(a.prior_work),
                a.household_size,
                a.arrival_week,
                int(a.household_id in world.special_needs),
            ]
        )
    batch = services.arrivals_upload(
        acting_user=None,
        year=year,
        label=f"Demo: ankomne husstande {year}",
        file_name="demo-A.csv",
        content=_csv(a_rows),
        table=table,
        is_demo=True,
    )
    ArrivalBatch.objects.filter(pk=batch.pk).update(uploaded_by=user)
    return table, plan

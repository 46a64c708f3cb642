"""Real national rows for the API's schema-driven walks (role matrix, tenant isolation, field
policy, schemathesis): a small reference table, a quota plan on it, a stored model (its card
only: the walks never load it), arriving households and a finished run with one suggestion per
household. Cheap: nothing is trained or solved."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

M_CSV = (
    "municipality_code,region,population,nonwestern_stock,reunified_last_year,"
    "local_employment_rate,treatment_services,quota_households,stock_SYR\n"
    "400,Hovedstaden,40000,3000,10,0.76,1,2,120\n"
    "540,Syddanmark,75000,4000,20,0.74,0,2,200\n"
)


def national_ids(staff: Any) -> dict[str, int]:
    from velkomst.national import services
    from velkomst.national.models import (
        AssignmentRun,
        ModelSource,
        RunState,
        Suggestion,
        TrainedModel,
    )

    user = staff["national"]
    table = services.table_upload(
        acting_user=user, year=2026, label="Walk", file_name="tabel.csv", content=M_CSV.encode()
    )
    plan = services.plan_compute(acting_user=user, table=table, landstal=4)
    model = TrainedModel.objects.create(
        source=ModelSource.FILE,
        source_name="H.csv",
        table=table,
        card={"data_period": "2020–2021", "features": ["age"], "metrics": [], "known_limits": []},
        fitted=b"",
    )
    batch = services.arrivals_upload(
        acting_user=user,
        year=2026,
        label="Walk",
        file_name="A.csv",
        content=(
            b"household_id,nationality,male,education_level,age,prior_work,household_size,"
            b"arrival_week\nh1,SYR,1,2,30,1,3,5\nh2,SYR,0,1,40,0,1,6\n"
        ),
        table=table,
    )
    run = AssignmentRun.objects.create(
        batch=batch,
        plan=plan,
        model=model,
        mode="batch",
        state=RunState.DONE,
        requested_by=user,
        finished_at=timezone.now(),
        summary={"households": 2},
    )
    first = Suggestion.objects.create(
        run=run,
        household_id="h1",
        adults=1,
        household_size=3,
        arrival_week=5,
        municipality_code="400",
        chance=0.5,
        alternatives=[{"municipality": "540", "chance": 0.4, "why_not": "objective"}],
        reasons=[{"code": "best", "values": {}}],
    )
    return {
        "national_table_id": table.pk,
        "quota_plan_id": plan.pk,
        "national_model_id": model.pk,
        "national_run_id": run.pk,
        "national_suggestion_id": first.pk,
    }

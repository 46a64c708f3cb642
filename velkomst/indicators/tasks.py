"""Background tasks of the indicators (django-tasks; ``manage.py db_worker`` runs them)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from . import figures
from .models import IndicatorFigure


@task()
def recompute_figure(figure_id: int) -> None:
    """Recompute a stale cached figure (MI-1, MI-2); queued once by ``request_recompute``."""
    figures.recompute(figure_id)


def request_recompute(figure: IndicatorFigure) -> bool:
    """Queue one background recomputation of a stale figure; False if one is queued already
    (and not lost)."""
    now = timezone.now()
    claimed = (
        IndicatorFigure.objects.filter(pk=figure.pk)
        .exclude(recompute_queued_at__gt=now - figures.LOST_AFTER)
        .update(recompute_queued_at=now)
    )
    if not claimed:
        return False
    recompute_figure.enqueue(figure.pk)
    return True

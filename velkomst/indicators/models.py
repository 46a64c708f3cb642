"""Cached figures of the indicator library (MI-1, MI-2).

A figure is cached per municipality, indicator key and scope (``Scope.key()``) with the moment it
was computed and the data moment it was computed from: the latest audited write of the
municipality's data it saw (``velkomst.indicators.figures``). It also holds when it was last read, so that
the nightly recomputation keeps warm only the figures in use and forgets the rest: any period can
be asked for through the API, and the cache must not grow, nor its nightly work, with every one
ever asked for. The cache holds the total and the
groups (``Figure.as_dict()``), never the items: who stands behind a number is read afresh by the
drill-down, with its own access check and audit.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality


class IndicatorFigure(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE)
    key = models.CharField(_("indikator"), max_length=80)
    scope_key = models.CharField(max_length=80)
    start = models.DateField(_("fra"))
    end = models.DateField(_("til"))
    cohort = models.PositiveSmallIntegerField(_("ankomstår"), null=True, blank=True)
    months_since_arrival = models.PositiveSmallIntegerField(
        _("måneder efter ankomst"), null=True, blank=True
    )
    # {"total": Figure.as_dict(), "groups": {breakdown: {group: Figure.as_dict()}}}
    result = models.JSONField(default=dict)
    computed_at = models.DateTimeField(_("beregnet"), default=timezone.now)
    # the latest audited write of the municipality's data when the computation began (None:
    # there was none); a later write makes the figure stale
    data_moment = models.DateTimeField(_("data pr."), null=True, blank=True)
    # a background recomputation is queued (not enqueued again while it is, unless it is lost)
    recompute_queued_at = models.DateTimeField(null=True, blank=True)
    # when it was last served (to the day): the nightly recomputation keeps only figures in use
    # warm and forgets those nobody has read for long (``velkomst.indicators.figures``)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "key", "scope_key"], name="indicator_figure_once"
            )
        ]
        verbose_name = _("beregnet indikatortal")
        verbose_name_plural = _("beregnede indikatortal")

    def __str__(self) -> str:
        return f"{self.key} {self.scope_key}"

from django.contrib import admin

from velkomst.core.admin import MunicipalityScopedAdmin

from .models import Institution


@admin.register(Institution)
class InstitutionAdmin(MunicipalityScopedAdmin):
    """The municipality's daycares, schools and youth educations (CHI-2)."""

    list_display = ("name", "kind", "area", "children_total", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "area")

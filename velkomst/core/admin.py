"""The Django admin: administrators only, each scoped to their own municipality's configuration.

Citizens' data is not in the admin: it is read and changed through the pages and the API, where
access is checked and audited.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from . import access
from .models import MunicipalityConfig, StaffUser, Unit


def _is_admin(request: HttpRequest) -> bool:
    return access.can(request.user, access.ADMIN_SITE)  # type: ignore[arg-type]


admin.site.has_permission = _is_admin  # type: ignore[method-assign]
admin.site.site_header = _("Velkomst: administration")
admin.site.site_title = _("Velkomst")


class MunicipalityScopedAdmin(admin.ModelAdmin):
    """Shows and edits only rows of the administrator's municipality."""

    exclude = ["municipality"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return (
            super()
            .get_queryset(request)
            .filter(
                municipality_id=access.tenant_id(request.user)  # type: ignore[arg-type]
            )
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _is_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_admin(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _is_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deactivate instead: records keep their history

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.municipality_id = request.user.municipality_id  # type: ignore[union-attr]
        super().save_model(request, obj, form, change)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "units":
            # plain checkboxes: Django's filter_horizontal widget fails axe (aria on a <span>)
            kwargs["widget"] = forms.CheckboxSelectMultiple
            kwargs["queryset"] = Unit.objects.filter(
                municipality_id=access.tenant_id(request.user)  # type: ignore[arg-type]
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Unit)
class UnitAdmin(MunicipalityScopedAdmin):
    list_display = ("name", "kind", "address", "opening_hours")


@admin.register(MunicipalityConfig)
class MunicipalityConfigAdmin(MunicipalityScopedAdmin):
    list_display = ("effective_from", "note")
    readonly_fields = ("created_at",)


@admin.register(StaffUser)
class StaffUserAdmin(MunicipalityScopedAdmin, UserAdmin):  # type: ignore[misc]
    list_display = ("username", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active")
    exclude = []  # type: ignore[misc]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "email", "phone", "initials")}),
        (_("Adgang"), {"fields": ("role", "units", "is_active")}),
    )
    add_fieldsets = ((None, {"fields": ("username", "password1", "password2", "role", "units")}),)

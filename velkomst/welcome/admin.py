from django import forms
from django.contrib import admin

from velkomst.core.admin import MunicipalityScopedAdmin

from .models import WelcomeText
from .texts import KEYS


class WelcomeTextForm(forms.ModelForm):
    key = forms.ChoiceField(choices=[(key, key) for key in KEYS])

    class Meta:
        model = WelcomeText
        fields = ["language", "key", "text"]


@admin.register(WelcomeText)
class WelcomeTextAdmin(MunicipalityScopedAdmin):
    """The municipality's own texts and translations of the welcome folder (REC-7)."""

    form = WelcomeTextForm
    list_display = ("language", "key", "text")
    list_filter = ("language",)
    search_fields = ("key", "text")
    exclude = ["municipality", "updated_at"]

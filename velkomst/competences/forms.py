"""Forms of the competences page (PRG-3): one small form per section; the services validate
what depends on the person (years against their age, dates in order, codes in the lists)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from velkomst.core.formats import ui_language
from velkomst.people.forms import DATE_WIDGET, DkfdsFormMixin, LanguageField, NationalityField
from velkomst.people.levels import CefrLevel

from . import occupations
from .models import EducationLevel, ItLevel, LicenceCategory, RecognitionResult

YEAR_WIDGET = forms.NumberInput(attrs={"inputmode": "numeric", "min": 1900, "max": 2100})


class OccupationField(forms.ChoiceField):
    """An optional select of the ISCO-08 / DISCO-08 unit groups under their major group's title
    (long, but a native select: typing the first letters jumps, and screen readers announce the
    group); its empty choice is "Ikke angivet" (the trade is then recorded by its words)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=self._choices, required=False, **kwargs)

    @staticmethod
    def _choices() -> list[Any]:
        return [("", _("Ikke angivet")), *occupations.occupation_groups(ui_language())]

    def valid_value(self, value: Any) -> bool:
        return occupations.is_occupation(str(value))


class TradeWordsMixin:
    """A trade in words (``title``) and, where the code list is installed, its code
    (``occupation``). Without the list the select is left out and the words are required; with
    it, either will do (the service says so when neither is given)."""

    words_required: Any = ""
    words_or_code_hint: Any = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields  # type: ignore[attr-defined]
        if occupations.installed():
            fields["title"].help_text = format_lazy(
                "{} {}", fields["title"].help_text, self.words_or_code_hint
            )
        else:
            del fields["occupation"]
            fields["title"].required = True
            fields["title"].error_messages["required"] = self.words_required


class EducationForm(DkfdsFormMixin, forms.Form):
    level = forms.ChoiceField(label=_("Niveau"), choices=[("", ""), *EducationLevel.choices])
    field = forms.CharField(label=_("Fagområde"), max_length=150)
    institution = forms.CharField(label=_("Uddannelsessted"), max_length=150, required=False)
    country = NationalityField(label=_("Land"), empty_label=_("Vælg land …"))
    start_year = forms.IntegerField(label=_("Startår"), required=False, widget=YEAR_WIDGET)
    end_year = forms.IntegerField(label=_("Slutår"), required=False, widget=YEAR_WIDGET)
    diploma_held = forms.BooleanField(label=_("Har eksamensbevis"), required=False)


class WorkForm(TradeWordsMixin, DkfdsFormMixin, forms.Form):
    words_required = _("Skriv stillingsbetegnelsen.")
    words_or_code_hint = _("Skriv stillingen i ord, vælg faget på listen, eller gør begge dele.")

    title = forms.CharField(
        label=_("Stillingsbetegnelse"),
        max_length=150,
        required=False,
        help_text=_("Fx skrædder, buschauffør, sygeplejerske."),
    )
    occupation = OccupationField(label=_("Fag (DISCO-08)"))
    employer = forms.CharField(label=_("Arbejdsgiver"), max_length=150, required=False)
    country = NationalityField(label=_("Land"), empty_label=_("Vælg land …"))
    years = forms.DecimalField(
        label=_("Antal år"),
        max_digits=3,
        decimal_places=1,
        help_text=_("Fx 2,5 for to et halvt år."),
        localize=True,
    )
    end_year = forms.IntegerField(label=_("Sidste år"), required=False, widget=YEAR_WIDGET)


class RecognitionForm(DkfdsFormMixin, forms.Form):
    qualification = forms.CharField(label=_("Kvalifikation"), max_length=200)
    authority = forms.CharField(label=_("Myndighed"), max_length=150)
    applied_on = forms.DateField(label=_("Ansøgt"), widget=DATE_WIDGET)
    result = forms.ChoiceField(
        label=_("Resultat"), choices=RecognitionResult.choices, initial=RecognitionResult.PENDING
    )
    decided_on = forms.DateField(label=_("Afgjort"), required=False, widget=DATE_WIDGET)


class TradeForm(TradeWordsMixin, DkfdsFormMixin, forms.Form):
    words_required = _("Skriv det ønskede fag i ord.")
    words_or_code_hint = _("Skriv faget i ord, vælg det på listen, eller gør begge dele.")

    title = forms.CharField(
        label=_("Fag eller job i ord"),
        max_length=150,
        required=False,
        help_text=_("Fx buschauffør, kok, elektriker."),
    )
    occupation = OccupationField(label=_("Ønsket fag (DISCO-08)"))


class LanguageSkillForm(DkfdsFormMixin, forms.Form):
    language = LanguageField(label=_("Sprog"), empty_label=_("Vælg sprog …"))
    level = forms.ChoiceField(label=_("Niveau (CEFR)"), choices=[("", ""), *CefrLevel.choices])


class SkillForm(DkfdsFormMixin, forms.Form):
    tag = forms.CharField(
        label=_("Færdighed"),
        max_length=40,
        help_text=_("Et kort ord, fx truckcertifikat, svejsning, kundeservice."),
    )


class ProfileForm(DkfdsFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    driving_licences = forms.MultipleChoiceField(
        label=_("Kørekort"),
        choices=LicenceCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    it_level = forms.ChoiceField(
        label=_("It-færdigheder"), choices=[("", ""), *ItLevel.choices], required=False
    )


SECTION_FORMS: dict[str, type[forms.Form]] = {
    "education": EducationForm,
    "work": WorkForm,
    "recognition": RecognitionForm,
    "trade": TradeForm,
    "language": LanguageSkillForm,
    "skill": SkillForm,
}

"""Forms of citizens' questions (CIT-1): the citizen's question, the caseworker's answer, the
inbox filter. Parse; the services check the file's type by its bytes and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from velkomst.people.forms import DkfdsFormMixin, VersionedForm

from .models import SUBJECT_MAX, TEXT_MAX

ATTACHMENT_HELP = _("Valgfri. En PDF, PNG eller JPEG på højst 10 MB.")
ACCEPT = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"


def _attachment() -> forms.FileField:
    return forms.FileField(
        label=_("Bilag"),
        required=False,
        help_text=ATTACHMENT_HELP,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


class QuestionForm(DkfdsFormMixin, forms.Form):
    subject = forms.CharField(label=_("Emne"), required=False, max_length=SUBJECT_MAX)
    text = forms.CharField(
        label=_("Dit spørgsmål"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Højst 2000 tegn."),
    )
    attachment = _attachment()
    notify_to = forms.CharField(
        label=_("Besked, når der er svar (e-mail eller mobilnummer)"),
        required=False,
        max_length=200,
        help_text=_("Valgfri. Vi sender kun en besked om, at der er svar, ikke selve svaret."),
    )


class AnswerForm(VersionedForm):
    answer = forms.CharField(
        label=_("Svar til borgeren"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    attachment = _attachment()


class InboxFilterForm(DkfdsFormMixin, forms.Form):
    show = forms.ChoiceField(
        label=_("Vis"),
        required=False,
        choices=[
            ("open", _("Venter på svar")),
            ("overdue", _("Svarfristen er overskredet")),
            ("answered", _("Besvarede")),
            ("all", _("Alle")),
        ],
    )

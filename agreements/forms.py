from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.clauses import KINDS, PAUSE_LIMIT_MINUTES
from agreements.diff import ClauseText
from agreements.models import new_clause_key


class ClauseForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)
    kind = forms.ChoiceField(label=_("Kind of clause"), choices=list(KINDS.items()))
    text = forms.CharField(
        label=_("What we agree"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4})
    )
    minutes = forms.IntegerField(
        label=_("Longest pause, in minutes"),
        min_value=1,
        max_value=PAUSE_LIMIT_MINUTES,
        required=False,
        help_text=_("For a pause rule only: at most 60 minutes, then you return."),
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == "pause_rule" and data.get("minutes") is None:
            self.add_error("minutes", _("Say how long a pause may last (at most 60 minutes)."))
        return data

    def clause(self) -> ClauseText:
        data = self.cleaned_data
        minutes = data["minutes"] if data["kind"] == "pause_rule" else None
        return ClauseText(
            key=data["key"] or new_clause_key(),
            kind=data["kind"],
            text=data["text"],
            minutes=minutes,
        )


class BaseClauseFormSet(forms.BaseFormSet):
    def clauses(self) -> list[ClauseText]:
        return [
            form.clause()
            for form in self.forms
            if form.has_changed() or form.cleaned_data.get("key")
            if not self._should_delete_form(form)
        ]

    def raw_clauses(self) -> list[dict]:
        """What the person typed, valid or not, so a re-rendered form loses nothing."""
        rows = []
        for form in self.forms:
            if self.can_delete and form.data.get(form.add_prefix("DELETE")):
                continue
            rows.append({name: form.data.get(form.add_prefix(name), "") for name in form.fields})
        return rows

    def clean(self):
        super().clean()
        if not any(self.errors) and not self.clauses():
            raise forms.ValidationError(_("An agreement needs at least one clause."))


ClauseFormSet = forms.formset_factory(
    ClauseForm,
    formset=BaseClauseFormSet,
    extra=0,
    can_delete=True,
    max_num=30,
    validate_max=True,
)


class VersionNoteForm(forms.Form):
    base = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    note = forms.CharField(
        label=_("What changed and why (optional)"), max_length=300, required=False
    )


class PauseForm(forms.Form):
    minutes = forms.IntegerField(label=_("How long, in minutes"), min_value=1)

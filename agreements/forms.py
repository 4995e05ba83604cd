from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.clauses import KINDS, PAUSE_LIMIT_MINUTES
from agreements.diff import ClauseText
from agreements.models import Commitment, Reply, new_clause_key


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


class CollisionForm(forms.Form):
    """One clause both partners changed: which side to keep (theirs unless chosen otherwise),
    with my side carried in hidden fields, since only the partner's is saved."""

    key = forms.CharField(widget=forms.HiddenInput, max_length=32)
    keep = forms.ChoiceField(
        choices=[("theirs", "theirs"), ("mine", "mine")], initial="theirs", widget=forms.RadioSelect
    )
    removed = forms.BooleanField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(widget=forms.HiddenInput, choices=list(KINDS.items()), required=False)
    text = forms.CharField(widget=forms.HiddenInput, max_length=1000, required=False)
    minutes = forms.IntegerField(
        widget=forms.HiddenInput, min_value=1, max_value=PAUSE_LIMIT_MINUTES, required=False
    )

    @classmethod
    def initial_for(cls, key: str, mine: ClauseText | None) -> dict:
        if mine is None:
            return {"key": key, "keep": "theirs", "removed": True}
        return {"key": key, "keep": "theirs", **vars(mine)}

    def clean(self):
        data = super().clean()
        if not data.get("removed") and not (data.get("kind") and data.get("text")):
            raise forms.ValidationError(_("Your side of this clause was lost; start again."))
        return data

    def mine(self) -> ClauseText | None:
        """My side: what was posted once bound (and valid), else what the form started with."""
        data = self.cleaned_data if self.is_bound else self.initial
        if data.get("removed"):
            return None
        minutes = data.get("minutes") if data["kind"] == "pause_rule" else None
        return ClauseText(key=data["key"], kind=data["kind"], text=data["text"], minutes=minutes)


class BaseCollisionFormSet(forms.BaseFormSet):
    def chosen_mine(self) -> dict[str, ClauseText | None]:
        """My side of each collision where I chose to keep mine, by clause key."""
        return {
            form.cleaned_data["key"]: form.mine()
            for form in self.forms
            if form.cleaned_data["keep"] == "mine"
        }


CollisionFormSet = forms.formset_factory(
    CollisionForm, formset=BaseCollisionFormSet, extra=0, max_num=30, validate_max=True
)


class VersionNoteForm(forms.Form):
    base = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    note = forms.CharField(
        label=_("What changed and why (optional)"), max_length=300, required=False
    )


class PauseForm(forms.Form):
    minutes = forms.IntegerField(label=_("How long, in minutes"), min_value=1)


class ReturnForm(forms.Form):
    """Coming back from a pause, with a line on how it went (encrypted, only for its writer)."""

    note = forms.CharField(
        label=_("How did it go? (only you see this)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


PAIRS = 3
NEED_LENGTH = 1000  # characters in each "I'm afraid of …" and "I need …"
BOXES = [f"{field}_{i}" for i in range(PAIRS) for field in ("afraid_of", "need")]


def hints_id(name: str) -> str:
    """The id of the phrasing hints shown under a box of the preparation form."""
    return f"hints-{name}"


class PreparationForm(forms.Form):
    """Up to three pairs of "I'm afraid of …" and "I need …"; the first is needed."""

    def __init__(self, *args, phrasing_url: str, **kwargs):
        super().__init__(*args, **kwargs)

        def live(name: str) -> dict:
            """Each box is checked as one types; its hints appear right under it."""
            return {
                "hx-post": phrasing_url,
                "hx-trigger": "input changed delay:400ms",
                "hx-target": f"#{hints_id(name)}",
                "hx-swap": "outerHTML",
                "aria-describedby": hints_id(name),
                "rows": 3,
            }

        for index in range(PAIRS):
            self.fields[f"afraid_of_{index}"] = forms.CharField(
                label=_("I’m afraid of …"),
                max_length=NEED_LENGTH,
                required=False,
                widget=forms.Textarea(attrs=live(f"afraid_of_{index}")),
            )
            self.fields[f"need_{index}"] = forms.CharField(
                label=_("I need …"),
                max_length=NEED_LENGTH,
                required=False,
                widget=forms.Textarea(attrs=live(f"need_{index}")),
            )

    @classmethod
    def initial_from(cls, needs) -> dict:
        initial = {}
        for index, need in enumerate(needs[:PAIRS]):
            initial[f"afraid_of_{index}"] = need.afraid_of
            initial[f"need_{index}"] = need.need
        return initial

    def pair_fields(self):
        return [(self[f"afraid_of_{i}"], self[f"need_{i}"]) for i in range(PAIRS)]

    def clean(self):
        data = super().clean()
        for index in range(PAIRS):
            afraid_of, need = data.get(f"afraid_of_{index}"), data.get(f"need_{index}")
            if afraid_of and not need:
                self.add_error(f"need_{index}", _("Say what you need, next to what you fear."))
            if need and not afraid_of:
                self.add_error(
                    f"afraid_of_{index}", _("Say what you are afraid of, next to what you need.")
                )
        if not self.errors and not self.pairs():
            raise forms.ValidationError(_("Write at least one fear and one need."))
        return data

    def pairs(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        return [
            (data[f"afraid_of_{i}"], data[f"need_{i}"])
            for i in range(PAIRS)
            if data.get(f"afraid_of_{i}") and data.get(f"need_{i}")
        ]


class ReplyForm(forms.Form):
    kind = forms.ChoiceField(choices=Reply.Kind.choices, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("In your own words"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") != Reply.Kind.CONFIRMED and not data.get("text", "").strip():
            self.add_error("text", _("Write a few words first."))
        return data


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "text": _(
                "For example: when I feel unsafe, I step away, breathe and call a friend before "
                "I answer."
            )
        }

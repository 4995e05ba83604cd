import uuid
from datetime import timedelta

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from couplespace.languages import in_reader_language
from programs.maintenance import OUTCOME_ITEMS, OUTCOME_SCALE
from programs.models import (
    Checkpoint,
    CheckpointPlan,
    Debrief,
    PracticeEntry,
    RitualPlan,
    WeeklyCheckIn,
)

EARLIEST_START = timedelta(days=27)
LATEST_START = timedelta(days=60)


class EnrolForm(forms.Form):
    program = forms.ChoiceField(label=_("Program"), widget=forms.RadioSelect)
    start_date = forms.DateField(
        label=_("Start on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Day 1 is this date in your own time zone."),
    )
    together = forms.BooleanField(
        label=_("Follow it together with my partner"),
        required=False,
        help_text=_("Each of you still writes privately and decides what to share."),
    )

    start_phase = forms.ChoiceField(
        label=_("Start with"),
        widget=forms.RadioSelect,
        help_text=_("Earlier levels are then behind you on the calendar; their steps stay open."),
    )

    def __init__(self, *args, programs, today, has_partner, start_phase=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.programs = {program.slug: program for program in programs}
        self.fields["program"].choices = [
            (program.slug, in_reader_language(program.content["title"])) for program in programs
        ]
        if len(programs) == 1:
            self.fields["program"].widget = forms.HiddenInput()
        self.initial.setdefault("program", programs[0].slug)
        self.today = today
        self.initial.setdefault("start_date", today)
        if has_partner:
            self.initial.setdefault("together", True)
        else:
            del self.fields["together"]
        self._start_from(programs[0], suggested=start_phase)

    def _start_from(self, program, *, suggested) -> None:
        """A program that can start at any of its phases (`start_at` in its file) asks where;
        the phase its hint suggests is chosen first and named as the suggestion."""
        if len(self.programs) != 1 or "start_at" not in program.content:
            del self.fields["start_phase"]
            return
        self.phase_days = {phase["key"]: phase["days"][0] for phase in program.phases}
        field = self.fields["start_phase"]
        field.choices = [
            (phase["key"], in_reader_language(phase["title"])) for phase in program.phases
        ]
        self.initial.setdefault("start_phase", (suggested or program.phases[0])["key"])
        if suggested:
            field.help_text = _(
                "Your latest test result suggests starting with “%(phase)s”, the level you "
                "usually reach. Earlier levels are then behind you on the calendar; their steps "
                "stay open."
            ) % {"phase": in_reader_language(suggested["title"])}

    def day_one(self):
        """The program's day 1: the start date, or earlier by the days of the levels skipped."""
        start = self.cleaned_data["start_date"]
        if "start_phase" not in self.fields:
            return start
        return start - timedelta(days=self.phase_days[self.cleaned_data["start_phase"]] - 1)

    def clean_program(self):
        return self.programs[self.cleaned_data["program"]]

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        if start < self.today - EARLIEST_START:
            raise forms.ValidationError(_("Choose a start date within the last four weeks."))
        if start > self.today + LATEST_START:
            raise forms.ValidationError(_("Choose a start date within the next two months."))
        return start


class CheckpointForm(forms.ModelForm):
    """One check-in, made to take under a minute on a phone."""

    temperature = forms.TypedChoiceField(
        coerce=int,
        choices=[(value, str(value)) for value in range(11)],
        widget=forms.RadioSelect(attrs={"class": "scale"}),
        error_messages={"required": _("Choose a number from 0 to 10.")},
    )
    body_responses = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple(attrs={"class": "chips"})
    )
    # A new key for each check-in written; sent again (from a device that kept it offline), the
    # same key saves nothing more. Anything else in it is ignored: the person never sees it.
    client_key = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Checkpoint
        fields = Checkpoint.ANSWERS
        widgets = {
            "moment": forms.RadioSelect(attrs={"class": "segmented"}),
            "behaviour": forms.RadioSelect(attrs={"class": "segmented"}),
            "affected": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "behaviour": {"required": _("Choose what you feel like doing toward your partner.")}
        }

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["client_key"] = uuid.uuid4()
        self.fields["moment"].choices = Checkpoint.Moment.choices
        checkpoints = program.checkpoints
        prompts = checkpoints["prompts"]
        self.fields["temperature"].label = in_reader_language(prompts["temperature"])
        self.fields["affected"].label = in_reader_language(prompts["affected"])
        self.fields["body_responses"].label = in_reader_language(prompts["body"])
        self.fields["body_responses"].choices = [
            (chip["key"], in_reader_language(chip["label"]))
            for chip in checkpoints["body_responses"]
        ]
        self.fields["behaviour"].label = in_reader_language(prompts["behaviour"])
        self.fields["behaviour"].choices = Checkpoint.Behaviour.choices
        self.fields["shared_with_partner"].help_text = _(
            "Off by default. Your partner sees this entry only if you switch it on."
        )

    def clean_client_key(self) -> uuid.UUID | None:
        try:
            return uuid.UUID(self.cleaned_data["client_key"])
        except ValueError:
            return None


class QuickCheckpointForm(forms.ModelForm):
    """The check-in on the Today page: the number and the behaviour, three taps with Save. It
    changes only those, so the words of a check-in already saved for that moment stay."""

    temperature = CheckpointForm.base_fields["temperature"]
    # Kept on the device while offline like the full check-in, and saved once (see there).
    client_key = CheckpointForm.base_fields["client_key"]

    class Meta:
        model = Checkpoint
        fields = ("moment", "temperature", "behaviour")
        widgets = {
            "moment": forms.HiddenInput,
            "behaviour": CheckpointForm.Meta.widgets["behaviour"],
        }
        error_messages = CheckpointForm.Meta.error_messages

    clean_client_key = CheckpointForm.clean_client_key

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["client_key"] = uuid.uuid4()
        prompts = program.checkpoints["prompts"]
        self.fields["temperature"].label = in_reader_language(prompts["temperature"])
        self.fields["behaviour"].label = in_reader_language(prompts["behaviour"])
        self.fields["behaviour"].choices = Checkpoint.Behaviour.choices


class CheckpointPlanForm(forms.ModelForm):
    class Meta:
        model = CheckpointPlan
        fields = ["morning", "midday", "evening", "keep_after_phase_one"]
        widgets = {
            "morning": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "midday": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "evening": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self):
        cleaned = super().clean()
        times = [cleaned.get(name) for name in ("morning", "midday", "evening")]
        if None not in times and not times[0] < times[1] < times[2]:
            raise forms.ValidationError(
                _("Put the three times in order: morning, then midday, then evening.")
            )
        return cleaned


class PracticeEntryForm(forms.ModelForm):
    """One line of the practice log. Someone following alone is not asked about signals."""

    class Meta:
        model = PracticeEntry
        fields = ["kind", "text", "signal_sent", "partner_responded", "went"]
        widgets = {
            "kind": forms.RadioSelect(attrs={"class": "segmented"}),
            "text": forms.Textarea(attrs={"rows": 3}),
            "signal_sent": forms.RadioSelect(attrs={"class": "segmented"}),
            "partner_responded": forms.RadioSelect(attrs={"class": "segmented"}),
            "went": forms.RadioSelect(attrs={"class": "segmented"}),
        }
        error_messages = {"text": {"required": _("Write a few words about what happened.")}}

    def __init__(self, *args, alone: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = PracticeEntry.Kind.choices
        for name in ("signal_sent", "partner_responded", "went"):
            self.fields[name].choices = self.fields[name].choices[1:]
        if alone:
            del self.fields["signal_sent"], self.fields["partner_responded"]
            self.fields["text"].help_text = _(
                "What came up, and what you did instead of the old pattern, even in part."
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == PracticeEntry.Kind.MOMENT and not cleaned.get("went"):
            self.add_error("went", _("Say how it went, even if it was hard."))
        return cleaned


class WeeklyCheckInForm(forms.ModelForm):
    temperature = forms.TypedChoiceField(
        coerce=int,
        choices=[(value, str(value)) for value in range(1, 11)],
        widget=forms.RadioSelect(attrs={"class": "scale"}),
        error_messages={"required": _("Choose a number from 1 to 10.")},
    )

    class Meta:
        model = WeeklyCheckIn
        fields = ["temperature", "contributed"]
        widgets = {"contributed": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["temperature"].label = capfirst(
            WeeklyCheckIn._meta.get_field("temperature").verbose_name
        )


class OutcomeForm(forms.Form):
    """The short satisfaction check: every item, from 1 to 5."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, text in OUTCOME_ITEMS.items():
            self.fields[key] = forms.TypedChoiceField(
                label=text,
                coerce=int,
                choices=OUTCOME_SCALE,
                widget=forms.RadioSelect(attrs={"class": "segmented"}),
                error_messages={"required": _("Choose how true this is for you.")},
            )


class RitualPlanForm(forms.ModelForm):
    class Meta:
        model = RitualPlan
        fields = ["morning_on", "morning_at", "evening_on", "evening_at"]
        widgets = {
            "morning_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "evening_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }


class DebriefForm(forms.ModelForm):
    class Meta:
        model = Debrief
        fields = ["high", "low"]
        error_messages = {"high": {"required": _("Write one good thing, however small.")}}

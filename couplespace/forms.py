from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from couplespace import push
from couplespace.models import (
    Assignment,
    TherapistNote,
    TherapistProfile,
    User,
    timezone_choices,
)
from couplespace.therapy import share_kinds, step_groups


def posted(request):
    """What a form was sent, or None when nothing was submitted.

    An empty POST is still a submission and must get its error messages, which
    `request.POST or None` would silently turn into a blank form.
    """
    return request.POST if request.method == "POST" else None


def rejected_status(request) -> int:
    """The status of a form sent back with its mistakes marked: 422 for htmx, which
    templates/base.html tells to swap it in (htmx leaves other 4xx answers unswapped), and 400
    for a page without JavaScript."""
    return 422 if request.htmx else 400


class TimezoneField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=timezone_choices,
            label=_("Your time zone"),
            help_text=_("Reminders and “today” follow this zone."),
            **kwargs,
        )
        self.widget.attrs["data-detect-timezone"] = ""


class SignupDetailsForm(forms.Form):
    """What allauth's sign-up form asks beyond email and password."""

    display_name = forms.CharField(
        label=_("What should your partner call you?"), max_length=60, required=False
    )
    timezone = TimezoneField(initial="UTC")

    def signup(self, request, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"]
        user.timezone = self.cleaned_data["timezone"]
        user.save(update_fields=["display_name", "timezone"])


class PreferencesForm(forms.ModelForm):
    timezone = TimezoneField()

    class Meta:
        model = User
        fields = ["display_name", "timezone", "language", "quick_exit_signs_out"]


class SafetyForm(forms.Form):
    feels_afraid = forms.TypedChoiceField(
        label=_("Do you ever feel afraid of your partner?"),
        choices=[("no", _("No")), ("yes", _("Yes, sometimes"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )


class JoinForm(forms.Form):
    """Accepting an invitation, with the safety question asked privately on the way (optional)."""

    feels_afraid = forms.TypedChoiceField(
        label=_("Do you ever feel afraid of your partner?"),
        choices=[("no", _("No")), ("yes", _("Yes, sometimes"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Your partner’s email (optional)"),
        required=False,
        help_text=_("Leave it empty to get a link you can send any way you like."),
    )


class TherapistApplicationForm(forms.ModelForm):
    class Meta:
        model = TherapistProfile
        fields = ["professional_name", "credentials"]
        widgets = {"credentials": forms.Textarea(attrs={"rows": 3})}


class CareInvitationForm(forms.Form):
    email = forms.EmailField(label=_("Client’s email"))
    partner_email = forms.EmailField(
        label=_("Their partner’s email, to work with the couple (optional)"), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("email") and data.get("email") == data.get("partner_email"):
            self.add_error("partner_email", _("Enter two different addresses."))
        return data


class DescribedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes, each with a sentence under it that says what ticking it means (by value)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.descriptions: dict[str, str] = {}

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        option["description"] = self.descriptions.get(value, "")
        if option["description"] and option["attrs"].get("id"):
            option["attrs"]["aria-describedby"] = f"{option['attrs']['id']}_what"
        return option


class ShareForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("What this therapist may see"),
        required=False,
        widget=DescribedCheckboxes,
        help_text=_(
            "Nothing is shared until you tick it. Besides whether you did the steps they "
            "suggest, a therapist sees nothing that is not listed here. You can change this at "
            "any time."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = share_kinds()
        self.fields["kinds"].choices = [(kind.key, kind.label) for kind in kinds]
        self.fields["kinds"].widget.descriptions = {kind.key: kind.description for kind in kinds}


class NoteForm(forms.ModelForm):
    class Meta:
        model = TherapistNote
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


SNOOZE_CHOICES = [
    ("", _("No change")),
    ("1h", _("Snooze for an hour")),
    ("1d", _("Snooze for a day")),
    ("3d", _("Snooze for three days")),
    ("7d", _("Snooze for a week")),
    ("end", _("End the snooze")),
]
SNOOZE_LENGTHS = {
    "1h": timedelta(hours=1),
    "1d": timedelta(days=1),
    "3d": timedelta(days=3),
    "7d": timedelta(days=7),
}


class NotificationPreferencesForm(forms.Form):
    """Quiet hours, and for each kind of reminder: on or off, by email or not, snoozed."""

    quiet_from = forms.TimeField(
        label=_("Quiet from"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    quiet_until = forms.TimeField(
        label=_("Quiet until"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_(
            "During quiet hours reminders appear in the app only: no email, nothing on your "
            "devices."
        ),
    )

    def __init__(self, *args, kinds, preferences, settings, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        self.preferences = preferences
        self.initial.setdefault("quiet_from", settings.quiet_from)
        self.initial.setdefault("quiet_until", settings.quiet_until)
        for kind in kinds:
            preference = preferences[kind.name]
            self.fields[f"{kind.name}-enabled"] = forms.BooleanField(
                label=_("On"), required=False, initial=preference.enabled
            )
            self.fields[f"{kind.name}-by_email"] = forms.BooleanField(
                label=_("Also by email"), required=False, initial=preference.by_email
            )
            self.fields[f"{kind.name}-snooze"] = forms.ChoiceField(
                label=_("Snooze"), choices=SNOOZE_CHOICES, required=False
            )

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("quiet_from") is None) != (cleaned.get("quiet_until") is None):
            raise forms.ValidationError(
                _("Give both ends of your quiet hours, or leave both empty.")
            )
        return cleaned

    def rows(self):
        """One row per kind for the template: its name, its fields, its current snooze."""
        now = timezone.now()
        return [
            {
                "label": kind.label,
                "enabled": self[f"{kind.name}-enabled"],
                "by_email": self[f"{kind.name}-by_email"],
                "snooze": self[f"{kind.name}-snooze"],
                "snoozed_until": self.preferences[kind.name].snoozed_until
                if self.preferences[kind.name].is_snoozed(now)
                else None,
            }
            for kind in self.kinds
        ]

    def snooze_end(self, kind: str, now):
        """The new end of a kind's snooze, or the one it already has when none was chosen."""
        choice = self.cleaned_data.get(f"{kind}-snooze")
        if choice == "end":
            return None
        if choice:
            return now + SNOOZE_LENGTHS[choice]
        return self.preferences[kind].snoozed_until


class AssignmentForm(forms.ModelForm):
    """A step from any feature or guide, grouped as the picker shows them, a date and a note."""

    step = forms.ChoiceField(
        label=_("What to do"),
        error_messages={
            "required": _("Choose the step you would like your client to do."),
            "invalid_choice": _("That step is no longer offered. Choose another one."),
        },
    )

    class Meta:
        model = Assignment
        fields = ["step", "due_date", "note"]
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["step"].choices = [
            ("", _("Choose a step")),
            *(
                (group.label, [(step.key, step.label) for step in group.steps])
                for group in step_groups()
            ),
        ]

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < self.today:
            raise forms.ValidationError(_("That date has passed. Choose today or a later day."))
        return due


class PushDeviceForm(forms.Form):
    """What a browser's push subscription gives (PushSubscription.toJSON()): where its push
    service takes messages for it, and its keys."""

    endpoint = forms.URLField(max_length=1000, assume_scheme="https")
    p256dh = forms.CharField(max_length=200)
    auth = forms.CharField(max_length=50)

    def clean_endpoint(self) -> str:
        endpoint = self.cleaned_data["endpoint"]
        if not push.is_push_service(endpoint):
            raise forms.ValidationError(_("This browser's push service is not one we know."))
        return endpoint

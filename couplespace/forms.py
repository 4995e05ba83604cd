from django import forms
from django.utils.translation import gettext_lazy as _

from couplespace.models import TherapistNote, TherapistProfile, User, timezone_choices
from couplespace.therapy import share_kinds


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
        fields = ["display_name", "timezone", "language"]


class SafetyForm(forms.Form):
    feels_afraid = forms.TypedChoiceField(
        label=_("Do you ever feel afraid of your partner?"),
        choices=[("no", _("No")), ("yes", _("Yes, sometimes"))],
        coerce=lambda value: value == "yes",
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


class ShareForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("What this therapist may see"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nothing is shared until you tick it. You can change this at any time."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kinds"].choices = [(kind.key, kind.label) for kind in share_kinds()]


class NoteForm(forms.ModelForm):
    class Meta:
        model = TherapistNote
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

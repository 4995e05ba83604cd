from django import forms
from django.utils.translation import gettext_lazy as _

from assessments import scoring
from assessments.attempt import Attempt
from assessments.instrument import Instrument

SCALE_LABELS = {
    1: _("Strongly disagree"),
    2: _("Disagree"),
    3: _("Slightly disagree"),
    4: _("Neither agree nor disagree"),
    5: _("Slightly agree"),
    6: _("Agree"),
    7: _("Strongly agree"),
}


class LikertScale(forms.RadioSelect):
    """Seven numbered points from disagree to agree, written out in one template: rendering
    each point through Django's option templates took a third of a step's time."""

    template_name = "assessments/widgets/likert.html"


class AnswerChoices(forms.RadioSelect):
    """A question's answers, one per line, written out in one template like `LikertScale`."""

    template_name = "assessments/widgets/choices.html"


class StepForm(forms.Form):
    """The questions of one screen, pre-filled with the answers already given."""

    def __init__(self, *, instrument: Instrument, attempt: Attempt, step: int, **kwargs):
        super().__init__(initial=dict(attempt.answers), **kwargs)
        self.keys = attempt.steps(instrument)[step - 1]
        item_keys = set(instrument.item_keys)
        for key in self.keys:
            number = attempt.number(key, instrument)
            errors = {
                "required": _("Question %(number)s needs an answer.") % {"number": number},
                "invalid_choice": _("Question %(number)s: choose one of the answers shown.")
                % {"number": number},
            }
            if key in item_keys:
                field = forms.TypedChoiceField(
                    label=instrument.item(key).text,
                    choices=[(value, SCALE_LABELS[value]) for value in scoring.SCALE],
                    coerce=int,
                    widget=LikertScale,
                    error_messages=errors,
                )
                field.is_item = True
            else:
                question = instrument.question(key)
                field = forms.ChoiceField(
                    label=question.text,
                    choices=[(option.key, option.text) for option in question.options],
                    widget=AnswerChoices,
                    error_messages=errors,
                )
                field.is_item = False
            field.number = number
            self.fields[key] = field

    def answers_given(self) -> dict[str, int | str]:
        """The valid answers on this screen, even when others are missing or wrong."""
        return {key: value for key, value in self.cleaned_data.items() if value not in ("", None)}


class ConsentForm(forms.Form):
    given = forms.BooleanField(required=False)

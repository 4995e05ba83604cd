"""The forms of a program's generic steps, built from the step's words in the program file."""

from django import forms
from django.utils.translation import gettext_lazy as _

from couplespace.languages import in_reader_language
from programs.models import LogEntry, WishAnswer

NOT_DECIDED = ""


class WishListForm(forms.Form):
    """One radio group per item: yes, maybe, no, or not decided yet (an answer taken back)."""

    def __init__(self, *args, step: dict, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(NOT_DECIDED, _("Not decided")), *WishAnswer.Answer.choices]
        for item in step["items"]:
            self.fields[item["key"]] = forms.ChoiceField(
                label=in_reader_language(item["text"]),
                choices=choices,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "wish"}),
            )


class JointPlanForm(forms.Form):
    """Each section's text, and the text it had when the page was drawn: a section the partner
    changed meanwhile is not overwritten (see `conflicts`)."""

    def __init__(self, *args, step: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for section in step["sections"]:
            key = section["key"]
            self.fields[key] = forms.CharField(
                label=in_reader_language(section["title"]),
                help_text=in_reader_language(section["prompt"]),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.fields[f"{key}__was"] = forms.CharField(
                required=False, widget=forms.HiddenInput, max_length=2000
            )

    def sections(self):
        return [self[key] for key in self.fields if not key.endswith("__was")]

    def conflicts(self, now: dict[str, str], partner_name: str) -> None:
        """Mark each section changed by the other since the page was drawn, and changed here
        too: what was typed stays in the box, and nothing is saved until it is sent again."""
        for key, text in now.items():
            was = self.cleaned_data.get(f"{key}__was", "")
            mine = self.cleaned_data.get(key, "")
            if text != was and mine != was and mine != text:
                self.add_error(
                    key,
                    _(
                        "%(name)s changed this part while you were writing. It now reads: "
                        "“%(text)s”. Your words are kept here; send them again to replace it."
                    )
                    % {"name": partner_name, "text": text},
                )
                self.data = self.data.copy()
                self.data[f"{key}__was"] = text


class LogEntryForm(forms.ModelForm):
    class Meta:
        model = LogEntry
        fields = ["text", "shared_with_partner"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "maxlength": 500})}
        error_messages = {"text": {"required": _("Write a few words about it.")}}

    def __init__(self, *args, prompt: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = in_reader_language(prompt)

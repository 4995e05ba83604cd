"""How form fields render: Django's Jinja2 form templates, except for groups of choices, and
one rule for what follows a label."""

from django.forms import BoundField
from django.forms.renderers import Jinja2

WRITTEN_OUT = {
    "django/forms/widgets/radio.html": "couplespace/forms/choices.html",
    "django/forms/widgets/checkbox_select.html": "couplespace/forms/choices.html",
}

# A label that already ends in one of these takes no colon after it: "How did it go?" stays
# as it is, never "How did it go?:", in English and in Chinese (the full-width marks too).
ENDS_A_LABEL = frozenset(":?.!…：？。！")


def label_suffix_after(label: str, suffix: str) -> str:
    """What goes after a label: the form's suffix, unless the label ends its own sentence."""
    text = str(label).rstrip()
    return "" if text and text[-1] in ENDS_A_LABEL else suffix


class LabelledField(BoundField):
    """Every field's <label> and <legend>, on every form: the rule above, in one place."""

    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        if label_suffix is None:
            label_suffix = (
                self.field.label_suffix
                if self.field.label_suffix is not None
                else self.form.label_suffix
            )
        label_suffix = label_suffix_after(contents or self.label or "", label_suffix or "")
        return super().label_tag(contents, attrs, label_suffix=label_suffix, tag=tag)


class FormRenderer(Jinja2):
    """Radio buttons and checkboxes are written out in one template, with the same markup as
    Django's, instead of one template per option: on the check-in form that was most of the
    time spent rendering it. Labels take their suffix through `LabelledField`."""

    bound_field_class = LabelledField

    def get_template(self, template_name):
        return super().get_template(WRITTEN_OUT.get(template_name, template_name))

"""Choice widgets written out in one template render exactly as Django's own templates do."""

import pytest
from django import forms
from django.forms.renderers import Jinja2

from couplespace.forms_renderer import FormRenderer

CHOICES = [("calm", "Calm"), ("tense", "Tense & tight"), ("", "Not sure")]
GROUPED = [("Body", [("warm", "Warm"), ("cold", "Cold")]), ("other", "Something else")]


class Sample(forms.Form):
    one = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect(attrs={"class": "scale"}))
    many = forms.MultipleChoiceField(
        choices=CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    grouped = forms.ChoiceField(choices=GROUPED, widget=forms.RadioSelect)
    disabled = forms.ChoiceField(choices=CHOICES, disabled=True, widget=forms.RadioSelect)


@pytest.mark.parametrize("data", [None, {"one": "tense", "many": ["calm", ""], "grouped": "cold"}])
@pytest.mark.parametrize("name", ["one", "many", "grouped", "disabled"])
def test_the_same_markup_as_djangos_templates(name, data):
    ours = Sample(data, renderer=FormRenderer())[name]
    djangos = Sample(data, renderer=Jinja2())[name]

    assert str(ours) == str(djangos)
    assert str(ours.as_field_group()) == str(djangos.as_field_group())
    assert 'type="' in str(ours)


@pytest.mark.parametrize("widget", [forms.RadioSelect, forms.CheckboxSelectMultiple])
def test_choice_widgets_use_the_written_out_template(widget):
    template = FormRenderer().get_template(widget.template_name)

    assert template.template.name == "couplespace/forms/choices.html"

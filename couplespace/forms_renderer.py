"""How form fields render: Django's Jinja2 form templates, except for groups of choices."""

from django.forms.renderers import Jinja2

WRITTEN_OUT = {
    "django/forms/widgets/radio.html": "couplespace/forms/choices.html",
    "django/forms/widgets/checkbox_select.html": "couplespace/forms/choices.html",
}


class FormRenderer(Jinja2):
    """Radio buttons and checkboxes are written out in one template, with the same markup as
    Django's, instead of one template per option: on the check-in form that was most of the
    time spent rendering it."""

    def get_template(self, template_name):
        return super().get_template(WRITTEN_OUT.get(template_name, template_name))

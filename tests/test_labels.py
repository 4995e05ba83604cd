"""No label ends "?:" (nor the Chinese full-width question mark or ellipsis and a colon): a
label that ends its own sentence takes no colon.
Every form of the project is rendered in English and in Chinese, and so are the account pages
allauth's forms are on."""

import inspect
import random
import re
from datetime import date

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from agreements import forms as agreement_forms
from assessments import forms as assessment_forms
from assessments.attempt import Attempt
from assessments.instrument import instrument
from couplespace import account_views
from couplespace import forms as core_forms
from couplespace.forms_renderer import label_suffix_after
from couplespace.models import NotificationPreference, NotificationSettings
from couplespace.reminders import KINDS
from programs import forms as program_forms
from tests.conftest import make_person
from tests.programs_helpers import load_program

MODULES = [core_forms, account_views, agreement_forms, program_forms, assessment_forms]
LANGUAGES = ["en", "zh-hans"]
BAD_ENDING = re.compile(r"[?？.。!！…:：]\s*[:：]\s*$")


def form_classes() -> list[type]:
    return sorted(
        (
            cls
            for module in MODULES
            for _name, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__
        ),
        key=lambda cls: cls.__qualname__,
    )


def every_form(person) -> dict[str, forms.BaseForm]:
    """One of each form, made as its view makes it."""
    program = load_program()
    kinds = sorted(KINDS.values(), key=lambda kind: kind.name)
    test = instrument()
    made = {
        "AssignmentForm": core_forms.AssignmentForm(today=date(2026, 5, 1)),
        "CareInvitationForm": core_forms.CareInvitationForm(),
        "InvitationForm": core_forms.InvitationForm(),
        "JoinForm": core_forms.JoinForm(),
        "NoteForm": core_forms.NoteForm(),
        "NotificationPreferencesForm": core_forms.NotificationPreferencesForm(
            kinds=kinds,
            preferences={k.name: NotificationPreference(person=person, kind=k.name) for k in kinds},
            settings=NotificationSettings(person=person),
        ),
        "PreferencesForm": core_forms.PreferencesForm(instance=person),
        "PushDeviceForm": core_forms.PushDeviceForm(),
        "SafetyForm": core_forms.SafetyForm(),
        "ShareForm": core_forms.ShareForm(),
        "SignupDetailsForm": core_forms.SignupDetailsForm(),
        "TherapistApplicationForm": core_forms.TherapistApplicationForm(),
        "DeleteAccountForm": account_views.DeleteAccountForm(person=person),
        "ClauseForm": agreement_forms.ClauseForm(),
        "CollisionForm": agreement_forms.CollisionForm(),
        "CommitmentForm": agreement_forms.CommitmentForm(),
        "PauseForm": agreement_forms.PauseForm(),
        "PreparationForm": agreement_forms.PreparationForm(phrasing_url="/"),
        "ReplyForm": agreement_forms.ReplyForm(),
        "ReturnForm": agreement_forms.ReturnForm(),
        "VersionNoteForm": agreement_forms.VersionNoteForm(),
        "CheckpointForm": program_forms.CheckpointForm(program=program),
        "CheckpointPlanForm": program_forms.CheckpointPlanForm(),
        "DebriefForm": program_forms.DebriefForm(),
        "EnrolForm": program_forms.EnrolForm(
            programs=[program], today=date(2026, 5, 1), has_partner=True
        ),
        "OutcomeForm": program_forms.OutcomeForm(),
        "PracticeEntryForm": program_forms.PracticeEntryForm(alone=False),
        "QuickCheckpointForm": program_forms.QuickCheckpointForm(program=program),
        "RitualPlanForm": program_forms.RitualPlanForm(),
        "WeeklyCheckInForm": program_forms.WeeklyCheckInForm(),
        "ConsentForm": assessment_forms.ConsentForm(),
    }
    attempt = Attempt.begin(test, rng=random.Random(1))
    for step in range(1, len(attempt.steps(test)) + 1):
        made[f"StepForm {step}"] = assessment_forms.StepForm(
            instrument=test, attempt=attempt, step=step
        )
    return made


def labels_in(html: str) -> list[str]:
    """The text of every <label> and <legend>, tags taken out."""
    found = re.findall(r"<(label|legend)\b[^>]*>(.*?)</\1>", html, re.S)
    return [re.sub(r"<[^>]+>", "", text).strip() for _tag, text in found]


def badly_ended(html: str) -> list[str]:
    return [label for label in labels_in(html) if BAD_ENDING.search(label)]


@pytest.mark.parametrize(
    "label, suffix, after",
    [
        ("How did it go?", ":", ""),
        ("你希望伴侣怎么称呼你？", "：", ""),
        ("我害怕……", ":", ""),
        ("Quiet from", ":", ":"),
        ("安静时段开始", "：", "："),
        ("", ":", ":"),
    ],
)
def test_a_label_that_ends_its_sentence_takes_no_colon(label, suffix, after):
    assert label_suffix_after(label, suffix) == after


def test_every_form_of_the_project_is_rendered(db):
    made = every_form(make_person("alex"))

    assert len(form_classes()) > 25
    assert {cls.__name__ for cls in form_classes()} <= {name.split()[0] for name in made}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_form_label_ends_in_a_question_mark_and_a_colon(db, language):
    person = make_person("alex")
    with translation.override(language):
        made = every_form(person)
        rendered = {name: str(form) for name, form in made.items()}

    assert {name: badly_ended(html) for name, html in rendered.items() if badly_ended(html)} == {}
    assert sum(len(labels_in(html)) for html in rendered.values()) > 60


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_account_pages_labels_end_well_too(client, db, language):
    person = make_person("alex")
    person.language = language
    person.save(update_fields=["language"])
    client.cookies["django_language"] = language
    anonymous = [reverse("account_signup"), reverse("account_login")]
    signed_in = [
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("preferences"),
        reverse("delete_account"),
    ]

    pages = {url: client.get(url, headers={"accept-language": language}).text for url in anonymous}
    client.force_login(person)
    pages |= {url: client.get(url).text for url in signed_in}

    assert {url: badly_ended(html) for url, html in pages.items() if badly_ended(html)} == {}
    assert all(labels_in(html) for html in pages.values())


def test_a_chinese_label_takes_a_chinese_colon(db):
    with translation.override("zh-hans"):
        html = str(core_forms.CareInvitationForm())

    assert labels_in(html) == ["来访者的邮箱：", "对方伴侣的邮箱，用于和这对伴侣一起工作（可选）："]

from io import StringIO

from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.urls import reverse

from agreements.models import Dialogue, Signal
from couplespace.models import Assignment, Care, Notification, SafetyAnswer, User


def run_demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_it_creates_the_demo_people_once(client, db):
    first = run_demo()
    run_demo()

    assert sorted(User.objects.values_list("email", flat=True)) == [
        "alex@example.com",
        "casey@example.com",
        "sam@example.com",
        "theo@example.com",
    ]
    assert "alex@example.com" in first and "couplespace-demo" in first
    alex, sam, casey = (
        User.objects.get(email=f"{n}@example.com") for n in ["alex", "sam", "casey"]
    )
    assert alex.partner == sam
    assert casey.couple is None
    assert client.login(email="casey@example.com", password="couplespace-demo")


def test_it_restores_the_couple_if_someone_left(db):
    run_demo()
    User.objects.get(email="alex@example.com").couple.end()

    run_demo()

    assert User.objects.get(email="sam@example.com").partner.email == "alex@example.com"


def test_it_gives_the_demo_people_back_what_someone_changed(client, db):
    run_demo()
    alex = User.objects.get(email="alex@example.com")
    alex.display_name, alex.timezone, alex.language = "Al", "Asia/Tokyo", "zh-hans"
    alex.set_password("another-passphrase")
    alex.save()
    Authenticator.objects.create(user=alex, type=Authenticator.Type.TOTP, data={"secret": "x"})
    answer = SafetyAnswer.objects.get(person=alex)
    answer.feels_afraid = True
    answer.save()  # encrypted: update() cannot write it
    Care.objects.current().get(client=alex).share(set())

    run_demo()

    alex.refresh_from_db()
    assert (alex.display_name, alex.timezone, alex.language) == ("Alex", "Europe/London", "en")
    assert alex.safety_answer().feels_afraid is False
    assert Care.objects.current().get(client=alex).shared_kinds() == {"checkpoint_summaries"}
    response = client.post(
        reverse("account_login"), {"login": "alex@example.com", "password": "couplespace-demo"}
    )
    assert response.url == reverse("workspace")


def test_running_it_again_keeps_the_demo_people_logged_in(client, db):
    run_demo()
    client.login(email="sam@example.com", password="couplespace-demo")

    run_demo()

    assert client.get(reverse("workspace")).status_code == 200


def test_alex_finds_sams_signal_waiting_on_today_and_again_after_answering(client, db):
    run_demo()
    client.login(email="alex@example.com", password="couplespace-demo")
    page = client.get(reverse("workspace")).content.decode()
    assert "Sam sent your signal at" in page
    assert "I’m here" in page
    waiting = Signal.objects.get(answered_at__isnull=True)
    client.post(reverse("agreements:answer", args=[waiting.agreement_id, waiting.pk]))

    run_demo()

    assert Signal.objects.filter(answered_at__isnull=True).count() == 1
    run_demo()
    assert Signal.objects.filter(answered_at__isnull=True).count() == 1


def test_alex_has_sent_sam_one_section_of_a_guide(client, db):
    run_demo()
    run_demo()

    sam = User.objects.get(email="sam@example.com")
    [notice] = Notification.objects.filter(kind="guide_section_sent")
    assert notice.person == sam
    assert str(notice) == "Alex sent you something to read"
    assert notice.url == "/guides/talking-about-sex/#where-attachment-shows"


def test_sam_sees_the_debrief_and_practice_line_alex_shared_and_again_after_a_break_up(client, db):
    run_demo()
    User.objects.get(email="alex@example.com").couple.end()  # unshares everything
    run_demo()
    client.login(email="sam@example.com", password="couplespace-demo")

    page = client.get(reverse("programs:partner"))

    shown = {section.heading: len(section.entries) for section in page.context["sections"]}
    assert shown == {"Small successes": 1, "Evening debriefs": 1}
    assert "A long walk after dinner." in page.text and "I asked for a hug" in page.text
    assert "I snapped about the dishes." not in page.text  # the debrief alex keeps private
    assert "Coffee in bed" not in page.text


def test_theo_has_given_a_guide_section_and_a_program_day_one_of_them_done(client, db):
    run_demo()
    run_demo()
    theo = User.objects.get(email="theo@example.com")

    given = {
        (a.care.client.display_name, a.step, a.done_how)
        for a in Assignment.objects.filter(care__therapist=theo).select_related("care__client")
    }
    assert given == {
        ("Alex", "guide:security-and-sexuality#step-2", "step"),
        ("Alex", "program:security-and-sexuality:day:10", ""),
        ("Sam", "guide:self-and-connection#day-to-day", ""),
    }
    client.force_login(theo)
    page = client.get(
        reverse("therapist_client", args=[Care.objects.get(client__display_name="Alex").pk])
    ).text
    assert "五个步骤 › 第二步 · 谈谈需要（第 8–14 天）" in page  # theo reads Chinese
    assert "(完成了这个步骤)" in page
    assert "第 10 天：" in page and "尚未完成" in page


def test_alex_and_sam_have_a_past_dialogue_and_an_open_one(client, db):
    run_demo()
    run_demo()
    alex = User.objects.get(email="alex@example.com")

    past, current = Dialogue.objects.filter(couple=alex.couple).order_by("created_at")
    assert past.closed_at is not None
    assert current.closed_at is None
    client.force_login(User.objects.get(email="sam@example.com"))
    index = client.get(reverse("agreements:dialogue_index")).content.decode()
    assert "It’s your turn." in index
    assert "both of you were heard" in index
    assert (
        "I heard that you worry about getting it wrong"
        in client.get(reverse("agreements:dialogue", args=[past.pk])).content.decode()
    )

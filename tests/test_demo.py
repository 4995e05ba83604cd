from io import StringIO

from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.urls import reverse

from agreements.models import Dialogue, Signal
from couplespace.models import Care, SafetyAnswer, User


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
    SafetyAnswer.objects.filter(person=alex).update(feels_afraid=True)
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

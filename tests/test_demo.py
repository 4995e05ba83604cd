from io import StringIO

from django.core.management import call_command

from couplespace.models import User


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

import os
import time

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import caches
from django.utils import timezone, translation

from agreements.models import Agreement
from agreements.versions import accept_version, propose_version
from couplespace import encryption
from couplespace.encryption import forget_keys
from couplespace.models import Couple, Invitation, Membership, TherapistProfile, User
from tests.agreements.conftest import PAUSE, SIGNAL
from tests.programs_helpers import enrol, load_program, write_checkpoints
from tests.smtp import SmtpThatComesBack

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop.


@pytest.fixture(autouse=True)
def english_again_afterwards():
    """A request in Chinese leaves Chinese active in the thread: the next test starts afresh."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def no_remembered_keys():
    """Unwrapped encryption keys live for a request; a test's rolled-back keys must not linger."""
    forget_keys()
    yield
    forget_keys()


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate limits (allauth) live in the cache, rendered fragments in theirs: start every test
    clean."""
    for each in caches.all():
        each.clear()
    yield
    for each in caches.all():
        each.clear()


@pytest.fixture
def opened(monkeypatch):
    """The encrypted columns decrypted while the test runs, one item for each value opened."""
    columns = []
    real = encryption.decrypt

    def decrypt(token, context):
        columns.append(context)
        return real(token, context)

    monkeypatch.setattr(encryption, "decrypt", decrypt)
    return columns


def reauthenticated(client):
    """The client's person typed their password again just now, as allauth records it."""
    session = client.session
    session["account_authentication_methods_user"] = session["_auth_user_id"]
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}
    ]
    session.save()
    return client


def make_person(name: str, **fields) -> User:
    """A verified person called `name`, with email name@example.com and password `name`-pass."""
    fields.setdefault("display_name", name.capitalize())
    person = User.objects.create_user(f"{name}@example.com", password=f"{name}-pass", **fields)
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    return person


def make_couple(first: User, second: User) -> Couple:
    couple = Couple.objects.create()
    Membership.objects.bulk_create(
        [Membership(couple=couple, person=first), Membership(couple=couple, person=second)]
    )
    for person in (first, second):
        person.forget_membership()
    return couple


@pytest.fixture
def alex(db):
    return make_person("alex")


@pytest.fixture
def sam(db):
    return make_person("sam")


@pytest.fixture
def casey(db):
    return make_person("casey")


@pytest.fixture
def theo(db):
    """A verified therapist."""
    theo = make_person("theo")
    TherapistProfile.objects.create(
        person=theo,
        professional_name="Theo Lin, MFT",
        credentials="CA LMFT 0001",
        verified_at=timezone.now(),
    )
    return theo


@pytest.fixture
def couple(alex, sam):
    return make_couple(alex, sam)


@pytest.fixture
def invitation(alex):
    return Invitation.issue(inviter=alex)


@pytest.fixture
def client_for(client):
    """Log a person in on the test client and return it."""

    def login(person):
        client.force_login(person)
        return client

    return login


@pytest.fixture
def couple_in_the_program(alex, sam, couple):
    """alex and sam on day 9 together, with check-ins and an active agreement."""
    load_program()
    write_checkpoints(alex, enrol(alex, day=9, together=True), 21)
    agreement = Agreement.for_couple(couple)
    propose_version(agreement=agreement, author=alex, base_number=0, clauses=[SIGNAL, PAUSE])
    accept_version(agreement=agreement, person=sam, number=1)
    return {"agreement": agreement}


@pytest.fixture
def smtp_down(settings):
    """Email goes to an SMTP server that refuses it until `smtp_down.back.set()`."""
    SmtpThatComesBack.back.clear()
    SmtpThatComesBack.failure = ConnectionRefusedError(111, "Connection refused")
    SmtpThatComesBack.attempts = []
    settings.MAILERS = {"default": {"BACKEND": "tests.smtp.SmtpThatComesBack"}}
    return SmtpThatComesBack

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse

from agreements.models import Agreement
from agreements.versions import accept_version, propose_version
from couplespace.models import AccessRecord, Care, Notification, TherapistNote, TherapistProfile
from tests.agreements.conftest import SIGNAL
from tests.conftest import make_person


@pytest.fixture
def care(theo, alex):
    care = Care.objects.create(therapist=theo, email=alex.email)
    care.accept(alex, {"agreement"})
    return care


@pytest.fixture
def active_agreement(couple, alex, sam):
    agreement = Agreement.for_couple(couple)
    propose_version(agreement=agreement, author=alex, base_number=0, clauses=[SIGNAL])
    accept_version(agreement=agreement, person=sam, number=1)
    return agreement


def log_in(client, person):
    name = person.email.split("@")[0]
    return client.post(
        reverse("account_login"), {"login": person.email, "password": f"{name}-pass"}
    )


def test_a_therapist_who_logs_in_lands_on_their_clients(client, theo, care):
    response = log_in(client, theo)

    assert response.url == reverse("therapist_home")
    client_link = f'href="{reverse("therapist_client", args=[care.pk])}"><strong>Alex</strong>'
    assert client_link in client.get(response.url).content.decode()


def test_a_therapist_who_logs_in_to_open_a_link_goes_there(client, theo):
    response = client.post(
        reverse("account_login") + "?next=" + reverse("privacy"),
        {"login": theo.email, "password": "theo-pass"},
    )

    assert response.url == reverse("privacy")


def test_an_applicant_not_yet_verified_lands_on_their_own_space(client, casey):
    TherapistProfile.objects.create(
        person=casey, professional_name="Casey Wu, PsyD", credentials="NY 12345"
    )

    assert log_in(client, casey).url == reverse("workspace")


def test_a_therapists_own_space_leads_to_their_clients(client_for, theo, casey):
    therapists_space = client_for(theo).get(reverse("workspace")).content.decode()
    strangers_space = client_for(casey).get(reverse("workspace")).content.decode()

    link = f'<a class="button primary" href="{reverse("therapist_home")}">Go to your clients</a>'
    assert link in therapists_space
    assert "Go to your clients" not in strangers_space


def test_an_applicant_waits_for_staff_before_inviting_anyone(client_for, casey):
    client = client_for(casey)
    client.post(
        reverse("therapist_apply"),
        {"professional_name": "Casey Wu, PsyD", "credentials": "NY 12345"},
    )

    assert client.get(reverse("therapist_home")).url == reverse("therapist_apply")
    assert "waiting for staff" in client.get(reverse("therapist_apply")).content.decode()


def test_staff_verify_therapists_in_the_admin(rf, casey, admin_user):
    profile = TherapistProfile.objects.create(
        person=casey, professional_name="Casey Wu", credentials="NY 12345"
    )
    request = rf.post("/")
    request.user = admin_user
    admin = site._registry[TherapistProfile]
    admin.message_user = lambda *args, **kwargs: None

    admin.verify(request, TherapistProfile.objects.all())

    profile.refresh_from_db()
    assert profile.is_verified


def test_a_therapist_invites_a_couple_by_email(
    client_for, theo, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(theo).post(
            reverse("therapist_home"),
            {"email": "alex@example.com", "partner_email": "sam@example.com"},
        )

    assert sorted(Care.objects.values_list("email", flat=True)) == [
        "alex@example.com",
        "sam@example.com",
    ]
    assert sorted(m.to[0] for m in mailoutbox) == ["alex@example.com", "sam@example.com"]
    assert mailoutbox[0].subject == "Theo Lin, MFT invited you to work together on CoupleSpace"


def test_the_client_accepts_and_chooses_what_to_share(client_for, theo, alex):
    care = Care.objects.create(therapist=theo, email=alex.email)

    response = client_for(alex).post(
        reverse("care_invitation", args=[care.token]), {"kinds": ["agreement"]}, follow=True
    )

    care.refresh_from_db()
    assert care.client == alex
    assert care.shared_kinds() == {"agreement"}
    assert "Theo Lin, MFT" in response.content.decode()


def test_an_invitation_sent_to_another_address_is_not_accepted_and_the_therapist_is_told(
    client_for, theo, casey
):
    care = Care.objects.create(therapist=theo, email="intended-client@example.com")

    response = client_for(casey).post(
        reverse("care_invitation", args=[care.token]), {"kinds": ["agreement"]}
    )

    assert response.status_code == 409
    assert "This invitation was sent to another email address." in response.content.decode()
    care.refresh_from_db()
    assert (care.client, care.accepted_at) == (None, None)
    told = Notification.objects.get(person=theo)
    assert told.words().title == "Someone signed in with another address opened your invitation"
    assert "invite that one" in str(told.words().body)


def test_a_used_invitation_is_not_found(client_for, care, sam):
    assert client_for(sam).get(reverse("care_invitation", args=[care.token])).status_code == 404


def test_the_therapist_sees_what_is_shared_and_the_client_sees_that_they_looked(
    client_for, theo, alex, care, active_agreement
):
    page = client_for(theo).get(reverse("agreements:for_therapist", args=[care.pk]))

    assert SIGNAL.text in page.content.decode()
    assert list(AccessRecord.objects.values_list("kind", flat=True)) == ["agreement"]
    privacy = client_for(alex).get(reverse("privacy")).content.decode()
    assert "Theo Lin, MFT · Security agreement" in privacy


def test_revoking_hides_it_on_the_next_request(client_for, theo, alex, care, active_agreement):
    client_for(alex).post(reverse("change_sharing", args=[care.pk]), {})

    response = client_for(theo).get(reverse("agreements:for_therapist", args=[care.pk]))

    assert response.status_code == 404
    assert not AccessRecord.objects.exists()


def test_ending_the_work_together_hides_everything(client_for, theo, alex, care):
    client_for(alex).post(reverse("end_care", args=[care.pk]))

    assert client_for(theo).get(reverse("therapist_client", args=[care.pk])).status_code == 404


def test_notes_stay_with_the_therapist(client_for, theo, alex, care):
    client_for(theo).post(reverse("therapist_client", args=[care.pk]), {"text": "Explore pursuit."})

    assert TherapistNote.objects.get().text == "Explore pursuit."
    assert "Explore pursuit." not in client_for(alex).get(reverse("privacy")).content.decode()
    assert client_for(alex).get(reverse("therapist_client", args=[care.pk])).status_code == 404


@pytest.mark.parametrize("who", ["sam", "casey", "unverified"])
def test_nobody_else_reaches_a_clients_data(client_for, care, active_agreement, who, sam, casey):
    person = {"sam": sam, "casey": casey}.get(who) or make_person("uma")
    if who == "unverified":
        TherapistProfile.objects.create(person=person, professional_name="Uma", credentials="-")
        Care.objects.filter(pk=care.pk).update(therapist=person)
    client = client_for(person)

    for url in [
        reverse("therapist_client", args=[care.pk]),
        reverse("agreements:for_therapist", args=[care.pk]),
    ]:
        assert client.get(url).status_code == 404, url


def test_a_client_cannot_change_someone_elses_sharing(client_for, care, sam):
    response = client_for(sam).post(reverse("change_sharing", args=[care.pk]), {})

    assert response.status_code == 404
    assert care.shared_kinds() == {"agreement"}


def test_an_unverified_therapists_invitation_cannot_be_accepted(client_for, casey, alex):
    TherapistProfile.objects.create(person=casey, professional_name="Casey", credentials="-")
    care = Care.objects.create(therapist=casey, email=alex.email)

    response = client_for(alex).post(reverse("care_invitation", args=[care.token]), {})

    assert response.status_code == 409
    assert "This therapist is not verified" in response.content.decode()
    care.refresh_from_db()
    assert care.client is None


@pytest.mark.parametrize("who", ["alex", "casey"])
def test_opening_an_invitation_acts_on_nothing_until_the_client_accepts_it(
    client_for, theo, alex, casey, who
):
    """A mail scanner or a preview that follows the link, signed in or not, accepts nothing
    and tells the therapist nothing: the page asks, and only its POST acts."""
    care = Care.objects.create(therapist=theo, email=alex.email)
    person = {"alex": alex, "casey": casey}[who]

    page = client_for(person).get(reverse("care_invitation", args=[care.token]))

    assert page.status_code == 200
    assert 'method="post"' in page.text
    care.refresh_from_db()
    assert (care.client, care.accepted_at) == (None, None)
    assert not Notification.objects.filter(person=theo).exists()

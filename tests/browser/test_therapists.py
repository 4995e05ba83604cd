"""theo invites alex; alex chooses what to share; theo reads it; alex revokes; it is gone."""

import re

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from agreements.models import Agreement
from agreements.versions import accept_version, propose_version
from couplespace.models import TherapistProfile
from tests.agreements.conftest import SIGNAL
from tests.browser.conftest import log_in
from tests.conftest import make_person


def test_a_client_shares_with_a_therapist_and_revokes(new_page, alex, sam, couple):
    theo = make_person("theo")
    TherapistProfile.objects.create(
        person=theo,
        professional_name="Theo Lin, MFT",
        credentials="CA LMFT 1",
        verified_at=timezone.now(),
    )
    agreement = Agreement.for_couple(couple)
    propose_version(agreement=agreement, author=alex, base_number=0, clauses=[SIGNAL])
    accept_version(agreement=agreement, person=sam, number=1)

    therapist = new_page()
    log_in(therapist, theo)
    therapist.get_by_role("link", name="Clients").click()
    therapist.get_by_label("Client’s email").fill("alex@example.com")
    therapist.get_by_role("button", name="Send invitation").click()
    expect(therapist.get_by_text("invited, not accepted yet")).to_be_visible()

    link = re.search(r"https?://\S+/care/\S+/", mail.outbox[-1].body).group(0)
    client = new_page()
    log_in(client, alex)
    client.goto(re.sub(r"^https?://[^/]+", "", link))
    client.get_by_label("Security agreement").check()
    client.get_by_role("button", name="Accept").click()
    expect(client.get_by_role("heading", name="Theo Lin, MFT")).to_be_visible()

    therapist.reload()
    therapist.get_by_role("link", name="Alex").click()
    therapist.get_by_role("link", name="Security agreement").click()
    expect(therapist.get_by_text("lighthouse")).to_be_visible()

    client.reload()
    expect(client.get_by_text(re.compile("Theo Lin, MFT · Security agreement"))).to_be_visible()
    client.get_by_label("Security agreement").uncheck()
    client.get_by_role("button", name="Save what they see").click()

    assert therapist.reload().status == 404
    expect(therapist.get_by_text("lighthouse")).to_have_count(0)

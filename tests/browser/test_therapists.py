"""theo invites alex; alex chooses what to share; theo reads it and assigns a step; alex does it;
alex revokes, and theo can no longer read it."""

import re

from django.core import mail
from playwright.sync_api import expect

from agreements.models import Agreement
from agreements.versions import accept_version, propose_version
from couplespace.models import Care
from tests.agreements.conftest import SIGNAL
from tests.browser.conftest import log_in


def test_a_client_shares_with_a_therapist_does_a_step_and_revokes(
    new_page, alex, sam, couple, theo
):
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
    therapist.get_by_label("What to do").select_option(
        label="Write or review your security agreement"
    )
    therapist.get_by_label("Due by").fill("2030-01-15")
    therapist.get_by_role("button", name="Assign").click()
    expect(therapist.get_by_text("not done yet")).to_be_visible()

    client.get_by_role("link", name="Today", exact=True).click()
    expect(client.get_by_text("due Jan. 15, 2030, from Theo Lin, MFT")).to_be_visible()
    client.get_by_role("button", name="Mark as done").click()
    expect(client.get_by_text("Marked as done. Your therapist will see it.")).to_be_visible()
    therapist.reload()
    expect(therapist.locator(".assignments")).to_contain_text("done")
    expect(therapist.locator(".assignments")).not_to_contain_text("not done yet")

    therapist.get_by_role("link", name="Security agreement", exact=True).click()
    expect(therapist.get_by_text("lighthouse")).to_be_visible()

    client.get_by_role("link", name="Privacy").click()
    expect(
        client.get_by_text(re.compile("Theo Lin, MFT · Security agreement · its own page$"))
    ).to_be_visible()
    client.get_by_label("Security agreement").uncheck()
    client.get_by_role("button", name="Save what they see").click()

    assert therapist.reload().status == 404
    expect(therapist.get_by_text("lighthouse")).to_have_count(0)


def test_a_therapist_logs_in_to_their_clients(new_page, alex, theo):
    Care.objects.create(therapist=theo, email=alex.email).accept(alex, set())

    page = new_page()
    log_in(page, theo)

    expect(page.get_by_role("heading", name="Your clients", level=1)).to_be_visible()
    page.get_by_role("link", name="Alex").click()
    expect(page.get_by_role("heading", name="Alex")).to_be_visible()
    page.get_by_role("link", name="Today", exact=True).click()
    page.get_by_role("link", name="Go to your clients").click()
    expect(page.get_by_role("heading", name="Your clients", level=1)).to_be_visible()

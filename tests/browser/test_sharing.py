"""Sharing an entry in a real browser: alex shares an evening debrief, sam sees it on the
partner's page, alex stops sharing it, and sam no longer sees it."""

from datetime import timedelta

from playwright.sync_api import expect

from programs.models import Debrief
from tests.browser.conftest import log_in
from tests.conftest import make_couple, make_person
from tests.programs_helpers import enrol, load_program


def test_a_shared_debrief_is_seen_by_the_partner_until_it_is_private_again(
    new_page, transactional_db
):
    load_program()
    alex = make_person("alex", timezone="Europe/London")
    sam = make_person("sam", timezone="Europe/London")
    make_couple(alex, sam)
    enrol(alex, day=23, together=True)
    note = Debrief.objects.create(
        author=alex,
        local_date=alex.local_today() - timedelta(days=1),
        high="The long walk by the river.",
        low="",
    )
    switch = f"#share-programs-debrief-{note.pk}"

    sam_page = new_page()
    log_in(sam_page, sam)
    sam_page.goto("/program/partner/")
    expect(sam_page.get_by_text("Alex has not shared any practice-log lines")).to_be_visible()

    alex_page = new_page()
    log_in(alex_page, alex)
    alex_page.goto("/program/rituals/")
    expect(alex_page.locator(switch)).to_contain_text("Private")
    alex_page.get_by_role("button", name="Share with Sam").click()
    expect(alex_page.locator(switch)).to_contain_text("Shared with Sam")
    expect(alex_page.locator(":focus")).to_have_text("Stop sharing")

    sam_page.goto("/program/partner/")
    shared = sam_page.get_by_role("region", name="Evening debriefs")
    expect(shared).to_contain_text("The long walk by the river.")
    expect(sam_page.get_by_role("button", name="Stop sharing")).to_have_count(0)

    alex_page.get_by_role("button", name="Stop sharing").click()
    expect(alex_page.locator(switch)).to_contain_text("Private")
    note.refresh_from_db()
    assert not note.shared_with_partner

    sam_page.reload()
    expect(sam_page.get_by_text("The long walk by the river.")).to_have_count(0)
    expect(sam_page.get_by_text("Alex has not shared any practice-log lines")).to_be_visible()

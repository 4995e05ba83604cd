"""The installable app in Chromium: the worker registers, the manifest passes Chromium's
installability checks, no personal page is ever kept, and a check-in written offline is sent
once when the connection is back."""

import re

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import expect

from programs.models import Checkpoint
from tests.browser.conftest import log_in
from tests.browser.test_accessibility import check_both_sizes
from tests.conftest import make_person
from tests.programs_helpers import enrol, load_program

KEPT_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
  }
  return urls.sort();
}"""


def wait_for_worker(page):
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")


def test_the_worker_registers_and_chromium_finds_the_app_installable(
    browser_type, browser_type_launch_args, live_server, tmp_path, transactional_db
):
    # A profile on disk: Chromium never offers to install from an incognito one (new_context's).
    context = browser_type.launch_persistent_context(
        tmp_path, **browser_type_launch_args, base_url=live_server.url
    )
    phone = context.pages[0]
    phone.goto("/")
    wait_for_worker(phone)

    cdp = context.new_cdp_session(phone)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["errors"] == []
    assert cdp.send("Page.getInstallabilityErrors") == {"installabilityErrors": []}
    scope = phone.evaluate("async () => (await navigator.serviceWorker.ready).scope")
    assert re.fullmatch(r"http://localhost:\d+/", scope)
    context.close()


def test_no_personal_page_is_ever_kept_and_offline_pages_get_the_offline_page(
    phone, transactional_db
):
    load_program()
    alex = make_person("alex", timezone="Europe/London")
    enrol(alex, day=3)
    log_in(phone, alex)
    wait_for_worker(phone)
    for path in ["/space/", "/program/", "/program/check-in/", "/notifications/", "/privacy/"]:
        phone.goto(path)
    phone.reload()  # now under the worker's control

    kept = phone.evaluate(KEPT_URLS)
    assert "/offline/" in kept
    assert [url for url in kept if url != "/offline/" and not url.startswith("/static/")] == []

    phone.context.set_offline(True)
    phone.goto("/program/check-in/")
    expect(phone.get_by_role("heading", level=1, name="You are offline")).to_be_visible()
    expect(phone.get_by_role("heading", name="你已离线")).to_be_visible()
    expect(phone.get_by_role("link", name=re.compile("Quick exit"))).to_be_visible()
    expect(phone.locator("body")).not_to_contain_text("Alex")
    phone.context.set_offline(False)


def test_a_check_in_written_offline_is_kept_and_sent_once_back_online(phone, transactional_db):
    load_program()
    alex = make_person("alex", timezone="Europe/London")
    enrol(alex, day=3)
    log_in(phone, alex)
    phone.goto("/program/check-in/")

    phone.context.set_offline(True)
    phone.locator("div.scale label").filter(has_text=re.compile(r"^\s*6\s*$")).click()
    phone.get_by_label("What moved it up or down?").fill("Written on the train.")
    phone.locator("div.segmented label").filter(has_text="Move closer").click()
    phone.get_by_role("button", name="Save check-in").click()

    expect(
        phone.get_by_text("Saved on this device; it will be sent when you are back online.")
    ).to_be_visible()
    assert Checkpoint.objects.count() == 0

    phone.context.set_offline(False)
    expect(phone.get_by_role("status").filter(has_text="Saved. Thank you")).to_be_visible()
    phone.reload()
    expect(phone.get_by_role("heading", name="Check in")).to_be_visible()

    entry = Checkpoint.objects.get()
    assert (entry.temperature, entry.affected, entry.author) == (6, "Written on the train.", alex)
    assert phone.evaluate("Object.keys(localStorage)") == []


def test_a_check_in_whose_answer_was_lost_is_sent_again_and_saved_once(
    browser, live_server, transactional_db
):
    load_program()
    alex = make_person("alex", timezone="Europe/London")
    enrol(alex, day=3)
    # Without the worker, so that the test can stand between the page and the server.
    context = browser.new_context(base_url=live_server.url, service_workers="block")
    page = context.new_page()
    log_in(page, alex)
    page.goto("/program/check-in/")

    def reach_the_server_then_lose_the_answer(route):
        route.fetch()
        route.abort("connectionreset")

    page.route("**/program/check-in/", reach_the_server_then_lose_the_answer)
    page.locator("div.scale label").filter(has_text=re.compile(r"^\s*3\s*$")).click()
    page.locator("div.segmented label").filter(has_text="Pull back").click()
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text("Saved on this device; it will be sent when")).to_be_visible()
    first = Checkpoint.objects.get()

    page.unroute("**/program/check-in/")
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.get_by_role("status").filter(has_text="Saved. Thank you")).to_be_visible()

    again = Checkpoint.objects.get()
    assert (again.pk, again.temperature, again.updated_at) == (first.pk, 3, first.updated_at)
    context.close()


FAKE_PUSH = """
Notification.requestPermission = () => Promise.resolve("granted");
PushManager.prototype.subscribe = function () {
  return Promise.resolve({toJSON: () => ({
    endpoint: "https://fcm.googleapis.com/fcm/send/browser-test",
    keys: {p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u", auth: "tBHItJI5"}
  })});
};
"""


def test_a_person_turns_push_on_for_this_device_and_removes_it(phone, transactional_db):
    """Headless Chromium has no push service: the browser's side is stood in for."""
    alex = make_person("alex")
    phone.add_init_script(FAKE_PUSH)
    log_in(phone, alex)
    phone.goto("/account/reminders/")
    expect(phone.get_by_text("No device shows your reminders yet.")).to_be_visible()

    phone.get_by_role("button", name="Show reminders on this device").click()

    expect(phone.get_by_text("This device will show your reminders.")).to_be_visible()
    expect(phone.locator("#devices li")).to_contain_text("Chrome on Linux")
    phone.get_by_role("button", name="Remove Chrome on Linux").click()
    expect(
        phone.get_by_text("Chrome on Linux will not show your reminders any more.")
    ).to_be_visible()
    expect(phone.get_by_text("No device shows your reminders yet.")).to_be_visible()


def test_the_offline_page_has_no_serious_accessibility_problem(phone, transactional_db):
    phone.context.add_init_script(AXE_SCRIPT)
    phone.goto("/offline/")

    assert check_both_sizes(phone, "en and zh-hans") == []

"""Browser tests: real headless Chromium (Debian's /usr/bin/chromium) against a live server."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            raise pytest.UsageError("CI needs /usr/bin/chromium for the browser tests.")
        skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.fixture
def phone(browser, live_server):
    """A phone-sized page on the live server; `phone.goto("/path/")` works with paths."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="en-GB"
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open as many independent browser sessions as a test needs (one per person)."""
    contexts = []

    def open_page(locale="en-GB"):
        context = browser.new_context(base_url=live_server.url, locale=locale)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def log_in(page, person, password=None):
    page.goto("/account/login/")
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password").fill(password or f"{person.email.split('@')[0]}-pass")
    page.get_by_role("button", name="Sign In").click()

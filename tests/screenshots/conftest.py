# Debian's Chromium, launched as the browser tests launch it.
from tests.browser.conftest import browser_type_launch_args  # noqa: F401

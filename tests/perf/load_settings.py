"""The load bench's server: production settings, with a hello-world page beside the app's."""

from couplespace.settings import *  # noqa: F403

ROOT_URLCONF = "tests.perf.load_urls"

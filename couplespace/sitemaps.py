"""sitemap.xml: the public pages, with absolute URLs on the public address (SITE_URL)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from couplespace import guides
from couplespace.context_processors import TAKE_THE_TEST_URL


class PublicSitemap(Sitemap):
    """Links on SITE_URL, whichever host name or proxy the request for the sitemap came through."""

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme


class PagesSitemap(PublicSitemap):
    def items(self):
        return [reverse("landing"), TAKE_THE_TEST_URL, reverse("guides"), reverse("help")]

    def location(self, item):
        return item


class GuidesSitemap(PublicSitemap):
    def items(self):
        return list(guides.published().values())

    def location(self, item):
        return reverse("guide", args=[item.slug])

    def lastmod(self, item):
        return item.updated


SITEMAPS = {"pages": PagesSitemap, "guides": GuidesSitemap}

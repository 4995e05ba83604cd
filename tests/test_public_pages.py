"""The landing page, and what makes public pages fast and look right when shared or crawled."""

import itertools
import json
import re
import xml.etree.ElementTree as ET

import pytest

from couplespace import guides
from couplespace.guides import load_directory

GUIDE_URL = "/guides/security-and-sexuality/"
PUBLIC_PAGES = ["/", "/guides/", GUIDE_URL, "/help/"]


def meta(page, attribute, name):
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', page)
    return found.group(1) if found else None


def test_the_landing_page_offers_two_ways_in(client, db):
    page = client.get("/").content.decode()

    assert '<a class="button primary" href="/test/">Take the test</a>' in page
    assert '<a class="button" href="/account/signup/">Sign up together</a>' in page


def test_the_landing_page_says_who_it_is_for_and_what_it_cannot_do(client, db):
    page = client.get("/").content.decode()

    headings = re.findall(r"<h3>([^<]+)</h3>", page)
    assert headings == ["Couples", "Individuals", "Therapists", "It can", "It cannot"]
    assert "replace a therapist, or diagnose anything" in page
    assert 'Visit <a href="/help/">Get help</a>' in page


def test_the_landing_page_links_the_guide_and_its_five_steps(client, db):
    page = client.get("/").content.decode()

    assert f'<a class="button" href="{GUIDE_URL}">Read the guide</a>' in page
    assert f'<a href="{GUIDE_URL}#steps">Jump to the five steps</a>' in page


def test_a_signed_in_person_goes_to_their_space_instead_of_signing_up(client_for, alex):
    page = client_for(alex).get("/").content.decode()

    assert '<a class="button" href="/space/">Go to my space</a>' in page
    assert "Sign up together" not in page
    assert 'href="/test/"' in page


def test_the_landing_page_in_chinese(client, db):
    page = client.get("/", headers={"accept-language": "zh-hans"}).content.decode()

    assert '<a class="button primary" href="/test/">去做测试</a>' in page
    assert '<a class="button" href="/account/signup/">一起注册</a>' in page
    assert '<h2 id="honest-title">自助能做什么，不能做什么</h2>' in page


def test_headings_on_public_pages_never_skip_a_level(client, db):
    for url in PUBLIC_PAGES:
        levels = [
            int(level) for level in re.findall(r"<h([1-6])", client.get(url).content.decode())
        ]
        assert levels[0] == 1, url
        assert all(after - before <= 1 for before, after in itertools.pairwise(levels)), url


@pytest.mark.parametrize(
    ("url", "title", "og_type"),
    [
        ("/", "CoupleSpace: guided self-help for couples", "website"),
        (GUIDE_URL, "Security and sexuality: feeling safe with each other", "article"),
        ("/guides/", "Guides", "website"),
        ("/help/", "Get help", "website"),
    ],
)
def test_public_pages_carry_open_graph_tags(client, db, url, title, og_type):
    page = client.get(url).content.decode()

    assert meta(page, "property", "og:title") == title
    assert meta(page, "property", "og:type") == og_type
    assert meta(page, "property", "og:url") == f"http://testserver{url}"
    assert meta(page, "property", "og:description") == meta(page, "name", "description")
    assert f'<link rel="canonical" href="http://testserver{url}">' in page


def test_the_guide_page_has_its_own_title_and_description(client, db):
    page = client.get(GUIDE_URL).content.decode()

    assert (
        "<title>Security and sexuality: feeling safe with each other · CoupleSpace</title>" in page
    )
    assert meta(page, "name", "description").startswith("Why sex is where many couples")


def test_shared_links_in_chinese_say_so(client, db):
    page = client.get(GUIDE_URL, headers={"accept-language": "zh-hans"}).content.decode()

    assert meta(page, "property", "og:locale") == "zh_CN"
    assert meta(page, "property", "og:title") == "安全感与性：在亲密中彼此安心"


def test_the_sitemap_lists_the_public_pages(client, db):
    response = client.get("/sitemap.xml")

    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring(response.content)
    locations = [node.text for node in root.findall("s:url/s:loc", namespace)]
    assert locations == [
        "http://testserver/",
        "http://testserver/test/",
        "http://testserver/guides/",
        "http://testserver/help/",
        f"http://testserver{GUIDE_URL}",
        "http://testserver/guides/self-and-connection/",
        "http://testserver/guides/talking-about-sex/",
    ]
    assert root.find("s:url[5]/s:lastmod", namespace).text == "2026-11-23"


def test_robots_txt_keeps_private_pages_out_and_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "User-agent: *\n"
        "Disallow: /space/\n"
        "Disallow: /account/\n"
        "Disallow: /admin/\n"
        "Disallow: /invite/\n"
        "Disallow: /notifications/\n"
        "Disallow: /program/\n"
        "Disallow: /agreements/\n"
        "\n"
        "Sitemap: http://testserver/sitemap.xml\n"
    )


@pytest.mark.parametrize("url", [*PUBLIC_PAGES, "/sitemap.xml", "/robots.txt"])
def test_a_visitor_costs_no_query(client, db, django_assert_num_queries, url):
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", [url for url in PUBLIC_PAGES if url != GUIDE_URL])
def test_a_signed_in_person_costs_the_same_queries_on_every_public_page(
    client_for, alex, django_assert_num_queries, url
):
    client = client_for(alex)
    client.get(url)

    with django_assert_num_queries(2):
        client.get(url)


def test_a_guide_asks_once_more_whether_the_reader_has_a_partner(
    client_for, alex, django_assert_num_queries
):
    client = client_for(alex)
    client.get(GUIDE_URL)

    with django_assert_num_queries(3):
        client.get(GUIDE_URL)


def test_a_guide_costs_someone_in_a_couple_their_partner_and_what_they_sent_today(
    client_for, alex, couple, django_assert_num_queries
):
    client = client_for(alex)
    client.get(GUIDE_URL)

    with django_assert_num_queries(4):  # the couple's memberships with people: one query
        client.get(GUIDE_URL)


@pytest.fixture
def a_long_guide(tmp_path, monkeypatch):
    """The published guide with its sections repeated 20 times (anchors renamed to stay unique)."""
    data = json.loads((guides.GUIDES_DIR / "security-and-sexuality.json").read_text())
    sections = data["sections"]
    data["sections"] = [
        {
            **section,
            "anchor": f"{section['anchor']}-{copy}",
            "subsections": [
                {**sub, "anchor": f"{sub['anchor']}-{copy}"}
                for sub in section.get("subsections", [])
            ],
        }
        for copy in range(20)
        for section in sections
    ]
    data["stable_anchors"] = {}
    (tmp_path / "security-and-sexuality.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(guides, "published", lambda: load_directory(tmp_path))
    return data


def test_a_longer_guide_costs_no_more_queries(
    client_for, alex, a_long_guide, django_assert_num_queries
):
    client = client_for(alex)
    client.get("/help/")

    with django_assert_num_queries(3):
        page = client.get(GUIDE_URL).content.decode()
    assert page.count('class="anchor-link"') == 20 * 38

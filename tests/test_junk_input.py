"""Every form, query string and path parameter refuses junk, never with a server error
(property-based).

For each page with a form, the field names come from the page itself; hypothesis then posts
generated values: oversize text, odd unicode, numbers out of range, foreign ids, missing fields.
The pages that read their query string get junk there, and every route of ours with a path
parameter (found from the URL configuration) gets junk in it: NUL bytes, digits that are not
ASCII, numbers past any database's integers.
"""

import re
from urllib.parse import quote, urlencode

import pytest
from django.urls import URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agreements.dialogue import start_dialogue
from couplespace.models import Care

FIELD = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')
SKIP = {"csrfmiddlewaretoken", "next", "language"}

junk = st.one_of(
    st.text(max_size=40),
    st.text(min_size=2000, max_size=6000, alphabet="ab 你好\n<>'\"&"),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.sampled_from(["", "0", "-1", "99999999", "1e9", "NaN", "2026-02-30", "25:99", "null"]),
    st.lists(st.text(max_size=5), max_size=3),
)


def form_pages(world) -> list[str]:
    return [
        reverse("workspace"),
        reverse("preferences"),
        reverse("safety"),
        reverse("notification_preferences"),
        reverse("programs:checkpoint"),
        reverse("programs:times"),
        reverse("programs:practice"),
        reverse("programs:weekly"),
        reverse("programs:outcome"),
        reverse("programs:rituals"),
        reverse("agreements:edit", args=[world["agreement"].pk]),
        reverse("agreements:detail", args=[world["agreement"].pk]),
        reverse(
            "agreements:dialogue", args=[start_dialogue(world["agreement"].parties.first()).pk]
        ),
        reverse("therapist_apply"),
        reverse("delete_account"),
    ]


def posts(html: str) -> list[tuple[str, list[str]]]:
    """Each form on the page: where it posts, and its field names."""
    forms = re.findall(r'<form[^>]*method="post"[^>]*>(.*?)</form>', html, re.S | re.I)
    actions = re.findall(r'<form([^>]*)method="post"([^>]*)>', html, re.I)
    found = []
    for body, (before, after) in zip(forms, actions, strict=True):
        action = re.search(r'action="([^"]*)"', before + after)
        names = [name for name in FIELD.findall(body) if name not in SKIP]
        found.append((action.group(1) if action else "", names))
    return found


@pytest.fixture
def targets(client, couple_in_the_program, alex):
    client.force_login(alex)
    found: dict[str, tuple[str, list[str]]] = {}
    for page in form_pages(couple_in_the_program):
        html = client.get(page).content.decode()
        for action, names in posts(html):
            url = action or page
            shape = re.sub(r"\d+", "N", url)  # one form of each kind, not 21 share buttons
            if names and "/delete/" not in url and shape not in found:
                found[shape] = (url, sorted(set(names)))
    return list(found.values())


def junk_examples(count: int) -> settings:
    """Hypothesis's settings for a junk test: `count` examples, no deadline (a page can be slow
    on a busy machine), and the function's fixtures shared by all its examples."""
    return settings(
        max_examples=count,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


@junk_examples(150)
@given(data=st.data())
def test_no_form_answers_junk_with_a_server_error(client, targets, data):
    url, names = data.draw(st.sampled_from(targets))
    fields = data.draw(st.lists(st.sampled_from(names), unique=True))
    payload = {name: data.draw(junk) for name in fields}

    response = client.post(url, payload)

    assert response.status_code < 500, (url, payload)


query_junk = st.one_of(
    st.sampled_from(["²", "٣", "１", "99999999999999999999999", "-0", " 1", "1\x00", "\x00"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(max_size=40),
)
QUERY_NAMES = ["week", "moment", "page", "log", "next", "step", "as"]


def get_pages(world, care) -> list[str]:
    """The pages that read their query string, as alex and as theo (alex's therapist)."""
    return [
        reverse("programs:checkpoint"),
        reverse("programs:partner"),
        reverse("programs:path"),
        reverse("programs:weekly"),
        reverse("assessments:history"),
        reverse("notifications"),
        reverse("workspace"),
        reverse("privacy"),
        reverse("agreements:detail", args=[world["agreement"].pk]),
        reverse("programs:summaries_for_therapist", args=[care.pk]),
        reverse("programs:entries_for_therapist", args=[care.pk]),
        reverse("therapist_client", args=[care.pk]),
    ]


@pytest.fixture
def care(theo, alex):
    care = Care.objects.create(therapist=theo, email=alex.email)
    care.accept(alex, {"checkpoint_summaries", "checkpoint_entries"})
    return care


@junk_examples(150)
@given(data=st.data())
def test_no_page_answers_a_junk_query_string_with_a_server_error(
    client, couple_in_the_program, care, alex, theo, data
):
    client.force_login(data.draw(st.sampled_from([alex, theo])))
    page = data.draw(st.sampled_from(get_pages(couple_in_the_program, care)))
    names = data.draw(st.lists(st.sampled_from(QUERY_NAMES), min_size=1, unique=True))
    query = urlencode({name: data.draw(query_junk) for name in names})

    response = client.get(f"{page}?{query}")

    assert response.status_code < 500, (page, query)


PARAMETER = re.compile(r"<(?:(\w+):)?\w+>")
OURS = ("couplespace.", "programs.", "assessments.", "agreements.")


def routes_with_parameters() -> list[tuple[str, list[str]]]:
    """Every route of ours that takes a path parameter: its pattern cut at the parameters, and
    each parameter's converter."""
    found = []

    def walk(patterns, prefix):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route)
            elif entry.callback.__module__.startswith(OURS) and PARAMETER.search(route):
                converters = [kind or "str" for kind in PARAMETER.findall(route)]
                found.append((PARAMETER.split(route)[::2], converters))

    walk(get_resolver().url_patterns, "/")
    return found


def path_junk(converter: str):
    if converter == "int":
        return st.one_of(
            st.integers(min_value=0, max_value=10**30), st.sampled_from([0, 2**63, 2**31])
        ).map(str)
    if converter == "uuid":
        return st.uuids().map(str)
    return st.one_of(
        st.text(min_size=1, max_size=80),
        st.sampled_from(["\x00", "a\x00b", "..", "%", "x" * 5000, "²", "😀"]),
    ).map(lambda text: quote(text, safe=""))


@junk_examples(200)
@given(data=st.data())
def test_no_route_answers_a_junk_path_parameter_with_a_server_error(
    client, couple_in_the_program, care, alex, theo, data
):
    client.force_login(data.draw(st.sampled_from([alex, theo])))
    pieces, converters = data.draw(st.sampled_from(routes_with_parameters()))
    values = [data.draw(path_junk(converter)) for converter in converters]
    url = "".join(piece + value for piece, value in zip(pieces, [*values, ""], strict=True))
    method = data.draw(st.sampled_from(["get", "post"]))

    response = getattr(client, method)(url)

    assert response.status_code < 500, (method, url)


@pytest.mark.parametrize("week", ["²", "٣", "99999999999999999999999", "0", "-1", "1\x00"])
def test_a_week_that_is_no_number_shows_the_latest_week(
    client, couple_in_the_program, care, alex, sam, theo, week
):
    pages = {
        alex: ["programs:checkpoint"],
        sam: ["programs:partner"],
        theo: ["programs:summaries_for_therapist", "programs:entries_for_therapist"],
    }
    for person, names in pages.items():
        client.force_login(person)
        for name in names:
            page = reverse(name, args=[care.pk] if person == theo else [])
            latest = client.get(page).context["week"]
            response = client.get(page, {"week": week})
            assert (response.status_code, response.context["week"]) == (200, latest), page


@pytest.mark.parametrize(
    "path",
    ["/invite/%00/", "/care/%00/", "/test/shared/%00/", "/program/calendar/%00.ics"],
)
def test_a_nul_byte_in_a_link_is_not_found(client, alex, path):
    client.force_login(alex)

    assert client.get(path).status_code == 404

"""Guides are data: a validated JSON file per topic, read once, shown in the visitor's language."""

import copy
import json
import re

import pytest
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from couplespace import guides
from couplespace.guides import (
    GuideError,
    check_guides,
    load_directory,
    load_guide,
    reading_minutes,
    section_url,
)
from tests.conftest import make_couple

SLUG = "security-and-sexuality"
GUIDE_URL = f"/guides/{SLUG}/"


def minimal_guide(slug="broken", **changes):
    """The smallest valid guide file's content; `changes` replace its top-level keys."""
    data = {
        "slug": slug,
        "updated": "2026-11-23",
        "title": {"en": "A title", "zh-hans": "标题"},
        "description": {"en": "A description.", "zh-hans": "简介。"},
        "summary": {"en": "A summary.", "zh-hans": "摘要。"},
        "intro": [],
        "stable_anchors": {"step-1": "The program links here."},
        "sections": [
            {
                "anchor": "step-1",
                "title": {"en": "Step one", "zh-hans": "第一步"},
                "body": [{"en": "Notice.", "zh-hans": "觉察。"}],
                "sentences": [{"en": "I'm here.", "zh-hans": "我在这儿。"}],
            }
        ],
    }
    data.update(changes)
    return data


def write(directory, data, name="broken"):
    path = directory / f"{name}.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def with_first_section(slug="broken", **changes):
    data = minimal_guide(slug)
    data["sections"][0].update(changes)
    return data


def problem_of(path):
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    return str(raised.value)


def test_it_publishes_the_security_and_sexuality_guide_in_both_languages():
    guide = guides.find(SLUG)

    with translation.override("en"):
        assert str(guide.title) == "Security and sexuality: feeling safe with each other"
    with translation.override("zh-hans"):
        assert str(guide.title) == "安全感与性：在亲密中彼此安心"


def test_it_gives_the_five_steps_the_stable_anchors_the_program_links_to():
    guide = guides.find(SLUG)

    steps = [f"step-{number}" for number in range(1, 6)]
    assert [anchor for anchor in guide.anchors if anchor.startswith("step-")] == steps
    assert set(steps) <= set(guide.stable_anchors)


def test_it_covers_everything_the_issue_asks_for():
    anchors = guides.find(SLUG).anchors

    for anchor in [
        "attachment",
        "emotional-bank-account",
        "three-questions",
        "signal-recognition",
        "vulnerability-both-sides",
        "co-regulation",
        "repair",
        "occasional-or-chronic",
        "behaviour-or-response",
        "principles",
        "stories",
        "bowlby",
        "johnson",
        "porges",
        "neff",
        "questions",
    ]:
        assert anchor in anchors


def test_it_publishes_three_guides_the_third_on_the_four_levels_of_talking_about_sex():
    assert list(guides.published()) == [SLUG, "self-and-connection", "talking-about-sex"]
    guide = guides.find("talking-about-sex")

    assert 4 <= len(guide.sections) <= 6
    assert "where-attachment-shows" in guide.anchors
    levels = next(section for section in guide.sections if section.anchor == "four-levels")
    with translation.override("en"):
        assert [str(point.term) for point in levels.points] == [
            "1. Facts",
            "2. Preferences",
            "3. Emotions",
            "4. Meaning",
        ]
    with translation.override("zh-hans"):
        assert str(guide.title) == "谈论性：从事实到意义"


def test_every_shipped_guide_passes_the_system_check():
    assert check_guides() == []


def test_a_new_topic_is_a_new_file(tmp_path):
    write(tmp_path, minimal_guide("first-topic"), "first-topic")
    write(tmp_path, minimal_guide("second-topic"), "second-topic")

    assert list(load_directory(tmp_path)) == ["first-topic", "second-topic"]


def test_it_numbers_each_try_this_sentence_for_its_copy_button(tmp_path):
    guide = load_guide(write(tmp_path, minimal_guide()))

    assert [sentence.id for sentence in guide.sections[0].sentences] == ["say-step-1-1"]


def test_it_refuses_a_file_that_is_not_json(tmp_path):
    path = write(tmp_path, '{"slug": "broken",, }')

    assert problem_of(path) == (
        "broken.json: is not valid JSON "
        "(Expecting property name enclosed in double quotes: line 1 column 19 (char 18))"
    )


def test_it_refuses_a_text_without_chinese(tmp_path):
    path = write(tmp_path, with_first_section(title={"en": "Step one"}))

    assert problem_of(path) == "broken.json: sections[0].title has no 'zh-hans' text"


def test_it_refuses_an_empty_text(tmp_path):
    data = minimal_guide(description={"en": "A description.", "zh-hans": "  "})

    assert (
        problem_of(write(tmp_path, data)) == "broken.json: description has an empty 'zh-hans' text"
    )


def test_it_refuses_a_language_the_site_does_not_offer(tmp_path):
    data = minimal_guide(title={"en": "A title", "zh-hans": "标题", "fr": "Un titre"})

    assert problem_of(write(tmp_path, data)) == "broken.json: title has an unknown language 'fr'"


def test_it_refuses_a_duplicate_anchor(tmp_path):
    data = minimal_guide()
    data["sections"].append(copy.deepcopy(data["sections"][0]))

    assert problem_of(write(tmp_path, data)) == (
        "broken.json: the anchor 'step-1' is used twice: sections[0] and sections[1]"
    )


def test_it_refuses_a_duplicate_anchor_in_a_subsection(tmp_path):
    subsection = {"anchor": "step-1", "title": {"en": "Again", "zh-hans": "又一次"}, "body": []}
    data = with_first_section(subsections=[subsection])

    assert problem_of(write(tmp_path, data)) == (
        "broken.json: the anchor 'step-1' is used twice: sections[0] and sections[0].subsections[0]"
    )


def test_it_refuses_an_unknown_key(tmp_path):
    path = write(tmp_path, with_first_section(bdy=[]))

    assert problem_of(path) == "broken.json: sections[0] has an unknown key 'bdy'"


def test_it_refuses_an_unknown_key_at_the_top(tmp_path):
    path = write(tmp_path, minimal_guide(author="someone"))

    assert problem_of(path) == "broken.json: the file has an unknown key 'author'"


def test_it_refuses_a_missing_key(tmp_path):
    data = minimal_guide()
    del data["description"]

    assert problem_of(write(tmp_path, data)) == "broken.json: the file is missing 'description'"


def test_it_refuses_a_slug_that_differs_from_the_file_name(tmp_path):
    path = write(tmp_path, minimal_guide("another-name"))

    assert problem_of(path) == (
        "broken.json: slug 'another-name' does not match the file name 'broken'"
    )


def test_it_refuses_a_stable_anchor_that_no_section_has(tmp_path):
    data = minimal_guide(stable_anchors={"step-6": "The program links here."})

    assert problem_of(write(tmp_path, data)) == (
        "broken.json: stable_anchors names 'step-6', which no section has"
    )


@pytest.mark.parametrize(
    ("anchor", "problem"),
    [
        ("Step 1", "sections[0].anchor must be lowercase words joined by dashes, not 'Step 1'"),
        ("contents", "sections[0].anchor 'contents' is reserved for the page itself"),
        ("say-hello", "sections[0].anchor 'say-hello' is reserved for the page itself"),
        ("send-step-1", "sections[0].anchor 'send-step-1' is reserved for the page itself"),
    ],
)
def test_it_refuses_an_anchor_a_link_could_not_reach(tmp_path, anchor, problem):
    data = with_first_section(anchor=anchor)
    data["stable_anchors"] = {}

    assert problem_of(write(tmp_path, data)) == f"broken.json: {problem}"


def test_it_refuses_a_date_it_cannot_read(tmp_path):
    path = write(tmp_path, minimal_guide(updated="23/11/2026"))

    assert problem_of(path) == (
        "broken.json: updated must be a date like 2026-11-23, not '23/11/2026'"
    )


def test_it_refuses_a_section_with_nothing_in_it(tmp_path):
    data = with_first_section(body=[], sentences=[])

    assert problem_of(write(tmp_path, data)) == (
        "broken.json: sections[0] has no body, points, sentences or subsections"
    )


def test_the_system_check_names_every_bad_file(tmp_path):
    write(tmp_path, minimal_guide("fine"), "fine")
    write(tmp_path, "not json at all", "garbled")
    write(tmp_path, with_first_section("untranslated", title={"en": "Step one"}), "untranslated")

    problems = [str(error) for error in check_guides(directory=tmp_path)]

    assert problems == [
        f"{tmp_path}/garbled.json: (couplespace.E001) is not valid JSON "
        "(Expecting value: line 1 column 1 (char 0))",
        f"{tmp_path}/untranslated.json: (couplespace.E001) sections[0].title has no 'zh-hans' text",
    ]


def test_manage_py_check_fails_on_a_bad_guide(tmp_path, monkeypatch):
    write(tmp_path, with_first_section(bdy=[]))
    monkeypatch.setattr(guides, "GUIDES_DIR", tmp_path)

    with pytest.raises(
        SystemCheckError,
        match=r"broken\.json: \(couplespace\.E001\) sections\[0\] has an unknown key",
    ):
        call_command("check")


def test_it_links_to_a_section_and_refuses_one_that_does_not_exist():
    assert section_url(SLUG, "step-2") == f"{GUIDE_URL}#step-2"
    assert section_url(SLUG) == GUIDE_URL
    with pytest.raises(LookupError, match="has no section 'step-9'"):
        section_url(SLUG, "step-9")
    with pytest.raises(LookupError, match="There is no guide 'unknown'"):
        section_url("unknown")


def test_the_program_links_a_step_with_the_guide_url_tag():
    template = Template('{% load guides %}{% guide_url "security-and-sexuality" "step-3" %}')

    assert template.render(Context()) == f"{GUIDE_URL}#step-3"


def test_the_guide_page_has_every_section_with_its_own_anchor_link(client, db):
    page = client.get(GUIDE_URL).content.decode()

    for anchor in guides.find(SLUG).anchors:
        assert f'id="{anchor}"' in page
        assert f'class="anchor-link" href="#{anchor}"' in page


def test_every_try_this_sentence_has_a_copy_button_pointing_at_it(client, db):
    page = client.get(GUIDE_URL).content.decode()

    targets = re.findall(r'data-copy="#([^"]+)"', page)
    assert len(targets) == 18
    for target in targets:
        assert f'<p id="{target}">' in page


def test_a_visitor_reads_the_guide_in_chinese(client, db):
    page = client.get(GUIDE_URL, headers={"accept-language": "zh-CN"}).content.decode()

    assert '<html lang="zh-hans">' in page
    assert "<h1>安全感与性：在亲密中彼此安心</h1>" in page
    assert '<h3 id="step-1">第一步 · 觉察（第 1–7 天）</h3>' in page
    assert "<figcaption>试着这样说</figcaption>" in page
    assert "Step 1" not in page


def test_the_guide_invites_the_reader_to_take_the_test(client, db):
    page = client.get(GUIDE_URL).content.decode()

    assert '<a class="button primary" href="/test/">Take the test</a>' in page
    assert 'href="/help/"' in page


def test_an_unknown_guide_is_not_found(client, db):
    assert client.get("/guides/no-such-topic/").status_code == 404


def test_the_guide_list_links_every_guide(client, db):
    page = client.get(reverse("guides")).content.decode()

    assert f'<a href="{GUIDE_URL}">Security and sexuality: feeling safe with each other</a>' in page


def test_the_guide_text_is_cached_once_per_language_without_any_token(client_for, alex, sam):
    guide = guides.find(SLUG)

    def key(part, language, anchor=None):
        names = [SLUG, guide.fingerprint, *([anchor] if anchor else []), language]
        return make_template_fragment_key(f"guide_{part}", names)

    cache = caches["fragments"]
    make_couple(alex, sam)
    client = client_for(alex)
    client.get(GUIDE_URL)
    assert (cache.get(key("head", "en")) is None, cache.get(key("head", "zh-hans")) is None) == (
        False,
        True,
    )
    alex.language = "zh-hans"
    alex.save()
    client.get(GUIDE_URL)
    assert "安全感与性" in cache.get(key("head", "zh-hans"))
    for anchor in (section.anchor for section in guide.sections):
        assert f'id="{anchor}"' in cache.get(key("section", "en", anchor))
        assert "csrfmiddlewaretoken" not in cache.get(key("section", "en", anchor))
        assert "Send to" not in cache.get(key("section", "en", anchor))


def test_english_reads_at_200_words_a_minute_rounded_up():
    assert reading_minutes("word " * 200, "en") == 1
    assert reading_minutes("word " * 201, "en") == 2
    assert reading_minutes("I'd say it's “one” word each.", "en") == 1
    assert reading_minutes("", "en") == 1


def test_chinese_reads_at_300_characters_a_minute_not_counting_punctuation():
    assert reading_minutes("安" * 300, "zh-hans") == 1
    assert reading_minutes("安" * 301, "zh-hans") == 2
    assert reading_minutes("，。？！“”" * 400 + "安" * 10, "zh-hans") == 1
    assert reading_minutes("安" * 299 + " CoupleSpace 28", "zh-hans") == 2


def test_each_guide_knows_its_reading_time_in_each_language():
    guide = guides.find("self-and-connection")

    assert guide.minutes == {"en": 3, "zh-hans": 3}
    assert guides.find(SLUG).minutes == {"en": 19, "zh-hans": 20}
    with translation.override("zh-hans"):
        assert guide.reading_minutes == 3


def test_the_library_shows_each_guide_with_its_summary_reading_time_and_sections(client, db):
    page = client.get(reverse("guides")).content.decode()

    assert page.count('class="card guide-card"') == 3
    assert "Four levels of talking about sex, and why closeness and fear show up" in page
    assert "About 5 minutes to read" in page
    assert "About 19 minutes to read" in page
    for anchor in guides.find("talking-about-sex").anchors:
        assert f'href="/guides/talking-about-sex/#{anchor}"' in page


def test_the_library_reads_in_chinese(client, db):
    page = client.get(reverse("guides"), headers={"accept-language": "zh-CN"}).content.decode()

    assert "谈论性：从事实到意义" in page
    assert "阅读约 5 分钟" in page
    assert "本指南包括" in page


def test_the_guide_page_says_how_long_it_takes_to_read(client, db):
    page = client.get("/guides/talking-about-sex/").content.decode()

    assert "About 5 minutes to read" in page

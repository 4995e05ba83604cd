"""The instrument is data, checked when loaded: a broken file names itself and its problem."""

import json
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.utils import translation

from assessments.instrument import (
    INSTRUMENT_FILE,
    InstrumentError,
    instrument,
    load_instrument,
)
from assessments.models import Result
from tests.assessments.conftest import answers_for


@pytest.fixture
def raw():
    return json.loads(INSTRUMENT_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def write(tmp_path):
    def write_file(data) -> str:
        path = tmp_path / "broken.json"
        path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
        return path

    return write_file


def test_the_shipped_instrument_has_enough_items_per_dimension_some_reversed():
    loaded = instrument()

    for dimension in ("anxiety", "avoidance"):
        items = [item for item in loaded.items if item.dimension == dimension]
        assert len(items) == 9
        assert sum(item.reverse for item in items) == 3
    assert [question.key for question in loaded.questions] == ["stress_response", "sexual_level"]


def test_every_text_exists_in_english_and_simplified_chinese():
    for item in instrument().items:
        assert item.text.by_language["en"]
        assert re.search(r"[\u4e00-\u9fff]", item.text.by_language["zh-hans"])


def test_the_text_follows_the_active_language():
    item = instrument().item("anx-rarely-leave")

    with translation.override("zh-hans"):
        assert str(item.text) == "我很少担心伴侣会离开我。"
    with translation.override("en"):
        assert str(item.text) == "I rarely worry that my partner will leave me."


def test_known_answers_on_the_real_items_give_exact_scores():
    answers = answers_for(anxiety=6, avoidance=2)
    answers["anx-care-less"] = 1  # anxiety: 8 items at 6, one at 1 -> 49 / 9
    answers["avo-easy-depend"] = 1  # reverse: 8 - 1 = 7; avoidance 8 x 2 + 7 -> 23 / 9

    result = Result.score(instrument=instrument(), answers=answers)

    assert (result.anxiety, result.avoidance, result.style) == (
        Decimal("5.44"),
        Decimal("2.56"),
        "anxious",
    )


def test_all_fours_are_exactly_at_the_midpoint_and_count_as_secure():
    result = Result.score(instrument=instrument(), answers=answers_for(anxiety=4, avoidance=4))

    assert (result.anxiety, result.avoidance, result.style) == (
        Decimal("4.00"),
        Decimal("4.00"),
        "secure",
    )


def test_one_step_above_the_midpoint_tips_the_style():
    answers = answers_for(anxiety=4, avoidance=4)
    answers["anx-slow-reply"] = 5  # anxiety 37 / 9, just above 4

    result = Result.score(instrument=instrument(), answers=answers)

    assert (result.anxiety, result.style) == (Decimal("4.11"), "anxious")


def test_a_missing_file_is_named(tmp_path):
    path = tmp_path / "nowhere.json"

    with pytest.raises(InstrumentError, match=f"^{re.escape(str(path))}: the file does not exist"):
        load_instrument(path)


def test_broken_json_is_named(write):
    path = write("{ not json")

    with pytest.raises(InstrumentError, match=f"^{re.escape(str(path))}: not valid JSON"):
        load_instrument(path)


def test_an_item_without_chinese_text_is_named(raw, write):
    del raw["items"][2]["text"]["zh-hans"]
    path = write(raw)

    with pytest.raises(InstrumentError) as raised:
        load_instrument(path)

    assert str(raised.value) == f"{path}: item 3 ('anx-reassurance') has no 'zh-hans' text."


def test_an_unknown_dimension_is_named(raw, write):
    raw["items"][0]["dimension"] = "jealousy"
    path = write(raw)

    with pytest.raises(InstrumentError) as raised:
        load_instrument(path)

    assert str(raised.value) == (
        f"{path}: item 1 ('anx-care-less'): 'dimension' must be one of anxiety, avoidance."
    )


def test_a_reverse_flag_must_be_true_or_false(raw, write):
    raw["items"][3]["reverse"] = "yes"
    path = write(raw)

    with pytest.raises(InstrumentError, match=r"item 4 \('anx-rarely-leave'\): 'reverse'"):
        load_instrument(path)


def test_a_key_used_twice_is_named(raw, write):
    raw["items"][1]["key"] = raw["items"][0]["key"]
    path = write(raw)

    with pytest.raises(InstrumentError, match="item 2: the key 'anx-care-less' is used twice"):
        load_instrument(path)


def test_fewer_than_eight_items_in_a_dimension_is_refused(raw, write):
    raw["items"] = [item for item in raw["items"] if item["key"] != "avo-hold-back"]
    raw["items"] = [item for item in raw["items"] if item["key"] != "avo-get-up"]
    path = write(raw)

    with pytest.raises(InstrumentError) as raised:
        load_instrument(path)

    assert str(raised.value) == f"{path}: 'avoidance' has 7 items; it needs at least 8."


def test_a_dimension_without_reverse_items_is_refused(raw, write):
    for item in raw["items"]:
        if item["dimension"] == "anxiety":
            item["reverse"] = False
    path = write(raw)

    with pytest.raises(InstrumentError, match="'anxiety' needs at least one reverse-keyed item"):
        load_instrument(path)


def test_the_communication_options_must_be_the_ones_the_reports_describe(raw, write):
    raw["questions"][0]["options"][2]["key"] = "freeze"
    path = write(raw)

    with pytest.raises(InstrumentError) as raised:
        load_instrument(path)

    assert str(raised.value) == (
        f"{path}: question 'stress_response' must offer the options pursue, withdraw, both, "
        "in that order."
    )


def test_a_broken_file_stops_the_app_from_starting(raw, write, monkeypatch):
    del raw["items"][0]["reverse"]
    path = write(raw)
    monkeypatch.setattr("assessments.instrument.INSTRUMENT_FILE", path)
    instrument.cache_clear()

    try:
        with pytest.raises(InstrumentError) as raised:
            apps.get_app_config("assessments").ready()
    finally:
        instrument.cache_clear()

    assert str(raised.value) == (
        f"{path}: item 1 ('anx-care-less'): 'reverse' must be true or false."
    )

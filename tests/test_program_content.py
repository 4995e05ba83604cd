"""Program content is data: one file per program, checked on load with errors naming the file."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from programs.content import CONTENT_DIR, ContentError, read, validate
from programs.models import Program

SHIPPED = CONTENT_DIR / "security-and-sexuality.json"


@pytest.fixture
def shipped():
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_shipped_program_is_valid(shipped):
    assert validate(shipped, expected_slug="security-and-sexuality") == []


def test_it_has_five_phases_over_28_days_and_an_activity_for_each_day(shipped):
    assert [phase["days"] for phase in shipped["phases"]] == [
        [1, 7],
        [8, 14],
        [15, 21],
        [22, 28],
        [29, None],
    ]
    assert [activity["day"] for activity in shipped["activities"]] == list(range(1, 29))


def test_load_programs_stores_every_file(db):
    out = StringIO()

    call_command("load_programs", stdout=out)

    assert out.getvalue() == (
        "Loaded security-and-sexuality.json: Security and sexuality\n"
        "Loaded talking-about-sex.json: Talking about sex, level by level\n"
    )
    first = Program.objects.get(slug="security-and-sexuality")
    assert first.content["phases"][0]["key"] == "self-monitoring"
    second = Program.objects.get(slug="talking-about-sex")
    assert [phase["key"] for phase in second.phases] == [
        "facts",
        "preferences",
        "emotions",
        "meaning",
    ]


def test_a_second_program_is_a_second_file(db, tmp_path, shipped):
    second = {
        **shipped,
        "slug": "calm-evenings",
        "title": {"en": "Calm evenings", "zh-hans": "安静的夜晚"},
    }
    path = write(tmp_path, "calm-evenings.json", second)

    call_command("load_programs", path, stdout=StringIO())

    assert Program.objects.get(slug="calm-evenings").title == "Calm evenings"


def test_it_names_the_file_and_each_problem(tmp_path, shipped):
    shipped["phases"][1]["days"] = [9, 14]
    del shipped["phases"][2]["title"]["zh-hans"]
    path = write(tmp_path, "security-and-sexuality.json", shipped)

    with pytest.raises(ContentError) as error:
        read(path)

    assert str(error.value).splitlines() == [
        "security-and-sexuality.json: "
        "phase 2 (needs-dialogue) starts on day 9, but day 8 comes next",
        "security-and-sexuality.json: phase 3 (agreement) title has no 'zh-hans' text",
    ]


def test_it_says_which_days_have_no_activity(tmp_path, shipped):
    shipped["activities"] = [a for a in shipped["activities"] if a["day"] not in {3, 17}]
    path = write(tmp_path, "security-and-sexuality.json", shipped)

    with pytest.raises(ContentError, match="no activity for day 3, 17"):
        read(path)


def test_it_says_where_the_json_breaks(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"slug": "broken",\n "title": }', encoding="utf-8")

    with pytest.raises(ContentError, match=r"broken.json: not valid JSON at line 2"):
        read(path)


def test_it_refuses_a_file_whose_slug_is_not_its_name(tmp_path, shipped):
    path = write(tmp_path, "other.json", shipped)

    with pytest.raises(
        ContentError, match="slug is 'security-and-sexuality' but the file name says 'other'"
    ):
        read(path)


def test_it_checks_the_checkpoint_chips(tmp_path, shipped):
    chips = shipped["phases"][0]["checkpoints"]["body_responses"]
    chips.append(dict(chips[0]))
    path = write(tmp_path, "security-and-sexuality.json", shipped)

    with pytest.raises(ContentError, match="body response 'tense' is listed twice"):
        read(path)


def test_the_command_fails_with_the_problems_and_loads_nothing_wrong(db, tmp_path, shipped):
    shipped["phases"][4]["days"] = [30, None]
    path = write(tmp_path, "security-and-sexuality.json", shipped)

    with pytest.raises(CommandError) as error:
        call_command("load_programs", path, stdout=StringIO())

    assert "security-and-sexuality.json: phase 5 (maintenance) starts on day 30" in str(error.value)
    assert Program.objects.count() == 0


SECOND = CONTENT_DIR / "talking-about-sex.json"


@pytest.fixture
def second():
    return json.loads(SECOND.read_text(encoding="utf-8"))


def test_the_second_program_is_valid_four_levels_of_seven_days_in_both_languages(second):
    assert validate(second, expected_slug="talking-about-sex") == []
    assert [(phase["key"], phase["days"]) for phase in second["phases"]] == [
        ("facts", [1, 7]),
        ("preferences", [8, 14]),
        ("emotions", [15, 21]),
        ("meaning", [22, 28]),
    ]
    steps = {step["key"]: step for phase in second["phases"] for step in phase.get("steps", [])}
    assert {key: step["kind"] for key, step in steps.items()} == {
        "safety-plan": "joint_plan",
        "wish-list": "wish_list",
        "touch-log": "log",
    }
    assert len(steps["wish-list"]["items"]) == 12
    assert [s["key"] for s in steps["safety-plan"]["sections"]] == ["signal", "after", "refusal"]
    assert second["start_at"]["hint"] == "sexual_level"


def test_it_names_each_problem_of_a_programs_steps(second):
    facts, preferences, emotions, _meaning = second["phases"]
    facts["steps"][0]["kind"] = "quiz"
    preferences["steps"][0]["items"][1]["key"] = "more-kissing"
    del emotions["steps"][0]["prompt"]["zh-hans"]
    second["start_at"]["phases"]["meaning"] = "beyond"
    second["daily_reminder"] = "yes"

    problems = validate(second, expected_slug="talking-about-sex")

    kinds = "wish_list, joint_plan, log"
    assert f"phase 1 (facts) step 'safety-plan': kind 'quiz' is not one of {kinds}" in problems
    assert "phase 2 (preferences) step 'wish-list': 'more-kissing' is used twice" in problems
    assert any("phase 3 (emotions) step 'touch-log' prompt" in problem for problem in problems)
    assert "start_at: 'meaning' leads to 'beyond', which is not a phase" in problems
    assert "daily_reminder must be true or false" in problems

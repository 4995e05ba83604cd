"""Program content: one JSON file per program under programs/content/, checked before it is used.

A file gives the program's title and summary, its phases (each with a day range; the last may
be open-ended), one activity for each day of the closed phases, and, for a phase with
checkpoints, the checkpoint prompts and the body-response chips. It may name a guide
(`"guide": "<slug>"`); then each phase names the guide section that explains it
(`"guide_section": "step-1"`), shown in the program as "why this step". A phase may hold
`"steps"`, each of one generic kind (STEP_KINDS) with its own words: a wish list of items each
partner marks privately, a plan the couple writes together in sections, a short log. A file may
say where to start from what another feature knows of the person (`"start_at": {"hint": "<name>",
"phases": {"<value>": "<phase key>"}}`, the hint read through couplespace.features) and ask for
a daily reminder of the day's step (`"daily_reminder": true`). Every text is given in each
language CoupleSpace speaks. `validate` says what is wrong in words that name the file.
"""

import json
from pathlib import Path

from couplespace import guides
from couplespace.languages import LANGUAGES

CONTENT_DIR = Path(__file__).resolve().parent / "content"
PROMPTS = ("temperature", "affected", "body", "behaviour")
WISH_LIST, JOINT_PLAN, LOG = "wish_list", "joint_plan", "log"
STEP_KINDS = (WISH_LIST, JOINT_PLAN, LOG)


class ContentError(Exception):
    """A program file that cannot be used, with every problem found in it."""

    def __init__(self, filename: str, problems: list[str]):
        self.filename = filename
        self.problems = problems
        super().__init__("\n".join(f"{filename}: {problem}" for problem in problems))


def read(path: Path) -> dict:
    """The program in `path`, checked; raises ContentError naming the file and each problem."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ContentError(
            path.name, [f"not valid JSON at line {error.lineno}: {error.msg}"]
        ) from None
    problems = validate(data, expected_slug=path.stem)
    if problems:
        raise ContentError(path.name, problems)
    return data


def program_files(directory: Path = CONTENT_DIR) -> list[Path]:
    return sorted(directory.glob("*.json"))


def validate(data, *, expected_slug: str) -> list[str]:
    if not isinstance(data, dict):
        return ["the file must hold one JSON object"]
    problems = []
    if data.get("slug") != expected_slug:
        problems.append(f"slug is {data.get('slug')!r} but the file name says {expected_slug!r}")
    problems += _texts(data, "title", "title")
    problems += _texts(data, "summary", "summary")
    phases = data.get("phases")
    if not isinstance(phases, list) or not phases:
        return [*problems, "phases must be a non-empty list"]
    problems += _phases(phases)
    problems += _guide_links(data.get("guide"), phases)
    problems += _start_at(data.get("start_at"), phases)
    if not isinstance(data.get("daily_reminder", False), bool):
        problems.append("daily_reminder must be true or false")
    if not problems:
        problems += _activities(data.get("activities"), last_closed_day(phases))
    return problems


def _texts(holder: dict, key: str, where: str) -> list[str]:
    texts = holder.get(key)
    if not isinstance(texts, dict):
        return [f"{where} must give a text for each language ({', '.join(LANGUAGES)})"]
    return [
        f"{where} has no {language!r} text"
        for language in LANGUAGES
        if not isinstance(texts.get(language), str) or not texts[language].strip()
    ]


def _phases(phases: list) -> list[str]:
    problems, keys, step_keys, next_day = [], set(), set(), 1
    for number, phase in enumerate(phases, start=1):
        where = f"phase {number}"
        if not isinstance(phase, dict):
            problems.append(f"{where} must be an object")
            continue
        key = phase.get("key")
        where = f"phase {number} ({key})"
        if not isinstance(key, str) or not key:
            problems.append(f"phase {number} needs a key")
        elif key in keys:
            problems.append(f"{where}: the key is used twice")
        keys.add(key)
        problems += _texts(phase, "title", f"{where} title")
        problems += _texts(phase, "summary", f"{where} summary")
        days = phase.get("days")
        if (
            not isinstance(days, list)
            or len(days) != 2
            or not isinstance(days[0], int)
            or not (days[1] is None or isinstance(days[1], int))
        ):
            problems.append(f"{where}: days must be [first, last] (last may be null)")
            continue
        first, last = days
        if first != next_day:
            problems.append(f"{where} starts on day {first}, but day {next_day} comes next")
        if last is not None and last < first:
            problems.append(f"{where} ends on day {last}, before it starts on day {first}")
        if last is None and number != len(phases):
            problems.append(f"{where}: only the last phase may be open-ended")
        next_day = (last or first) + 1
        if "checkpoints" in phase:
            problems += _checkpoints(phase["checkpoints"], where)
        problems += _steps(phase.get("steps", []), where, keys=step_keys)
    return problems


def _keyed(items, where: str, what: str, seen: set) -> tuple[list[str], list[dict]]:
    """Problems with a list of objects that each need a unique key, and the well-keyed ones."""
    if not isinstance(items, list) or not items:
        return [f"{where}: {what} must be a non-empty list"], []
    problems, good = [], []
    for item in items:
        key = item.get("key") if isinstance(item, dict) else None
        if not isinstance(key, str) or not key:
            problems.append(f"{where}: every one of its {what} needs a key")
        elif key in seen:
            problems.append(f"{where}: {key!r} is used twice")
        else:
            good.append(item)
        seen.add(key)
    return problems, good


def _steps(steps, where: str, *, keys: set) -> list[str]:
    """A phase's steps: each of a known kind, with a key unique in the program and its words."""
    if steps == []:
        return []
    problems, good = _keyed(steps, where, "steps", keys)
    for step in good:
        at = f"{where} step {step['key']!r}"
        problems += _texts(step, "title", f"{at} title") + _texts(step, "intro", f"{at} intro")
        kind = step.get("kind")
        if kind not in STEP_KINDS:
            problems.append(f"{at}: kind {kind!r} is not one of {', '.join(STEP_KINDS)}")
        elif kind == WISH_LIST:
            found, items = _keyed(step.get("items"), at, "items", set())
            problems += found
            for item in items:
                problems += _texts(item, "text", f"{at} item {item['key']!r}")
        elif kind == JOINT_PLAN:
            found, sections = _keyed(step.get("sections"), at, "sections", set())
            problems += found
            for section in sections:
                problems += _texts(section, "title", f"{at} section {section['key']!r} title")
                problems += _texts(section, "prompt", f"{at} section {section['key']!r} prompt")
        else:
            problems += _texts(step, "prompt", f"{at} prompt")
    return problems


def _start_at(start_at, phases: list) -> list[str]:
    """Where to start, from a hint's value: each value names a phase of the program."""
    if start_at is None:
        return []
    if not isinstance(start_at, dict) or not isinstance(start_at.get("hint"), str):
        return ["start_at must name a hint and map its values to phases"]
    mapping = start_at.get("phases")
    if not isinstance(mapping, dict) or not mapping:
        return ["start_at must map the hint's values to phases"]
    known = {phase.get("key") for phase in phases if isinstance(phase, dict)}
    return [
        f"start_at: {value!r} leads to {key!r}, which is not a phase"
        for value, key in mapping.items()
        if key not in known
    ]


def _guide_links(slug, phases: list) -> list[str]:
    """A program may name a guide; then each phase names the guide section that explains it."""
    if slug is None:
        return []
    guide = guides.find(slug) if isinstance(slug, str) else None
    if guide is None:
        return [f"guide {slug!r} is not a published guide"]
    problems = []
    for number, phase in enumerate(phases, start=1):
        section = phase.get("guide_section") if isinstance(phase, dict) else None
        if section not in guide.anchors:
            problems.append(
                f"phase {number}: guide_section {section!r} is not a section of {slug!r}"
            )
    return problems


def _checkpoints(checkpoints, where: str) -> list[str]:
    if not isinstance(checkpoints, dict):
        return [f"{where}: checkpoints must be an object"]
    problems = []
    prompts = checkpoints.get("prompts", {})
    for prompt in PROMPTS:
        problems += _texts(prompts, prompt, f"{where} checkpoint prompt {prompt!r}")
    chips = checkpoints.get("body_responses")
    if not isinstance(chips, list) or not chips:
        return [*problems, f"{where}: body_responses must be a non-empty list"]
    seen = set()
    for chip in chips:
        key = chip.get("key") if isinstance(chip, dict) else None
        if not isinstance(key, str) or not key:
            problems.append(f"{where}: every body response needs a key")
            continue
        if key in seen:
            problems.append(f"{where}: body response {key!r} is listed twice")
        seen.add(key)
        problems += _texts(chip, "label", f"{where} body response {key!r}")
    return problems


def _activities(activities, last_day: int) -> list[str]:
    if not isinstance(activities, list):
        return ["activities must be a list"]
    problems, seen = [], set()
    for activity in activities:
        day = activity.get("day") if isinstance(activity, dict) else None
        if not isinstance(day, int) or not 1 <= day <= last_day:
            problems.append(f"activity day {day!r} is not a day from 1 to {last_day}")
            continue
        if day in seen:
            problems.append(f"day {day} has two activities")
        seen.add(day)
        problems += _texts(activity, "text", f"activity for day {day}")
    missing = sorted(set(range(1, last_day + 1)) - seen)
    if missing:
        problems.append(f"no activity for day {', '.join(str(day) for day in missing)}")
    return problems


def last_closed_day(phases: list) -> int:
    """The last day that belongs to a phase with an end: the length of the guided program."""
    return max(phase["days"][1] or phase["days"][0] - 1 for phase in phases)


def steps_of(data: dict) -> list[tuple[dict, dict]]:
    """Every step of a program with the phase it belongs to, in the program's order."""
    return [(phase, step) for phase in data["phases"] for step in phase.get("steps", [])]

"""Demo data: alex and sam follow the program together and are on day 9, with a week of
check-ins each, some shared and most private, a few lines in their practice logs, a weekly
check-in both answered, the start of the outcome check, and alex's evening debriefs; alex shares
one debrief and one practice-log line with sam and keeps the others private. They also
follow the second program together, on day 9 too (its preferences level): the safety plan
begun, their wish lists marked (three items both welcome), and a few touch-log lines.
Running it again changes nothing."""

from datetime import timedelta

from programs.content import program_files
from programs.models import (
    Checkpoint,
    CheckpointPlan,
    Debrief,
    Enrollment,
    LogEntry,
    OutcomeCheck,
    PlanPart,
    PracticeEntry,
    Program,
    RitualPlan,
    WeeklyCheckIn,
    WishAnswer,
)

# (day, moment, temperature, body responses, behaviour, shared) for days 1 to 7.
# alex tends to dip in the evening and reaches out; sam dips at midday and pulls back.
WEEK = {
    "alex": [
        (1, 0, 6, ["tense"], "approach", False),
        (1, 1, 5, ["gut"], "approach", False),
        (1, 2, 3, ["racing-heart", "tense"], "approach", False),
        (2, 0, 6, ["relaxed"], "approach", False),
        (2, 2, 4, ["tight-chest"], "approach", True),
        (3, 0, 7, ["relaxed"], "other", False),
        (3, 1, 5, ["tense"], "approach", False),
        (3, 2, 2, ["racing-heart", "gut"], "withdraw", False),
        (4, 1, 6, ["warm"], "approach", False),
        (4, 2, 4, ["tense"], "approach", True),
        (5, 0, 7, ["relaxed"], "approach", False),
        (5, 1, 6, ["warm"], "approach", False),
        (5, 2, 5, ["tense"], "approach", True),
        (6, 0, 6, ["relaxed"], "other", False),
        (6, 2, 4, ["racing-heart"], "approach", False),
        (7, 0, 7, ["warm", "relaxed"], "approach", True),
        (7, 1, 7, ["relaxed"], "approach", False),
        (7, 2, 6, ["warm"], "approach", True),
    ],
    "sam": [
        (1, 0, 7, ["relaxed"], "other", False),
        (1, 1, 4, ["tense", "restless"], "withdraw", False),
        (2, 0, 6, ["relaxed"], "approach", False),
        (2, 1, 3, ["numb"], "withdraw", False),
        (2, 2, 5, ["tense"], "withdraw", True),
        (3, 1, 4, ["restless"], "withdraw", False),
        (3, 2, 6, ["relaxed"], "other", False),
        (4, 0, 7, ["relaxed"], "approach", False),
        (4, 1, 3, ["tight-chest"], "withdraw", False),
        (5, 0, 6, ["warm"], "approach", True),
        (5, 2, 6, ["relaxed"], "approach", False),
        (6, 1, 5, ["tense"], "withdraw", False),
        (6, 2, 7, ["warm"], "approach", True),
        (7, 0, 7, ["relaxed"], "approach", False),
        (7, 1, 5, ["restless"], "other", False),
    ],
}
NOTES = {
    "approach": "Wanted to be close and say so.",
    "withdraw": "Needed some space for a while.",
    "other": "Busy; not thinking about it much.",
}

# What affected a few of the check-ins, and how the body felt in the person's own words.
AFFECTED = {
    ("alex", 1, 2): ("Sam went quiet after dinner and I kept guessing why.", "jaw clenched"),
    ("alex", 3, 2): ("We argued about the holiday plans, then both went to bed early.", ""),
    ("alex", 7, 2): ("We watched a film curled up together.", "loose, sleepy"),
    ("sam", 2, 1): ("Alex sent three messages during my meeting.", "went blank"),
    ("sam", 4, 1): ("A hard call at work; I didn't want to talk about it.", ""),
    ("sam", 6, 2): ("Alex asked about my day and waited for the answer.", ""),
}


def populate(people) -> None:
    for path in program_files():
        Program.objects.load(path)
    alex, sam = people["alex"], people["sam"]
    enrollment = Enrollment.objects.for_person(alex, "security-and-sexuality")
    if enrollment is None:
        enrollment = Enrollment.objects.create(
            program=Program.objects.get(slug="security-and-sexuality"),
            person=alex,
            couple=alex.couple,
            start_date=alex.local_today() - timedelta(days=8),
        )
    for key, person in (("alex", alex), ("sam", sam)):
        for day, moment, temperature, body, behaviour, shared in WEEK[key]:
            affected, body_note = AFFECTED.get((key, day, moment), ("", ""))
            Checkpoint.objects.get_or_create(
                author=person,
                local_date=enrollment.start_date + timedelta(days=day - 1),
                moment=moment,
                defaults={
                    "enrollment": enrollment,
                    "day": day,
                    "temperature": temperature,
                    "affected": affected,
                    "body_responses": body,
                    "body_note": body_note,
                    "behaviour": behaviour,
                    "behaviour_note": NOTES[behaviour] if moment == 2 else "",
                    "shared_with_partner": shared,
                },
            )
    # alex keeps the check-in reminders after the first week, so the demo has some planned.
    CheckpointPlan.objects.get_or_create(person=alex, defaults={"keep_after_phase_one": True})
    enrollment.plan_reminders(alex)
    populate_practice(enrollment, alex, sam)
    populate_second_program(alex, sam)


# Practice log lines: (who, day, kind, text, signal sent, partner responded, how it went).
PRACTICE = [
    (
        "alex",
        8,
        "moment",
        "Sam went quiet after I asked about the weekend. I said our word instead of guessing.",
        "yes",
        "yes",
        "better",
    ),
    (
        "alex",
        8,
        "success",
        "I asked for a hug instead of sulking. It felt strange and good.",
        "",
        "",
        "",
    ),
    ("alex", 9, "deposit", "Coffee in bed, and we laughed about the cat.", "", "", ""),
    ("alex", 9, "deposit", "Sam texted to say the meeting went well.", "", "", ""),
    (
        "sam",
        8,
        "moment",
        "I wanted to leave the room. I asked for a pause and came back.",
        "no",
        "",
        "mixed",
    ),
    ("sam", 9, "deposit", "We cooked together and nobody checked a phone.", "", "", ""),
]
# alex's evening debriefs: (days ago, high, low, shared with sam).
DEBRIEFS = [
    (1, "A long walk after dinner.", "A tense call with my mother.", True),
    (2, "Sam made soup when I came home late.", "I snapped about the dishes.", False),
]
# Week 2 check-ins (days 8 to 14): (who, temperature, what contributed).
WEEKLY = [
    ("alex", 7, "The signal worked twice. I felt heard."),
    ("sam", 6, "Better than last week; the pause helped, though I was tired."),
]
# The start of the outcome check: five answers from 1 to 5.
OUTCOME_START = {
    "alex": {"safe_to_ask": 2, "find_way_back": 3, "close": 3, "reach_out": 2, "content": 3},
    "sam": {"safe_to_ask": 3, "find_way_back": 3, "close": 2, "reach_out": 3, "content": 3},
}


def populate_practice(enrollment, alex, sam) -> None:
    people = {"alex": alex, "sam": sam}
    if not PracticeEntry.objects.filter(enrollment=enrollment).exists():
        PracticeEntry.objects.bulk_create(
            PracticeEntry(
                author=people[key],
                enrollment=enrollment,
                text=text,
                kind=kind,
                day=day,
                local_date=enrollment.start_date + timedelta(days=day - 1),
                signal_sent=signal,
                partner_responded=responded,
                went=went,
            )
            for key, day, kind, text, signal, responded, went in PRACTICE
        )
    for key, temperature, contributed in WEEKLY:
        check_in, _ = WeeklyCheckIn.objects.get_or_create(
            person=people[key],
            enrollment=enrollment,
            week=2,
            defaults={"temperature": temperature, "contributed": contributed},
        )
    check_in.reveal_week()  # both answered week 2: each sees the other's
    for key, answers in OUTCOME_START.items():
        OutcomeCheck.objects.get_or_create(
            person=people[key], enrollment=enrollment, when="start", defaults={"answers": answers}
        )
    plan, created = RitualPlan.objects.get_or_create(person=alex, defaults={"evening_on": True})
    if created:
        plan.plan_reminders()
    # alex shares the small success with sam and keeps the rest of the log private.
    alex_lines = PracticeEntry.objects.filter(enrollment=enrollment, author=alex)
    alex_lines.update(shared_with_partner=False)
    alex_lines.filter(kind=PracticeEntry.Kind.SUCCESS).update(shared_with_partner=True)
    for days_ago, high, low, shared in DEBRIEFS:
        Debrief.objects.update_or_create(
            author=alex,
            local_date=alex.local_today() - timedelta(days=days_ago),
            defaults={"shared_with_partner": shared},
            create_defaults={"high": high, "low": low, "shared_with_partner": shared},
        )


SECOND = "talking-about-sex"
# The safety plan as they have written it so far: (section, who wrote it, text).
PLAN = [
    ("signal", "sam", "“Pineapple”, or a hand flat on the other's chest: we stop, no questions."),
    ("after", "alex", "Alex: lying close for ten minutes. Sam: a glass of water, then some quiet."),
]
# Each one's wish list: yes on massage, long cuddles and going slower for both (shown to both);
# the other answers differ, and sam's "no" reads as not answered.
WISHES = {
    "alex": {"massage": "yes", "long-cuddles": "yes", "slower": "maybe", "morning": "yes"},
    "sam": {"massage": "yes", "long-cuddles": "maybe", "slower": "yes", "morning": "no"},
}
# Touch-log lines: (who, day, text, shared).
TOUCH = [
    ("alex", 4, "A long hug in the kitchen, nothing more. I relaxed after a minute.", True),
    ("sam", 4, "Held hands on the sofa through a whole episode. Calm.", True),
    ("alex", 8, "Back rub before sleep. I noticed I was waiting for more, then let it go.", False),
]


def populate_second_program(alex, sam) -> None:
    people = {"alex": alex, "sam": sam}
    enrollment = Enrollment.objects.for_person(alex, SECOND)
    if enrollment is None:
        enrollment = Enrollment.objects.create(
            program=Program.objects.get(slug=SECOND),
            person=alex,
            couple=alex.couple,
            start_date=alex.local_today() - timedelta(days=8),
        )
    for section, key, text in PLAN:
        PlanPart.objects.get_or_create(
            enrollment=enrollment,
            step="safety-plan",
            section=section,
            defaults={"text": text, "updated_by": people[key]},
        )
    for key, answers in WISHES.items():
        for item, answer in answers.items():
            WishAnswer.objects.get_or_create(
                person=people[key],
                enrollment=enrollment,
                step="wish-list",
                item=item,
                defaults={"answer": answer},
            )
    if not LogEntry.objects.filter(enrollment=enrollment).exists():
        LogEntry.objects.bulk_create(
            LogEntry(
                author=people[key],
                enrollment=enrollment,
                step="touch-log",
                local_date=enrollment.start_date + timedelta(days=day - 1),
                day=day,
                text=text,
                shared_with_partner=shared,
            )
            for key, day, text, shared in TOUCH
        )
    enrollment.plan_reminders(alex)

"""Demo data: alex and sam have a finished needs dialogue from a few weeks ago and a new one
open (alex has prepared, sam's turn), and an active agreement with two versions, signals and a
pause, and a signal from sam waiting for alex's "I'm here"."""

from datetime import timedelta

from django.utils import timezone

from agreements.clauses import template_by_key
from agreements.dialogue import prepare, reply, start_dialogue
from agreements.diff import ClauseText
from agreements.models import Agreement, Commitment, Dialogue, Pause, Signal
from agreements.versions import accept_version, propose_version


def from_template(key: str, text: str | None = None, minutes: int | None = None) -> ClauseText:
    template = template_by_key(key)
    return ClauseText(
        key=f"demo-{key}",
        kind=template.kind,
        text=text or template.text["en"],
        minutes=minutes or template.minutes,
    )


COMMITMENTS = [
    "When I feel the old panic, I take ten slow breaths before I send any message.",
    "Once a week I tell a friend honestly how I am, instead of saying I am fine.",
]


def populate(people) -> None:
    alex, sam = people["alex"], people["sam"]
    casey = people["casey"]  # a stranger to the couple, following on their own
    if not Commitment.objects.filter(person=casey).exists():
        Commitment.objects.bulk_create(Commitment(person=casey, text=text) for text in COMMITMENTS)
    populate_dialogue(alex, sam)
    agreement = Agreement.for_couple(alex.couple)
    if not agreement.versions.exists():
        populate_agreement(agreement, alex, sam)
    signal_waiting(agreement, sam)


def signal_waiting(agreement, sam) -> None:
    """Something live on alex's Today: sam sent the signal a few minutes ago. Once alex has
    answered it, the next `manage.py demo` sends another."""
    if not agreement.signals.filter(answered_at__isnull=True).exists():
        Signal.objects.create(
            agreement=agreement, sender=sam, sent_at=timezone.now() - timedelta(minutes=4)
        )


def populate_agreement(agreement, alex, sam) -> None:
    first = [from_template("signal-word"), from_template("response-five-minutes")]
    propose_version(agreement=agreement, author=alex, base_number=0, clauses=first)
    accept_version(agreement=agreement, person=sam, number=1)
    second = [
        *first,
        from_template(
            "pause-and-return",
            text="Either of us may ask for a pause of up to 45 minutes. Whoever asked for it "
            "starts the conversation again when it ends.",
            minutes=45,
        ),
        from_template("after-closeness"),
    ]
    propose_version(
        agreement=agreement,
        author=sam,
        base_number=1,
        clauses=second,
        note="Adding the pause rule we talked about, and what we need after being close.",
    )
    accept_version(agreement=agreement, person=alex, number=2)
    now = timezone.now()
    for days_ago, sender, answered_after in [(6, alex, 95), (3, sam, 240), (1, alex, 40)]:
        sent = now - timedelta(days=days_ago, hours=2)
        Signal.objects.create(
            agreement=agreement,
            sender=sender,
            sent_at=sent,
            answered_at=sent + timedelta(seconds=answered_after),
        )
    started = now - timedelta(days=2, hours=3)
    Pause.objects.create(
        agreement=agreement,
        asked_by=sam,
        started_at=started,
        ends_at=started + timedelta(minutes=45),
        returned_at=started + timedelta(minutes=38),
        return_note="A walk round the block helped. Easier to listen when I came back.",
    )


def populate_dialogue(alex, sam) -> None:
    """A past dialogue, finished, and a new one open: alex came back to talk about time."""
    if not Dialogue.objects.filter(couple=alex.couple).exists():
        populate_past_dialogue(alex, sam)
    dialogue = start_dialogue(alex)
    if not dialogue.needs.exists():
        prepare(
            dialogue=dialogue,
            person=alex,
            pairs=[
                (
                    "that our evenings have become logistics and nothing else.",
                    "one evening a week that is only for the two of us.",
                )
            ],
        )


def populate_past_dialogue(alex, sam) -> None:
    """Both prepared, both spoke; sam needed a second try at hearing alex. Three weeks ago."""
    dialogue = start_dialogue(alex)
    started = timezone.now() - timedelta(days=21)
    Dialogue.objects.filter(pk=dialogue.pk).update(created_at=started)
    prepare(
        dialogue=dialogue,
        person=alex,
        pairs=[
            (
                "that when you go quiet, you are already halfway out of the door.",
                "a few words when you need space, like “I’m tired, not leaving”.",
            )
        ],
    )
    prepare(
        dialogue=dialogue,
        person=sam,
        pairs=[
            (
                "getting it wrong every time we talk about being close.",
                "time to think before I answer, without that meaning I don’t care.",
            ),
            ("being the only one who starts the hard talks.", "you to start one, now and then."),
        ],
    )
    reply(
        dialogue=dialogue,
        person=sam,
        kind="heard",
        text="I heard that my silence scares you.",
    )
    reply(
        dialogue=dialogue,
        person=alex,
        kind="missed",
        text="Not the silence itself: not knowing what it means.",
    )
    reply(
        dialogue=dialogue,
        person=sam,
        kind="heard",
        text="I heard that when I go quiet you can’t tell whether I am tired or pulling away, "
        "and a few words from me would help you feel safe.",
    )
    reply(dialogue=dialogue, person=alex, kind="confirmed")
    reply(
        dialogue=dialogue,
        person=alex,
        kind="heard",
        text="I heard that you worry about getting it wrong, that you need time before you "
        "answer, and that you would like me to start a hard talk sometimes.",
    )
    reply(dialogue=dialogue, person=sam, kind="confirmed")
    Dialogue.objects.filter(pk=dialogue.pk).update(closed_at=started + timedelta(days=2))

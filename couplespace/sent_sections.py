"""A guide section sent to one's partner: "Alex sent you something to read".

Only someone in a couple can send, only to their partner, and only a guide's top-level
section. The partner is told through the one notify path, as an instant notice: in the app it
names the section (said at read time, in the reader's language) and opens it; the email and the
push name nothing, neither the guide nor the section. A section goes to the partner at most once
a day, the sender's day: sending it again the same day tells no one again.
"""

import hashlib
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from couplespace import guides
from couplespace.models import Delivery, User
from couplespace.notices import FromAction, Words
from couplespace.reminders import ReminderKind
from couplespace.tasks import notify_now
from couplespace.wallclock import next_once

TOPIC_PREFIX = "guide:"


def _format(template: str, **values) -> str:
    return str(template) % {name: str(value) for name, value in values.items()}


# A text said in the language of the moment it is read, from values that may be texts too.
said_later = lazy(_format, str)


def section_sent_words(values: dict) -> Words:
    """The in-app notice names who sent which section (every email and push carries only the
    one generic nudge). A section no longer published names neither sender nor section."""
    guide = guides.find(values.get("guide", ""))
    section = guide.section(values.get("section", "")) if guide else None
    if section is None:
        return Words(
            _("Your partner sent you something to read"),
            _("Open CoupleSpace to see what it is."),
            page="notifications",
        )
    return Words(
        said_later(_("%(name)s sent you something to read"), name=values["sender"]),
        said_later(
            _("“%(section)s”, a section of the guide “%(guide)s”."),
            section=section.title,
            guide=guide.title,
        ),
        page="guide",
        args=(guide.slug,),
        part=f"#{section.anchor}",
    )


SECTION_SENT = ReminderKind(
    name="guide_section_sent",
    label=_("Guide sections your partner sends you"),
    next_slot=next_once,
    message=FromAction(section_sent_words),
    stale_after=timedelta(days=1),
)


def topic_of(slug: str, anchor: str) -> str:
    """The delivery's topic: short enough for its key whatever the guide and section."""
    return TOPIC_PREFIX + hashlib.sha256(f"{slug}#{anchor}".encode()).hexdigest()[:16]


def start_of_day(person: User, now: datetime) -> datetime:
    """The instant the person's own day began."""
    return person.local_time(now).replace(hour=0, minute=0, second=0, microsecond=0)


def sent_today(*, sender: User, partner: User, guide: guides.Guide, now=None) -> set[str]:
    """The anchors of `guide`'s sections `sender` sent `partner` today (one query)."""
    now = now or timezone.now()
    topics = {topic_of(guide.slug, section.anchor): section.anchor for section in guide.sections}
    slots = Delivery.objects.filter(
        person=partner,
        kind=SECTION_SENT.name,
        slot__startswith=TOPIC_PREFIX,
        due_at__gte=start_of_day(sender, now),
    ).values_list("slot", flat=True)
    return {
        topics[topic] for topic in (slot.rsplit("@", 1)[0] for slot in slots) if topic in topics
    }


@transaction.atomic
def send_section(
    *, sender: User, partner: User, guide: guides.Guide, anchor: str, now=None
) -> bool:
    """Tell `partner` that `sender` sent them a section of `guide`; False, and no notice, if
    that section went to them already today."""
    now = now or timezone.now()
    if anchor in sent_today(sender=sender, partner=partner, guide=guide, now=now):
        return False
    notify_now(
        person=partner,
        kind=SECTION_SENT,
        topic=topic_of(guide.slug, anchor),
        values={"sender": sender.name, "guide": guide.slug, "section": anchor},
    )
    return True

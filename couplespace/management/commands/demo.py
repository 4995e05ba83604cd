"""Create (or refresh) the living demo: alex and sam a couple, casey a stranger, theo a therapist.

Running it again gives the demo people back what someone changed while trying things: their
names, time zones and languages, the password, a login without a second step, the couple,
alex's and sam's answers to the private question, and what alex and sam share with theo.
Feature apps add their own demo data through their hook `populate_demo` (see
couplespace/features.py).
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from couplespace import features
from couplespace.models import (
    Assignment,
    Care,
    Couple,
    Membership,
    Notification,
    SafetyAnswer,
    TherapistNote,
    TherapistProfile,
    User,
)
from couplespace.notify import notify
from couplespace.sent_sections import SECTION_SENT
from couplespace.therapy import guide_key, plan_assignment_reminder, share_kinds

PASSWORD = "couplespace-demo"
PEOPLE = {
    "alex": {"display_name": "Alex", "timezone": "Europe/London", "language": "en"},
    "sam": {"display_name": "Sam", "timezone": "Europe/London", "language": "en"},
    "casey": {"display_name": "Casey", "timezone": "America/New_York", "language": "en"},
    "theo": {"display_name": "Theo", "timezone": "Asia/Shanghai", "language": "zh-hans"},
}


class Command(BaseCommand):
    help = "Create the demo people (idempotent) and print how to log in as them."

    @transaction.atomic
    def handle(self, *args, **options):
        people = {key: self.person(key, details) for key, details in PEOPLE.items()}
        alex, sam = people["alex"], people["sam"]
        if not alex.couple or alex.partner != sam:
            for person in (alex, sam):
                if person.couple:
                    person.couple.end()
                person.forget_membership()
            couple = Couple.objects.create()
            Membership.objects.bulk_create(
                [Membership(couple=couple, person=alex), Membership(couple=couple, person=sam)]
            )
            for person in (alex, sam):
                person.forget_membership()
        for person in (alex, sam):
            SafetyAnswer.objects.update_or_create(
                person=person, couple=person.couple, defaults={"feels_afraid": False}
            )
        self.therapist(people)
        self.sent_section(alex, sam)
        features.populate_demo(people)
        self.assignments(people)
        self.stdout.write(f"Demo people (password: {PASSWORD}):")
        for key, person in people.items():
            self.stdout.write(f"  {person.email:<22} {self.role(key)}")

    def therapist(self, people: dict[str, User]) -> None:
        """theo is verified and works with alex (who shares checkpoint summaries) and sam."""
        theo = people["theo"]
        TherapistProfile.objects.update_or_create(
            person=theo,
            defaults={
                "professional_name": "Theo Lin, MFT",
                "credentials": "Demo licence LMFT 0000 (not a real therapist)",
                "verified_at": timezone.now(),
            },
        )
        offered = {kind.key for kind in share_kinds()}
        for key, kinds in [("alex", {"checkpoint_summaries"}), ("sam", set())]:
            client = people[key]
            care = Care.objects.current().filter(therapist=theo, client=client).first()
            if care is None:
                Care.objects.create(therapist=theo, email=client.email).accept(
                    client, kinds & offered
                )
            else:
                care.share(kinds & offered)
        care = Care.objects.current().get(therapist=theo, client=people["alex"])
        TherapistNote.objects.get_or_create(
            care=care, defaults={"text": "Alex notices a low before Sam's late shifts."}
        )

    def assignments(self, people: dict[str, User]) -> None:
        """theo asked alex to read the guide's step 2 (done, from the assignment's button) and to
        do day 10 of the program, and sam to read a section of the second guide. After the
        features' demo data, so that none of it counts as doing a step given now."""
        theo, now = people["theo"], timezone.now()
        steps = [
            ("alex", guide_key("security-and-sexuality", "step-2"), -1, "Before our session."),
            ("alex", "program:security-and-sexuality:day:10", 3, "Try it with the late shifts."),
            ("sam", guide_key("self-and-connection", "day-to-day"), 5, ""),
        ]
        for key, step, due_in, note in steps:
            care = Care.objects.current().get(therapist=theo, client=people[key])
            if care.assignments.filter(step=step).exists():
                continue
            assignment = Assignment.objects.create(
                care=care,
                step=step,
                due_date=people[key].local_today() + timedelta(days=due_in),
                note=note,
                created_at=now - timedelta(days=3) if due_in < 0 else now,
            )
            if due_in < 0:
                assignment.mark_done(now - timedelta(days=2), Assignment.DoneHow.STEP)
            else:
                plan_assignment_reminder(assignment)

    @staticmethod
    def sent_section(alex: User, sam: User) -> None:
        """Last evening alex sent sam a section of a guide: sam's notice, in the app only."""
        if Notification.objects.filter(person=sam, kind=SECTION_SENT.name).exists():
            return
        values = {
            "sender": alex.name,
            "guide": "talking-about-sex",
            "section": "where-attachment-shows",
        }
        message = SECTION_SENT.words(values).message(values)
        notify(sam, SECTION_SENT.name, message, now=timezone.now() - timedelta(hours=18))

    def person(self, key: str, details: dict) -> User:
        email = f"{key}@example.com"
        person, _ = User.objects.update_or_create(
            email=email, defaults={**details, "is_active": True}
        )
        if not person.check_password(PASSWORD):
            person.set_password(PASSWORD)
            person.save(update_fields=["password"])
        Authenticator.objects.filter(user=person).delete()
        EmailAddress.objects.update_or_create(
            user=person, email=email, defaults={"verified": True, "primary": True}
        )
        return person

    @staticmethod
    def role(key: str) -> str:
        return {
            "alex": "in a couple with sam",
            "sam": "in a couple with alex",
            "casey": "a stranger to the couple, with commitments to themself",
            "theo": "a therapist",
        }[key]

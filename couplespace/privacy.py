"""Who may see what people write: the rules each model's one scope is made of.

Every model that holds a person's words has one scope, `Model.objects.visible_to(person)`:
the querysets at the end give it for the common rules, and a model with a rule of its own
writes it on its queryset from the functions here. Every view reaches a person's objects
through that scope, narrowing with ordinary filters after (`.filter(author=person)` for one's
own). What is outside the scope is answered with 404, so nothing tells anyone that it exists.
A therapist reads only what a client shares, through the gate
`couplespace.therapy.open_client_data`, and then through the client's scope.

An entry its writer may share with their partner, one by one (a check-in, a practice-log line,
a debrief, a commitment to oneself, …), is a `SharedWithPartner` model with a
`SharedByItsWriter` scope; the break-up finds every such model by itself (`shareable_models`).
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from couplespace.models import Membership, User


def writer_only(objects: QuerySet, person: User, *, writer: str = "author") -> QuerySet:
    """Only the person who wrote them."""
    return objects.filter(**{writer: person})


def writer_and_partner_once_shared(
    objects: QuerySet,
    person: User,
    *,
    writer: str = "author",
    shared: str = "shared_with_partner",
) -> QuerySet:
    """Their writer's, and those the writer's partner in an active couple chose to share."""
    shared_with_me = Q(**{f"{writer}__in": partner_of(person), shared: True})
    return objects.filter(Q(**{writer: person}) | shared_with_me)


def couple_of(person: User) -> QuerySet:
    """The person's active couple, as a subquery: the rules ask within the scope's own query,
    so a view that narrows the scope to one's own pays nothing for them."""
    return Membership.objects.filter(person=person, active=True).values("couple")


def partner_of(person: User) -> QuerySet:
    """The other person in the person's active couple, as a subquery (empty without one)."""
    together = Membership.objects.filter(couple__in=couple_of(person), active=True)
    return together.exclude(person=person).values("person")


def parties_only(objects: QuerySet, person: User) -> QuerySet:
    """Those the person takes part in: a joint agreement, a dialogue."""
    return objects.filter(parties=person)


class OnlyItsWriter(QuerySet):
    """Objects only their writer reads (the person in the field `writer`)."""

    writer = "author"

    def visible_to(self, person: User) -> QuerySet:
        return writer_only(self, person, writer=self.writer)


class OnlyItsParties(QuerySet):
    """Objects only the people taking part in them read."""

    def visible_to(self, person: User) -> QuerySet:
        return parties_only(self, person)


class SharedByItsWriter(QuerySet):
    """The one scope of a `SharedWithPartner` kind: its writer's, and those their partner in an
    active couple shared."""

    def visible_to(self, person: User) -> QuerySet:
        return writer_and_partner_once_shared(self, person, writer=self.model.writer)


class SharedWithPartner(models.Model):
    """An entry private to its writer until they share it with their partner, one at a time.

    A kind sets `writer` (the field of the person who wrote it) and uses `SharedByItsWriter`
    as its scope. It says how the partner's page shows what was shared: `shared_template`
    draws one entry (given `entry`), under `shared_heading`; a kind whose own page shows its
    shared entries (check-ins, on their week board) leaves `shared_template` empty. Its
    `get_absolute_url` is the writer's page where it is listed, with its share switch.
    """

    writer = "author"
    shared_template = ""
    shared_heading = ""
    shared_place = 0  # where the partner's page lists the kind, the lowest first

    shared_with_partner = models.BooleanField(_("share with my partner"), default=False)

    class Meta:
        abstract = True

    def share_with_partner(self, shared: bool) -> None:
        """Share it with the writer's partner, or make it private again."""
        self.shared_with_partner = shared
        touched = [
            field.name for field in self._meta.concrete_fields if getattr(field, "auto_now", False)
        ]
        self.save(update_fields=["shared_with_partner", *touched])

    @classmethod
    def shared_sections(cls, entries: list) -> list[tuple[str, list]]:
        """The partner's page shows a kind's shared entries under these headings."""
        return [(cls.shared_heading, entries)] if entries else []


def shareable_models() -> list[type[SharedWithPartner]]:
    """Every kind of entry a writer may share with their partner, in a stable order."""
    found = [model for model in apps.get_models() if issubclass(model, SharedWithPartner)]
    return sorted(found, key=lambda model: model._meta.label_lower)


def share_key(model: type[SharedWithPartner]) -> str:
    """The kind's name in a share switch's address: `programs-debrief`."""
    return model._meta.label_lower.replace(".", "-")


def shareable_model(key: str) -> type[SharedWithPartner] | None:
    return next((model for model in shareable_models() if share_key(model) == key), None)


@dataclass(frozen=True)
class SharedSection:
    """One group of the partner's page: its heading, the template of one entry, the entries."""

    heading: str
    template: str
    entries: list


def shared_by(writer: User, reader: User, *, most: int) -> list[SharedSection]:
    """What `writer` shared with `reader` (their partner), of every kind the partner's page
    lists, grouped under its headings: the newest `most` of each kind, one query a kind."""
    sections = []
    for model in sorted(shareable_models(), key=lambda model: model.shared_place):
        if model.shared_template:
            shared = model.objects.visible_to(reader).filter(
                **{model.writer: writer, "shared_with_partner": True}
            )
            for heading, entries in model.shared_sections(list(shared[:most])):
                sections.append(SharedSection(heading, model.shared_template, entries))
    return sections


def partner_sees(person: User, mine: QuerySet) -> str | None:
    """The privacy summary's words for the person's own entries of a shareable kind: how many
    their partner sees, in one query; None when they wrote none."""
    counts = mine.aggregate(
        total=Count("pk"), shared=Count("pk", filter=Q(shared_with_partner=True))
    )
    if not counts["total"]:
        return None
    if person.partner is None:
        return gettext("Only you: you are not in a couple now.")
    return gettext("Shared with %(name)s: %(shared)s of %(total)s. The rest are private.") % {
        "name": person.partner.name,
        **counts,
    }


def unshare_all(people) -> None:
    """Nothing these people shared stays shared: it was shared with that partner, not with
    whoever comes next."""
    for model in shareable_models():
        shared = model.objects.filter(
            **{f"{model.writer}__in": people, "shared_with_partner": True}
        )
        shared.update(shared_with_partner=False)

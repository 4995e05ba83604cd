"""The reminder engine: kinds registered by feature apps, one dispatcher, exactly-once delivery.

How a reminder travels:

1. A feature offers its kinds through its `reminder_kinds` hook (the core registers its own in
   its AppConfig.ready()) and keeps each person's rule up to date with `schedule_reminder`.
   The rule is plain data in the person's wall-clock time; the row stores the UTC instant of
   the next slot in `next_due_at`.
2. The dispatcher (`dispatch_due`, run by beat every 30 seconds) claims due rows of the kinds
   this process knows in batches, `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL, so several
   dispatchers share the work without waiting on each other. For each due slot it records a
   Delivery under the unique key (person, kind, slot) and moves the row to its next slot, in one
   transaction. Only the deliveries that were new are enqueued, after commit, a few hundred ids
   per task. A row of a kind this process does not know (a worker of an older release during a
   rolling deploy) is left as it is, for a process that knows it.
3. The send (`deliver`) locks its delivery row, does nothing unless it is still pending, and
   goes through the one notify path: the in-app notification is committed first, with the
   delivery marked SENDING; after that commit a push goes to each of the person's devices
   (built with the notification), and the email to the mail server (`send_after_commit`) with
   a Message-ID that stays the same on every try, and the delivery is marked SENT once the
   server took it. Only a crash between those last two steps can send an email twice, and
   mail clients fold the repeat into one.
   An action that tells the partner at once (a signal, "I'm here") does not wait for the
   dispatcher: `notify_now` records the delivery and writes the in-app notification in the
   action's own transaction, and hands the pushes and the email to the worker on commit.
4. `retry_pending` re-enqueues pending deliveries whose task was lost (a killed worker, a
   restarted Redis) and deliveries whose email was not confirmed within `RETRY_AFTER` (a failed
   mail server, a worker killed mid-send), and skips those that have become too stale.

A slot older than its kind's `stale_after` is skipped, never sent late. A delivery's key names
the slot's UTC instant, so a slot is one delivery whatever the person's zone, and two times of a
rule that land on one instant are one.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.functional import Promise

from couplespace import notices, push
from couplespace.models import Delivery, Reminder, User
from couplespace.notices import ByValues, FromAction, Message, Words
from couplespace.notify import Outcome, notify, send_after_commit
from couplespace.wallclock import (
    NextSlot,
    Slot,
    first_slot_not_reminded,
    format_local,
    is_one_off,
    parse_local,
    slots_before,
)

logger = logging.getLogger(__name__)

RETRY_AFTER = timedelta(minutes=2)
MAX_ATTEMPTS = 5
BATCH_SIZE = 1000
JUST_BEFORE = timedelta(microseconds=1)
UNFINISHED = (Delivery.Status.PENDING, Delivery.Status.SENDING)


@dataclass(frozen=True)
class ReminderKind:
    """A kind of reminder a feature app offers, declared once as an object and passed to
    `schedule_reminder`; its `name` is what the rows store.

    `next_slot(rule, zone, after)` gives the first slot after a wall-clock time, or None. What
    the reminder says is generic, never what anyone wrote: most kinds say the same each time
    (`message` is their `Words`); a kind whose words name its slot's time of day gives
    `ByValues`, which turns the slot's wall-clock time into the plain values its notification
    keeps and says its words from them (again each time the notification is read); a kind
    whose in-app words name what an action was about gives `FromAction`.
    """

    name: str
    label: str | Promise
    next_slot: NextSlot
    message: Words | ByValues | FromAction
    stale_after: timedelta = timedelta(hours=1)

    def words(self, values: dict) -> Words:
        """What a notification of this kind with these values says."""
        if isinstance(self.message, ByValues | FromAction):
            return self.message.words(values)
        return self.message

    def message_for(self, local: datetime) -> Message:
        """What the reminder of the slot at wall-clock time `local` says."""
        values = self.message.values_at(local) if isinstance(self.message, ByValues) else {}
        return self.words(values).message(values)


KINDS: dict[str, ReminderKind] = {}


def register(kind: ReminderKind) -> None:
    KINDS[kind.name] = kind
    notices.register(kind.name, kind.words)


def slot_key(topic: str, due_at: datetime) -> str:
    """The delivery key's slot: the reminder's topic and the slot's UTC instant."""
    return f"{topic}@{format_local(due_at.astimezone(UTC).replace(tzinfo=None))}Z"


def deliveries_of(person_id: int, kind: str, topic: str) -> QuerySet[Delivery]:
    """The deliveries of one reminder (a person's kind and topic)."""
    return Delivery.objects.filter(person=person_id, kind=kind, slot__startswith=f"{topic}@")


def schedule_reminder(
    *,
    person: User,
    kind: ReminderKind,
    rule: dict | None,
    topic: str = "",
    now: datetime | None = None,
) -> Reminder:
    """Set a person's rule for a kind (None: nothing planned) and plan its next slot.

    Stopping it also cancels a slot recorded and not yet sent (the program paused just after
    its reminder fell due). A changed daily, weekly or monthly rule does not send again the
    slots of the day that were sent under the previous one.
    """
    now = now or timezone.now()
    rule = rule or {}
    previous = Reminder.objects.filter(person=person, kind=kind.name, topic=topic).first()
    if not rule:
        cancel_pending(deliveries_of(person.pk, kind.name, topic), now)
        slot = None
    elif is_one_off(rule):  # one for this very instant ("at once") is still to send
        slot = first_slot_not_reminded(kind.next_slot, rule, person.zone, now - JUST_BEFORE)
    elif previous and previous.rule and previous.rule != rule:
        reminded = _last_reminded(person, kind, topic, now)
        slot = first_slot_not_reminded(
            kind.next_slot,
            rule,
            person.zone,
            now,
            reminded=reminded,
            reminded_count=reminded
            and slots_before(kind.next_slot, previous.rule, person.zone, reminded) + 1,
        )
    else:
        slot = first_slot_not_reminded(kind.next_slot, rule, person.zone, now)
    reminder, _ = Reminder.objects.update_or_create(
        person=person,
        kind=kind.name,
        topic=topic,
        defaults={
            "rule": rule,
            "next_due_at": slot.due_at if slot else None,
            "next_slot": slot.key if slot else "",
        },
    )
    return reminder


def _last_reminded(person: User, kind: ReminderKind, topic: str, now: datetime):
    """The wall-clock time of this reminder's last slot sent in the past two days, if any."""
    last = (
        deliveries_of(person.pk, kind.name, topic)
        .filter(due_at__gt=now - timedelta(days=2), due_at__lte=now)
        .exclude(status__in=[Delivery.Status.OFF, Delivery.Status.SKIPPED])
        .order_by("-due_at")
        .values_list("due_at", flat=True)
        .first()
    )
    return last and last.astimezone(person.zone).replace(tzinfo=None)


def cancel_pending(deliveries: QuerySet[Delivery], now: datetime) -> None:
    deliveries.filter(status=Delivery.Status.PENDING).update(
        status=Delivery.Status.OFF, finished_at=now
    )


def reschedule_person(person: User, *, now: datetime | None = None) -> None:
    """Plan every reminder of a person again, after their time zone changed. A one-off is an
    instant, the same in every zone: it stays as it is (re-planned, one just due and not yet
    sent would be lost)."""
    for reminder in Reminder.objects.filter(person=person).exclude(rule={}):
        if is_one_off(reminder.rule):
            continue
        schedule_reminder(
            person=person,
            kind=KINDS[reminder.kind],
            rule=reminder.rule,
            topic=reminder.topic,
            now=now,
        )


def stop_reminders(reminders: QuerySet[Reminder]) -> None:
    """Nothing more is planned for these reminders, whatever their kind: each keeps its row,
    without a rule, and a slot recorded and not yet sent is cancelled."""
    now = timezone.now()
    for reminder in reminders.exclude(rule={}):
        reminder.rule, reminder.next_due_at, reminder.next_slot = {}, None, ""
        reminder.save(update_fields=["rule", "next_due_at", "next_slot", "updated_at"])
        cancel_pending(deliveries_of(reminder.person_id, reminder.kind, reminder.topic), now)


@dataclass
class _Due:
    """A claimed row, read as plain values."""

    id: int
    person_id: int
    kind: str
    topic: str
    rule: dict
    next_slot: str
    next_due_at: datetime
    zone: str


def dispatch_due(
    *,
    enqueue: Callable[[list[int]], None],
    now: datetime | None = None,
    batch_size: int = BATCH_SIZE,
) -> int:
    """Claim every due reminder, record its deliveries, enqueue them; return how many claimed."""
    now = now or timezone.now()
    claimed = 0
    while True:
        with transaction.atomic():
            rows = _claim(now, batch_size)
            if not rows:
                return claimed
            moves, records = _plan(rows, now)
            delivery_ids = _write(rows, moves, records, now)
            if delivery_ids:
                transaction.on_commit(lambda ids=delivery_ids: enqueue(ids))
        claimed += len(rows)


def _skip_locked() -> bool:
    return connection.features.has_select_for_update_skip_locked


def _claim(now: datetime, batch_size: int) -> list[_Due]:
    due = Reminder.objects.filter(next_due_at__lte=now, kind__in=list(KINDS)).order_by(
        "next_due_at"
    )
    if _skip_locked():
        due = due.select_for_update(skip_locked=True, of=("self",))
    fields = ("id", "person_id", "kind", "topic", "rule", "next_slot", "next_due_at")
    return [_Due(*row) for row in due.values_list(*fields, "person__timezone")[:batch_size]]


def _plan(rows: list[_Due], now: datetime) -> tuple[dict, list[tuple[_Due, Slot]]]:
    """Where each row moves next, and which of its due slots are fresh enough to send."""
    moves: dict[int, Slot | None] = {}
    records: list[tuple[_Due, Slot]] = []
    zones: dict[str, ZoneInfo] = {}
    for row in rows:
        kind = KINDS[row.kind]
        zone = zones.setdefault(row.zone, ZoneInfo(row.zone))
        slot: Slot | None = Slot(local=parse_local(row.next_slot), due_at=row.next_due_at)
        while slot is not None and slot.due_at <= now:
            if now - slot.due_at <= kind.stale_after:
                records.append((row, slot))
            slot = _later(kind, row.rule, zone, slot)
        moves[row.id] = slot
    return moves, records


def _later(kind: ReminderKind, rule: dict, zone: ZoneInfo, slot: Slot) -> Slot | None:
    """The rule's next slot that fires later than `slot` (a one-off planned in another zone
    than the person's now reads as a later wall-clock time, yet it is the same instant)."""
    following = kind.next_slot(rule, zone, slot.local)
    while following is not None and following.due_at <= slot.due_at:
        following = kind.next_slot(rule, zone, following.local)
    return following


def _write(rows: list[_Due], moves: dict, records: list, now: datetime) -> list[int]:
    if connection.vendor == "postgresql":
        return _write_claimed(moves, records, now)
    return _write_if_unchanged(rows, moves, records, now)


def _write_claimed(moves: dict, records: list, now: datetime) -> list[int]:
    """PostgreSQL: the rows are locked by this transaction; move them and record in bulk."""
    reminder = connection.ops.quote_name(Reminder._meta.db_table)
    delivery = connection.ops.quote_name(Delivery._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {reminder} AS r SET next_due_at = v.due, next_slot = v.slot"
            " FROM unnest(%s::bigint[], %s::timestamptz[], %s::text[]) AS v(id, due, slot)"
            " WHERE r.id = v.id",
            [
                list(moves),
                [slot.due_at if slot else None for slot in moves.values()],
                [slot.key if slot else "" for slot in moves.values()],
            ],
        )
        if not records:
            return []
        cursor.execute(
            f"INSERT INTO {delivery}"
            " (person_id, kind, slot, due_at, status, attempts, created_at, enqueued_at)"
            " SELECT v.person_id, v.kind, v.slot, v.due_at, %s, 0, %s, %s"
            " FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::timestamptz[])"
            " AS v(person_id, kind, slot, due_at)"
            " ON CONFLICT (person_id, kind, slot) DO NOTHING RETURNING id",
            [
                Delivery.Status.PENDING,
                now,
                now,
                [row.person_id for row, _ in records],
                [row.kind for row, _ in records],
                [slot_key(row.topic, slot.due_at) for row, slot in records],
                [slot.due_at for _, slot in records],
            ],
        )
        return [row[0] for row in cursor.fetchall()]


def _write_if_unchanged(rows: list[_Due], moves: dict, records: list, now: datetime) -> list[int]:
    """Without SKIP LOCKED (SQLite): claim each row by a conditional UPDATE, like healthchecks.

    Only the dispatcher whose UPDATE still finds the row at the slot it read may record it.
    """
    won = set()
    for row in rows:
        slot = moves[row.id]
        changed = Reminder.objects.filter(
            pk=row.id, next_due_at=row.next_due_at, next_slot=row.next_slot
        ).update(next_due_at=slot.due_at if slot else None, next_slot=slot.key if slot else "")
        if changed:
            won.add(row.id)
    delivery = connection.ops.quote_name(Delivery._meta.db_table)
    adapt = connection.ops.adapt_datetimefield_value
    ids = []
    with connection.cursor() as cursor:
        for row, slot in records:
            if row.id not in won:
                continue
            cursor.execute(
                f"INSERT INTO {delivery}"
                " (person_id, kind, slot, due_at, status, attempts, created_at, enqueued_at)"
                " VALUES (%s, %s, %s, %s, %s, 0, %s, %s)"
                " ON CONFLICT (person_id, kind, slot) DO NOTHING RETURNING id",
                [
                    row.person_id,
                    row.kind,
                    slot_key(row.topic, slot.due_at),
                    adapt(slot.due_at),
                    Delivery.Status.PENDING,
                    adapt(now),
                    adapt(now),
                ],
            )
            ids.extend(found[0] for found in cursor.fetchall())
    return ids


def retry_pending(
    *,
    enqueue: Callable[[list[int]], None],
    now: datetime | None = None,
    batch_size: int = BATCH_SIZE,
) -> int:
    """Enqueue again the pending deliveries whose task never finished; skip the stale ones.

    Returns how many were enqueued again. Each batch leaves the rows it saw either finished or
    marked as just enqueued, so the loop ends.
    """
    now = now or timezone.now()
    enqueued = 0
    while True:
        with transaction.atomic():
            waiting = Delivery.objects.filter(
                status__in=UNFINISHED, kind__in=list(KINDS), enqueued_at__lte=now - RETRY_AFTER
            ).order_by("enqueued_at")
            if _skip_locked():
                waiting = waiting.select_for_update(skip_locked=True)
            fields = ("id", "kind", "due_at", "attempts", "status")
            rows = list(waiting.values_list(*fields)[:batch_size])
            again = _sort_waiting(rows, now)
            if again:
                transaction.on_commit(lambda ids=again: enqueue(ids))
        enqueued += len(again)
        if len(rows) < batch_size:
            return enqueued


def _sort_waiting(rows: list[tuple], now: datetime) -> list[int]:
    """Skip what is stale, give up on what failed too often; return the ids to try again.

    A delivery whose email was not confirmed already has its in-app notification: given up,
    it counts as in the app only; tried again, it goes back to pending, and its notification
    is not written twice.
    """
    outcomes: dict[str, list[int]] = {}
    for pk, kind, due_at, attempts, status in rows:
        notified = status == Delivery.Status.SENDING
        if now - due_at > KINDS[kind].stale_after:
            outcome = Delivery.Status.IN_APP if notified else Delivery.Status.SKIPPED
        elif attempts >= MAX_ATTEMPTS:
            outcome = Delivery.Status.IN_APP if notified else Delivery.Status.FAILED
        else:
            outcome = Delivery.Status.PENDING
        outcomes.setdefault(outcome, []).append(pk)
    again = outcomes.pop(Delivery.Status.PENDING, [])
    for outcome, ids in outcomes.items():
        Delivery.objects.filter(pk__in=ids).update(status=outcome, finished_at=now)
    Delivery.objects.filter(pk__in=again).update(status=Delivery.Status.PENDING, enqueued_at=now)
    return again


def deliver(delivery_id: int, *, now: datetime | None = None) -> str | None:
    """Send one recorded slot, unless it was sent already; returns its status.

    The row lock makes two workers holding the same id take turns: the second finds it done,
    or being sent. An exception before the commit (say the database went away) rolls the
    in-app row back too, so the retry writes it once; the email is sent after the commit, and
    a mail server that fails leaves the delivery SENDING for `retry_pending`.
    """
    now = now or timezone.now()
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("person")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status != Delivery.Status.PENDING:
            return delivery.status if delivery else None
        kind = KINDS.get(delivery.kind)
        if kind is None:
            return delivery.status  # left for a worker that knows this kind
        outcome = _notify(delivery, kind, now)
        delivery.save(update_fields=["status", "attempts", "enqueued_at", "finished_at"])
    push.send(list(outcome.pushes))
    if delivery.status != Delivery.Status.SENDING:
        return delivery.status
    return _send(delivery, now)


def _message(delivery: Delivery, kind: ReminderKind, values: dict | None = None) -> Message:
    """What the delivery says: its kind's words, from the values an action gave, else for the
    slot's time on the person's clock."""
    if values is not None:
        return kind.words(values).message(values)
    local = delivery.due_at.astimezone(delivery.person.zone).replace(tzinfo=None)
    return kind.message_for(local)


def _notify(
    delivery: Delivery, kind: ReminderKind, now: datetime, values: dict | None = None
) -> Outcome:
    """Decide the delivery's status and write its in-app row (status SENDING: the email is
    still to send); return what is to send after the commit."""
    if now - delivery.due_at > kind.stale_after:
        delivery.status, delivery.finished_at = Delivery.Status.SKIPPED, now
        return Outcome(delivery.status)
    message = _message(delivery, kind, values)
    outcome = notify(delivery.person, delivery.kind, message, delivery=delivery, now=now)
    delivery.status = outcome.status
    if outcome.status == Delivery.Status.SENDING:
        delivery.attempts += 1
        delivery.enqueued_at = now
    else:
        delivery.finished_at = now
    return outcome


def _send(delivery: Delivery, now: datetime) -> str:
    send_after_commit(delivery.person, delivery.kind, delivery=delivery)
    return _confirm_sent(delivery, now)


def _confirm_sent(delivery: Delivery, now: datetime) -> str:
    Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.SENDING).update(
        status=Delivery.Status.SENT, finished_at=now
    )
    return Delivery.Status.SENT


def notify_now(
    *,
    person: User,
    kind: ReminderKind,
    topic: str,
    enqueue: Callable[[int, list], None],
    now: datetime | None = None,
    values: dict | None = None,
) -> Delivery | None:
    """Tell a person at once, as part of the caller's transaction (a partner's signal).

    `values` are what a `FromAction` kind's in-app words are said from (the push opens the
    same page); its email, sent later, is said from none of them.

    The delivery is recorded under the same key as the dispatcher's (person, kind, the topic
    and this instant) and the in-app notification written with it, so both commit or neither
    does; the sending step is handed to the worker once they committed (`enqueue(id, pushes)`,
    which runs `send_delivery`; the pushes travel as device ids and words, never as a device's
    keys). If that hand-over is lost, `retry_pending` finds the delivery SENDING and sends its
    email, without writing the notification twice (the pushes, a quick nudge, are not sent
    late). None if this slot was recorded already.
    """
    now = now or timezone.now()
    delivery, created = Delivery.objects.get_or_create(
        person=person,
        kind=kind.name,
        slot=slot_key(topic, now),
        defaults={"due_at": now, "created_at": now, "enqueued_at": now},
    )
    if not created:
        return None
    outcome = _notify(delivery, kind, now, values)
    delivery.save(update_fields=["status", "attempts", "enqueued_at", "finished_at"])
    if delivery.status == Delivery.Status.SENDING or outcome.pushes:
        pushes = push.to_task(outcome.pushes)
        transaction.on_commit(lambda: enqueue(delivery.pk, pushes), robust=True)
    return delivery


def send_delivery(
    delivery_id: int, pushes: list | None = None, *, now: datetime | None = None
) -> str | None:
    """The worker's half of `notify_now`: the pushes, then the email of a delivery whose in-app
    notification has committed; no email if it was sent already."""
    now = now or timezone.now()
    push.send(push.from_task(pushes or []))
    delivery = Delivery.objects.select_related("person").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != Delivery.Status.SENDING:
        return delivery.status if delivery else None
    if delivery.kind not in KINDS:
        return delivery.status  # left for a worker that knows this kind
    return _send(delivery, now)


def deliver_all(delivery_ids: list[int], *, now: datetime | None = None) -> None:
    """Send each delivery; one failure is logged and counted, and does not stop the rest."""
    for delivery_id in delivery_ids:
        try:
            deliver(delivery_id, now=now)
        except Exception:
            logger.exception("Delivery %s failed; it will be tried again.", delivery_id)
            Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.PENDING).update(
                attempts=F("attempts") + 1
            )

"""Encryption at rest for what people write about themselves.

Every person has data keys (AES-256-GCM, through `cryptography`). A data key is stored only
wrapped by the environment's ENCRYPTION_KEYS (Fernet; the first key wraps, every listed key
unwraps, so the environment key can be rotated). An encrypted column holds a token
``enc1:<key id>:<base64 of nonce and ciphertext>``: the key id names the `PersonKey` row, so
reading a value needs nothing but the token. The column's name is bound into the ciphertext, so
a token copied into another column does not decrypt.

Deleting a person deletes their keys with them: from then on their tokens cannot be read, in the
database or in a dump of it. Unwrapped keys are remembered only for the length of one request or
one task (see `forget_keys`).
"""

import base64
import json
import secrets
import threading
from collections.abc import Iterator
from decimal import Decimal

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

PREFIX = "enc1:"
NONCE_BYTES = 12
UNREADABLE = _("(This text can no longer be read.)")


class EncryptionError(Exception):
    pass


class _Keys(threading.local):
    def __init__(self) -> None:
        self.by_id: dict[int, AESGCM] = {}
        self.current: dict[int, int] = {}


_keys = _Keys()


def forget_keys(**_signal_kwargs) -> None:
    """Drop every unwrapped key this thread holds (at the start and end of a request or task)."""
    _keys.by_id.clear()
    _keys.current.clear()


def new_wrapping_key() -> str:
    """A fresh key for ENCRYPTION_KEYS. It needs no settings: manage.py makes one before any."""
    return Fernet.generate_key().decode()


def wrapper() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in settings.ENCRYPTION_KEYS])


def is_token(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def key_id_of(token: str) -> int:
    return int(token[len(PREFIX) :].split(":", 1)[0])


def _person_key_model():
    return apps.get_model("couplespace", "PersonKey")


def _remember(row) -> int:
    """Unwrap a `PersonKey` row for this request or task; returns its id."""
    _keys.by_id[row.pk] = AESGCM(row.unwrap())
    return row.pk


def _cipher(key_id: int) -> AESGCM | None:
    """The key that opens a token, with every other key of its owner in the same query: a page
    that shows someone's words and then saves what they write needs both their old and their
    newest key."""
    if key_id not in _keys.by_id:
        PersonKey = _person_key_model()
        owner = PersonKey.objects.filter(pk=key_id).values("person_id")
        rows = list(
            PersonKey.objects.filter(person_id__in=owner).only("person", "wrapped").order_by("pk")
        )
        for row in rows:
            _remember(row)
        if rows:
            newest = rows[-1]
            transaction.on_commit(lambda: _keys.current.setdefault(newest.person_id, newest.pk))
    return _keys.by_id.get(key_id)


def current_key_id(person_id: int) -> int:
    """The key that encrypts what this person writes now; made on their first entry."""
    if person_id in _keys.current:
        return _keys.current[person_id]
    PersonKey = _person_key_model()
    row = PersonKey.objects.filter(person_id=person_id).order_by("-pk").first()
    if row is None:
        row = PersonKey.make(person_id)
    key_id = _remember(row)
    # A key made inside a transaction that rolls back must not be used afterwards.
    transaction.on_commit(lambda: _keys.current.setdefault(person_id, key_id))
    return key_id


def encrypt(text: str, person_id: int, context: str) -> str:
    key_id = current_key_id(person_id)
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = _keys.by_id[key_id].encrypt(nonce, text.encode(), context.encode())
    return f"{PREFIX}{key_id}:{base64.b64encode(nonce + sealed).decode()}"


def decrypt(token: str, context: str) -> str | None:
    """The text, or None when its key is gone (its writer deleted their account)."""
    try:
        key_id = key_id_of(token)
        sealed = base64.b64decode(token.rsplit(":", 1)[1])
    except (ValueError, IndexError) as error:
        raise EncryptionError(f"Not an encrypted value: {token[:20]!r}") from error
    cipher = _cipher(key_id)
    if cipher is None:
        return None
    try:
        return cipher.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], context.encode()).decode()
    except InvalidTag as error:
        raise EncryptionError(f"Key {key_id} does not open this value of {context}.") from error


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def wrap(data_key: bytes) -> str:
    return wrapper().encrypt(data_key).decode()


def unwrap(wrapped: str) -> bytes:
    try:
        return wrapper().decrypt(wrapped.encode())
    except InvalidToken as error:
        raise EncryptionError(
            "No key in ENCRYPTION_KEYS opens a stored person key: was a key removed too early?"
        ) from error


def rewrap(wrapped: str) -> str:
    """The same data key, wrapped by the first of ENCRYPTION_KEYS."""
    return wrapper().rotate(wrapped.encode()).decode()


class Clear(str):
    """A value an encrypted column keeps in clear because its row has no owner yet (see
    `clear_without_owner`)."""


class EncryptedMixin:
    """A column stored encrypted with its owner's key.

    `owner` is a dotted path from the row to the id of the person whose words these are,
    e.g. ``"author_id"`` or ``"version.created_by_id"``. Rows are written through `save()` or
    `bulk_create()`, which know the row; `update()`, `bulk_update()` and lookups by value cannot
    encrypt and are refused, so plain text never reaches the table and no search silently fails.
    With `clear_without_owner`, a row without an owner (a visitor's) keeps the value in clear
    until it has one and is saved again.
    """

    def __init__(self, *args, owner: str, clear_without_owner: bool = False, **kwargs):
        self.owner = owner
        self.clear_without_owner = clear_without_owner
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["owner"] = self.owner
        if self.clear_without_owner:
            kwargs["clear_without_owner"] = True
        return name, path, args, kwargs

    def get_internal_type(self) -> str:
        return "TextField"

    @cached_property
    def context(self) -> str:
        return f"{self.model._meta.label}.{self.name}"

    def dump(self, value) -> str:
        """The value as the text that is encrypted."""
        return value

    def load(self, text: str):
        """The value back from its text."""
        return text

    def is_empty(self, value) -> bool:
        return value is None or value == ""

    def owner_id(self, instance) -> int | None:
        value = instance
        for part in self.owner.split("."):
            value = getattr(value, part)
        if value is None and not self.clear_without_owner:
            raise EncryptionError(f"{self.context} has no owner to encrypt for.")
        return value

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        if self.is_empty(value) or is_token(value):
            return value
        owner_id = self.owner_id(model_instance)
        if owner_id is None:
            return Clear(self.dump(value))
        return encrypt(self.dump(value), owner_id, self.context)

    def get_prep_value(self, value):
        if self.is_empty(value) or is_token(value) or isinstance(value, Clear):
            return value
        raise EncryptionError(
            f"{self.context} is encrypted: write it with save() or bulk_create(), never "
            "update() or bulk_update(), and do not look rows up by its value."
        )

    def get_db_prep_value(self, value, connection, prepared=False):
        return value if prepared else self.get_prep_value(value)

    def from_db_value(self, value, expression, connection):
        if self.is_empty(value):
            return value
        if not is_token(value):
            return self.load(value)
        text = decrypt(value, self.context)
        return self.unreadable() if text is None else self.load(text)

    def unreadable(self):
        return str(UNREADABLE)


class EncryptedTextField(EncryptedMixin, models.TextField):
    pass


class EncryptedCharField(EncryptedMixin, models.CharField):
    """Short encrypted text: a one-line input in forms, a text column in the database."""


class EncryptedDecimalField(EncryptedMixin, models.TextField):
    """A number with `decimal_places` places, read back as a Decimal."""

    def __init__(self, *args, decimal_places: int, **kwargs):
        self.decimal_places = decimal_places
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["decimal_places"] = self.decimal_places
        return name, path, args, kwargs

    def dump(self, value) -> str:
        return str(value)

    def load(self, text: str) -> Decimal:
        return Decimal(text).quantize(Decimal(1).scaleb(-self.decimal_places))

    def unreadable(self) -> None:
        return None


class EncryptedBooleanField(EncryptedMixin, models.BooleanField):
    """A yes or no, read back as a bool. Both are sealed as one character, so the length of the
    token does not tell them apart."""

    AS_STORED = {True: "1", False: "0"}
    # What a boolean column turns into when it becomes text: "1"/"0" on SQLite, "true"/"false"
    # on PostgreSQL. Read so that the migration that seals such a column can read what it seals.
    READ = {"1": True, "0": False, "true": True, "false": False}

    def dump(self, value) -> str:
        return self.AS_STORED[bool(value)]

    def load(self, text: str) -> bool:
        try:
            return self.READ[text]
        except KeyError as error:
            raise EncryptionError(f"{self.context} holds {text!r}, not a yes or no.") from error

    def unreadable(self) -> None:
        return None


class EncryptedJSONField(EncryptedMixin, models.TextField):
    """A JSON value (e.g. a dict of answers), read back as Python."""

    def dump(self, value) -> str:
        return json.dumps(value, sort_keys=True)

    def load(self, text: str):
        return json.loads(text)

    def unreadable(self) -> None:
        return None


def encrypted_columns(model) -> list[EncryptedMixin]:
    return [field for field in model._meta.concrete_fields if isinstance(field, EncryptedMixin)]


def encrypted_fields() -> Iterator[tuple[type[models.Model], list[EncryptedMixin]]]:
    """Every model with encrypted columns, and those columns."""
    for model in apps.get_models():
        if fields := encrypted_columns(model):
            yield model, fields


def _raw_columns(model, fields):
    """Each row's pk and its columns as stored (tokens, not text)."""
    raw = {f"raw_{field.name}": Cast(field.name, models.TextField()) for field in fields}
    return list(model._base_manager.annotate(**raw).values("pk", *raw).order_by("pk"))


def seal_plain_text(model) -> tuple[int, int]:
    """Encrypt values written before their column was encrypted.

    Returns (rows sealed, rows left as they were because no owner is left to encrypt for).
    Migrations call it with their historical models.
    """
    fields = encrypted_columns(model)
    sealed = left = 0
    for row in _raw_columns(model, fields):
        plain = [f for f in fields if row[f"raw_{f.name}"] and not is_token(row[f"raw_{f.name}"])]
        if not plain:
            continue
        instance = model._base_manager.get(pk=row["pk"])
        try:
            if None in {field.owner_id(instance) for field in plain}:
                raise EncryptionError("Kept in clear until the row has an owner.")
            instance.save(update_fields=[field.name for field in plain])
        except EncryptionError:
            left += 1
        else:
            sealed += 1
    return sealed, left


def open_sealed(model) -> None:
    """Write each encrypted value back in clear, as `seal_plain_text` found it: what undoing the
    migration that sealed a column runs before the column goes back to its old type. A value whose
    key is gone stays as it is."""
    fields = encrypted_columns(model)
    for row in model._base_manager.all():
        clear = {
            field.name: Clear(field.dump(value))
            for field in fields
            if not field.is_empty(value := getattr(row, field.name)) and value != field.unreadable()
        }
        if clear:
            model._base_manager.filter(pk=row.pk).update(**clear)


def hand_over(rows, field_names: list[str], person_id: int) -> None:
    """Re-encrypt these rows' text for another person, e.g. before the writer's key is destroyed.

    The rows' text stays as it is; only whose key opens it changes.
    """
    for row in rows:
        fields = {name: row._meta.get_field(name) for name in field_names}
        tokens = {
            name: encrypt(field.dump(getattr(row, name)), person_id, field.context)
            for name, field in fields.items()
            if not field.is_empty(getattr(row, name))
        }
        if tokens:
            type(row)._base_manager.filter(pk=row.pk).update(**tokens)


def renew_data_keys() -> tuple[int, int]:
    """Give every person with a key a new one and re-encrypt their words with it.

    Returns (values re-encrypted, old keys deleted). The keys this run replaces are deleted by
    the next run, not this one: until this run commits, a request may still pick one as its
    person's newest key and write with it just after. A key that was no longer anyone's newest
    when this run began can no longer be picked; it goes once no token names it.
    """
    PersonKey = _person_key_model()
    owners = dict(PersonKey.objects.values_list("pk", "person_id"))
    newest: dict[int, int] = {}
    for key_id, person_id in owners.items():
        newest[person_id] = max(newest.get(person_id, key_id), key_id)
    retired = set(owners) - set(newest.values())
    forget_keys()
    current = {}
    for person_id in set(owners.values()):
        current[person_id] = _remember(PersonKey.make(person_id))
    # Inside this command's one transaction: the new keys live or die with the re-encryption.
    _keys.current.update(current)
    renewed = 0
    still_named: set[int] = set()
    for model, fields in encrypted_fields():
        for row in _raw_columns(model, fields):
            tokens = {}
            for field in fields:
                token = row[f"raw_{field.name}"]
                if not is_token(token) or key_id_of(token) not in owners:
                    continue
                person_id = owners[key_id_of(token)]
                if key_id_of(token) == current[person_id]:
                    continue
                text = decrypt(token, field.context)
                tokens[field.name] = encrypt(text, person_id, field.context)
            if tokens:
                model._base_manager.filter(pk=row["pk"]).update(**tokens)
                renewed += len(tokens)
        for row in _raw_columns(model, fields):
            still_named |= {
                key_id_of(row[f"raw_{f.name}"]) for f in fields if is_token(row[f"raw_{f.name}"])
            }
    deleted, _ = PersonKey.objects.filter(pk__in=retired - still_named).delete()
    forget_keys()
    return renewed, deleted

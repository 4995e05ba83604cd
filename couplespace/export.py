"""Export my data: everything a person wrote, as JSON and as CSV files in one zip."""

import csv
import io
import json
import zipfile

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F

from couplespace.features import export_for
from couplespace.models import (
    Assignment,
    Care,
    Invitation,
    Membership,
    SafetyAnswer,
    TherapistNote,
    TherapistProfile,
)


def core_sections(person) -> dict[str, list[dict]]:
    return {
        "account": [
            {
                "email": person.email,
                "name": person.display_name,
                "time_zone": person.timezone,
                "language": person.language,
                "joined": person.date_joined,
            }
        ],
        "couples": [
            {"couple": m.couple_id, "joined": m.joined_at, "ended": m.couple.ended_at}
            for m in Membership.objects.filter(person=person).select_related("couple")
        ],
        "invitations_sent": list(
            Invitation.objects.filter(inviter=person).values(
                "email", "created_at", "expires_at", "accepted_at", "withdrawn_at"
            )
        ),
        "safety_answers": list(
            SafetyAnswer.objects.visible_to(person).values("couple", "feels_afraid", "answered_at")
        ),
        **therapist_sections(person),
    }


def therapist_sections(person) -> dict[str, list[dict]]:
    """What a therapist wrote: their application, and their notes and assignments per client.

    A client appears only as the care id and the address the therapist typed to invite them:
    nothing the client wrote or shared, not even the name they chose.
    """
    return {
        "therapist_application": list(
            TherapistProfile.objects.filter(person=person).values(
                "professional_name", "credentials", "applied_at", "verified_at"
            )
        ),
        "therapist_invitations_sent": list(
            Care.objects.filter(therapist=person)
            .annotate(care=F("pk"))
            .order_by("invited_at", "pk")
            .values("care", "email", "invited_at", "accepted_at", "ended_at")
        ),
        "therapist_notes": list(
            TherapistNote.objects.filter(care__therapist=person)
            .order_by("created_at", "pk")
            .values("care", "text", "created_at")
        ),
        "therapist_assignments_set": list(
            Assignment.objects.filter(care__therapist=person)
            .order_by("created_at", "pk")
            .values("care", "step", "note", "due_date", "created_at", "done_at", "done_how")
        ),
    }


def export_zip(person) -> bytes:
    sections = {**core_sections(person), **export_for(person)}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "couplespace.json",
            json.dumps(sections, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        )
        for name, rows in sections.items():
            archive.writestr(f"csv/{name}.csv", to_csv(rows))
    return buffer.getvalue()


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    fields = list(dict.fromkeys(key for row in rows for key in row))
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()

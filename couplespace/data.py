"""Export my data: everything a person wrote, as JSON and as CSV files in one zip."""

import csv
import io
import json
import zipfile

from django.core.serializers.json import DjangoJSONEncoder

from couplespace.features import export_for
from couplespace.models import Invitation, Membership, SafetyAnswer


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
            SafetyAnswer.objects.filter(person=person).values(
                "couple", "feels_afraid", "answered_at"
            )
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

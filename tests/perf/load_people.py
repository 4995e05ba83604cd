"""The load bench's people: couples on day 9 of the program together, with some history.

Run inside the bench server's settings (Argon2 hashes, PostgreSQL) through
`manage.py shell --command "from tests.perf.load_people import populate; populate(50)"`.
Their emails and passwords are `load_driver.credentials`.
"""

from couplespace.models import SafetyAnswer
from tests.assessments.conftest import consent, make_result
from tests.conftest import make_couple, make_person
from tests.programs_helpers import enrol, write_checkpoints

HOMES = [("Europe/London", "en"), ("America/New_York", "en"), ("Asia/Shanghai", "zh-hans")]


def populate(couples: int) -> None:
    """Each couple: a week of check-ins each (the first's shared), an earlier test result each,
    consent to compare, and the safety question answered."""
    for n in range(couples):
        zone, language = HOMES[n % len(HOMES)]
        first, second = (
            make_person(f"{name}{n}", timezone=zone, language=language) for name in ("alex", "sam")
        )
        couple = make_couple(first, second)
        enrollment = enrol(first, day=9, together=True)
        write_checkpoints(first, enrollment, 21, shared_with_partner=True)
        write_checkpoints(second, enrollment, 21)
        for person, (anxiety, avoidance) in ((first, (6, 2)), (second, (2, 6))):
            make_result(person, anxiety=anxiety, avoidance=avoidance, days_ago=30)
            SafetyAnswer.objects.create(person=person, couple=couple, feels_afraid=False)
        consent(first, second)

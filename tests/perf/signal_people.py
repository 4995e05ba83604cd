"""The signal bench's couple: alex0 and sam0 of the load bench (`load_people.populate`), with an
agreement both accepted, so that alex0 can send its signal.

Run inside the bench server's settings through
`manage.py shell --command "from tests.perf.signal_people import prepare; print(prepare())"`,
which prints the agreement's id.
"""

from agreements.models import Agreement
from agreements.versions import accept_version, propose_version
from couplespace.models import User
from tests.agreements.conftest import SIGNAL
from tests.perf.load_people import populate


def prepare() -> int:
    populate(1)
    alex, sam = (
        User.objects.get(email="alex0@example.com"),
        User.objects.get(email="sam0@example.com"),
    )
    agreement = Agreement.for_couple(alex.couple)
    propose_version(agreement=agreement, author=alex, base_number=0, clauses=[SIGNAL])
    accept_version(agreement=agreement, person=sam, number=1)
    return agreement.pk

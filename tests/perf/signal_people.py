"""The signal bench's couple: alex0 and sam0 of the load bench (`load_people.populate`), with an
agreement both accepted, so that alex0 can send its signal.

Run inside the bench server's settings through
`manage.py shell --command "from tests.perf.signal_people import prepare; print(prepare(...))"`,
which prints the agreement's id. Given a push endpoint and a device's keys, sam0 has that device,
so each signal is pushed to it too.
"""

from agreements.models import Agreement
from agreements.versions import accept_version, propose_version
from couplespace.models import PushSubscription, User
from tests.agreements.conftest import SIGNAL
from tests.perf.load_people import populate


def prepare(endpoint: str = "", p256dh: str = "", auth: str = "") -> int:
    populate(1)
    alex, sam = (
        User.objects.get(email="alex0@example.com"),
        User.objects.get(email="sam0@example.com"),
    )
    agreement = Agreement.for_couple(alex.couple)
    propose_version(agreement=agreement, author=alex, base_number=0, clauses=[SIGNAL])
    accept_version(agreement=agreement, person=sam, number=1)
    if endpoint:
        PushSubscription.objects.create(
            person=sam, endpoint=endpoint, p256dh=p256dh, auth=auth, label="Chrome on Android"
        )
    return agreement.pk

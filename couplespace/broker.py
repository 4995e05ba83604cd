"""The development broker: kombu's transport in plain files, waiting half a second at a time.

Celery's worker loop waits for a message on such a transport two seconds at a time, looks for a
stop request only between waits, and waits once more after seeing one. With its timer's
1-second tick and the interpreter's exit, a worker told to stop took 5 seconds or more: as long
as `make run` (honcho) allows before it kills it, which loses the message in hand. Shorter
waits, and a finer timer (settings.py), bring that to about 2 seconds.
"""

from kombu.transport import filesystem


class Transport(filesystem.Transport):
    polling_interval = 0.5

    def drain_events(self, connection, timeout=None):
        if timeout is not None:
            timeout = min(timeout, self.polling_interval)
        return super().drain_events(connection, timeout=timeout)

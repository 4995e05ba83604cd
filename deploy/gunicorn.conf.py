"""gunicorn's settings in production: deploy/web starts gunicorn with this file.

The scheme of a request (wsgi.url_scheme, hence Django's request.is_secure()) comes from
X-Forwarded-Proto only when the request comes from one of TRUSTED_PROXIES, read by the same
settings module as the rest of the site; from anyone else the header is ignored. Without
BEHIND_PROXY nobody is trusted.
"""

import os

from couplespace import settings

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
# Sync workers, each serving one request at a time; the proxy buffers slow clients.
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
forwarded_allow_ips = ",".join(settings.TRUSTED_PROXIES)
accesslog = "-"
# A request still running after 30 s is stuck: its worker is replaced (the proxy gives up at 60).
timeout = 30

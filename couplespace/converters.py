"""Path converters shared by every app's URLs (registered once, in CoupleSpaceConfig.ready)."""


class TokenConverter:
    """A random link token (secrets.token_urlsafe): anything else is a 404 before any query, so
    a NUL byte, which PostgreSQL refuses in text, never reaches the database."""

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value

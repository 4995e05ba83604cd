from django.conf import settings
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers


class PersonPreferencesMiddleware:
    """A signed-in person sees pages in their own language and time zone.

    No page may be kept by a browser or proxy cache unless it says it is public (robots.txt):
    partners often share devices, and a visitor's test result or a shared link's page shows a
    person's data without any sign-in. Every other response is marked no-store.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
            timezone.activate(user.zone)
        try:
            response = self.get_response(request)
        finally:
            timezone.deactivate()
        if user.is_authenticated or not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response


def permissions_policy(features: dict[str, tuple[str, ...]]) -> str:
    """The Permissions-Policy header for {feature: allowed origins}: () allows none, ("self",)
    this site."""
    return ", ".join(f"{name}=({' '.join(origins)})" for name, origins in features.items())


class PermissionsPolicyMiddleware:
    """Every response (static files too) says which browser features the site may use."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response

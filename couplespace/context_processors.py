from django.conf import settings
from django.urls import reverse_lazy

# Features are linked by URL name; the core imports none of them.
TAKE_THE_TEST_URL = reverse_lazy("assessments:start")


def site(request):
    return {
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "site_url": settings.SITE_URL,
        "take_the_test_url": TAKE_THE_TEST_URL,
    }

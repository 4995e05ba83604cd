from django.conf import settings

# The relationship test (assessments/, URL name "assessments:start") is served at /test/.
TAKE_THE_TEST_URL = "/test/"


def site(request):
    return {
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "site_url": settings.SITE_URL,
        "take_the_test_url": TAKE_THE_TEST_URL,
    }

"""A shared result looks right when its link is pasted into a chat: the style, never a name."""

from django.urls import reverse

from assessments.models import ShareLink
from tests.assessments.conftest import make_result


def test_a_shared_link_preview_names_the_style_and_nobody(client, client_for, alex):
    result = make_result(alex, anxiety=5, avoidance=2)
    client_for(alex).post(reverse("assessments:share", args=[result.pk]))
    client.logout()
    token = ShareLink.objects.get().token

    page = client.get(reverse("assessments:shared", args=[token])).text

    title = "Closest to the Anxious style: a CoupleSpace test result"
    assert f'<meta property="og:title" content="{title}">' in page
    assert "Alex" not in page
    assert "alex@example.com" not in page

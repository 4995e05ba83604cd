"""What the result, report, history and couple pages say."""

import re

from django.urls import reverse

from assessments.models import ShareLink
from tests.assessments.conftest import consent, make_result


def test_the_result_page_shows_scores_style_stress_needs_and_sentences(client_for, alex):
    result = make_result(alex, anxiety=6, avoidance=2, stress="pursue", level="facts")

    page = client_for(alex).get(reverse("assessments:result", args=[result.pk])).text

    assert '<span class="score-value">6.00</span>' in page
    assert '<span class="score-value">2.00</span>' in page
    assert "Closest style: <strong>Anxious</strong>" in page
    assert "You read silence or a slow reply as a sign that something is wrong." in page
    assert "To hear when your partner will come back after they take space." in page
    assert '<q id="sentence-1">I&#x27;m feeling unsure right now.' in page
    assert 'data-copy="#sentence-1"' in page
    assert "not a diagnosis" in page
    assert "You pursue under stress" in page
    assert "Level 1: facts" in page


def test_the_chart_places_the_dot_by_avoidance_across_and_anxiety_up(client_for, alex):
    result = make_result(alex, anxiety=6, avoidance=2)

    page = client_for(alex).get(reverse("assessments:result", args=[result.pk])).text

    # 40 units per scale point from 40: avoidance 2 -> x 80; anxiety 6 -> y 280 - 200 = 80.
    assert '<circle cx="80.0" cy="80.0" r="8"' in page
    for quadrant in ("Secure", "Anxious", "Avoidant", "Fearful-avoidant"):
        assert f'font-size="13" fill="#555d6e">{quadrant}</text>' in page
    assert 'style="' not in page


def test_the_owner_creates_and_switches_off_a_share_link(client_for, alex):
    result = make_result(alex)
    client = client_for(alex)

    client.post(reverse("assessments:share", args=[result.pk]))
    link = ShareLink.objects.get()
    page = client.get(reverse("assessments:result", args=[result.pk])).text
    assert f'value="http://testserver/test/shared/{link.token}/"' in page

    response = client.post(reverse("assessments:revoke", args=[result.pk]), follow=True)
    assert "The link is switched off." in response.text
    assert "Create a share link" in response.text


def test_sharing_twice_keeps_one_live_link(client_for, alex):
    result = make_result(alex)
    client = client_for(alex)

    client.post(reverse("assessments:share", args=[result.pk]))
    client.post(reverse("assessments:share", args=[result.pk]))

    assert ShareLink.objects.live().count() == 1


def test_htmx_share_and_revoke_swap_only_the_share_section(client_for, alex):
    result = make_result(alex)
    client = client_for(alex)

    shared = client.post(
        reverse("assessments:share", args=[result.pk]), headers={"HX-Request": "true"}
    )
    revoked = client.post(
        reverse("assessments:revoke", args=[result.pk]), headers={"HX-Request": "true"}
    )

    assert shared.text.lstrip().startswith('<section class="card" id="share"')
    assert "Switch the link off" in shared.text
    assert "The link is switched off." in revoked.text


def test_the_action_report_has_practices_phrases_asks_and_a_program_step(client_for, sam):
    result = make_result(sam, anxiety=2, avoidance=6, stress="withdraw")

    page = client_for(sam).get(reverse("assessments:report", args=[result.pk])).text

    assert "Before you take space, say when you will be back, and keep that promise." in page
    assert "I&#x27;m not leaving you, I&#x27;m taking a break." in page
    assert "When I take a pause, trust that I&#x27;ll come back" in page
    assert "Phase 2, the needs dialogue (days 8–14)" in page
    assert '<a class="button" href="/program/">Go to the 28-day program</a>' in page
    assert "You withdraw under stress" in page


def test_history_shows_how_both_scores_moved(client_for, alex):
    make_result(alex, anxiety=6, avoidance=3, days_ago=60)
    make_result(alex, anxiety=5, avoidance=3, days_ago=30)
    make_result(alex, anxiety=4, avoidance=2, days_ago=0)

    page = client_for(alex).get(reverse("assessments:history")).text

    rows = re.findall(r"<tr>\s*<td>.*?</tr>", page, re.S)
    cells = [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)][1:]
        for row in rows
    ]
    assert cells == [
        ["4.00 (-1.00)", "2.00 (-1.00)", "Secure"],
        ["5.00 (-1.00)", "3.00 (0.00)", "Anxious"],
        ["6.00", "3.00", "Anxious"],
    ]
    assert '<polyline points="120,80 120,120 80,160"' in page


def test_history_pages_go_back_in_time_and_keep_the_change_across_a_page_break(client_for, alex):
    for days_ago in range(21, -1, -1):  # 22 results; the oldest two fall on page 2
        make_result(alex, anxiety=2 + days_ago % 3, avoidance=3, days_ago=days_ago)
    client = client_for(alex)

    first = client.get(reverse("assessments:history")).text
    second = client.get(reverse("assessments:history"), {"page": 2}).text

    assert "Page 1 of 2" in first
    assert '<a href="?page=2">Older results</a>' in first
    assert '<a href="?page=1">Newer results</a>' in second
    rows = re.findall(r"<tr>\s*<td>.*?</tr>", first, re.S)
    assert len(rows) == 20
    # The oldest row on page 1 (19 days ago: anxiety 3) compares with 20 days ago (anxiety 4).
    assert "3.00 (-1.00)" in re.sub(r"<[^>]+>", "", rows[-1])
    assert len(re.findall(r"<tr>\s*<td>.*?</tr>", second, re.S)) == 2


def test_history_needs_an_account(client, db):
    response = client.get(reverse("assessments:history"))

    assert response.status_code == 302
    assert response.url.startswith("/account/login/")


def test_the_couple_page_explains_anxious_and_avoidant(client_for, couple, alex, sam):
    make_result(alex, anxiety=6, avoidance=2, stress="pursue")
    make_result(sam, anxiety=2, avoidance=6, stress="withdraw")
    consent(alex, sam)

    page = client_for(alex).get(reverse("assessments:couple")).text

    assert "<h1>You and Sam</h1>" in page
    assert "Anxious and avoidant: the pursue-withdraw cycle" in page
    assert "An agreement that meets both needs" in page
    assert "the pursue-withdraw cycle. Agree in advance on a pause" in page
    assert 'fill="#1f2430">Alex</text>' in page
    assert 'fill="#1f2430">Sam</text>' in page


def test_the_couple_page_says_you_only_of_the_reader_and_names_the_partner(
    client_for, couple, alex, sam
):
    make_result(alex, anxiety=6, avoidance=2, stress="pursue")
    make_result(sam, anxiety=2, avoidance=6, stress="withdraw")
    consent(alex, sam)

    to_alex = client_for(alex).get(reverse("assessments:couple")).text
    to_sam = client_for(sam).get(reverse("assessments:couple")).text

    assert "<li>You pursue under stress.</li>" in to_alex
    assert "<li>Sam withdraws under stress.</li>" in to_alex
    assert "You withdraw" not in to_alex
    assert "<li>You withdraw under stress.</li>" in to_sam
    assert "<li>Alex pursues under stress.</li>" in to_sam
    assert "You pursue" not in to_sam


def test_in_chinese_the_partner_is_named_not_called_you(client_for, couple, alex, sam):
    make_result(alex, anxiety=6, avoidance=2, stress="pursue")
    make_result(sam, anxiety=2, avoidance=6, stress="both", level="facts")
    consent(alex, sam)
    alex.language = "zh-hans"
    alex.save(update_fields=["language"])

    page = client_for(alex).get(reverse("assessments:couple")).text

    assert "<li>压力下你会追逐。</li>" in page
    assert "<li>Sam在追逐和退缩之间交替。</li>" in page
    assert "你在追逐和退缩之间交替" not in page
    assert "<li><strong>Sam：</strong>第 1 层：事实。</li>" in page


def test_the_couple_page_for_two_anxious_partners_is_about_teamwork(client_for, couple, alex, sam):
    make_result(alex, anxiety=6, avoidance=2)
    make_result(sam, anxiety=5, avoidance=3)
    consent(alex, sam)

    page = client_for(sam).get(reverse("assessments:couple")).text

    assert "<h1>You and Alex</h1>" in page
    assert "Both anxious: facing it as a team" in page


def test_the_couple_page_compares_the_latest_results(client_for, couple, alex, sam):
    make_result(alex, anxiety=2, avoidance=2, days_ago=90)
    make_result(alex, anxiety=6, avoidance=2, days_ago=1)
    make_result(sam, anxiety=2, avoidance=6, days_ago=2)
    consent(alex, sam)

    page = client_for(alex).get(reverse("assessments:couple")).text

    assert "Anxious and avoidant" in page


def test_the_result_page_invites_a_partner_to_compare(client_for, couple, alex, sam):
    result = make_result(alex)
    client = client_for(alex)
    url = reverse("assessments:result", args=[result.pk])

    assert "Compare my results with Sam" in client.get(url).text

    client.post(reverse("assessments:consent"), {"given": "on", "next": url})
    assert "once Sam has taken the test and agreed too" in client.get(url).text

    make_result(sam, anxiety=2, avoidance=6)
    consent(sam)
    assert "See our couple page" in client.get(url).text

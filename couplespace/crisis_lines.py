"""Crisis resources for the "Get help" page. Numbers are public services, checked 2026-11."""

from django.utils.translation import gettext_lazy as _

CRISIS_LINES = [
    {
        "region": _("Anywhere"),
        "lines": [
            (_("In immediate danger, call your local emergency number."), ""),
            (_("Find a free helpline in your country"), "https://findahelpline.com"),
        ],
    },
    {
        "region": _("United States"),
        "lines": [
            (_("Emergency: 911"), "tel:911"),
            (_("National Domestic Violence Hotline: 1-800-799-7233"), "tel:18007997233"),
            (_("Suicide & Crisis Lifeline: call or text 988"), "tel:988"),
        ],
    },
    {
        "region": _("United Kingdom"),
        "lines": [
            (_("Emergency: 999"), "tel:999"),
            (_("National Domestic Abuse Helpline: 0808 2000 247"), "tel:08082000247"),
            (_("Samaritans: 116 123"), "tel:116123"),
        ],
    },
    {
        "region": _("European Union"),
        "lines": [(_("Emergency: 112"), "tel:112")],
    },
    {
        "region": _("Australia"),
        "lines": [
            (_("Emergency: 000"), "tel:000"),
            (_("1800RESPECT: 1800 737 732"), "tel:1800737732"),
            (_("Lifeline: 13 11 14"), "tel:131114"),
        ],
    },
    {
        "region": _("Mainland China"),
        "lines": [
            (_("Police: 110; ambulance: 120"), "tel:110"),
            (_("Women’s rights hotline: 12338"), "tel:12338"),
            (_("Mental health hotline: 12356"), "tel:12356"),
        ],
    },
]

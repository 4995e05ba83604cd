"""Every colour pair the design system puts text (or a control's edge) on reaches WCAG AA, in
the light theme and in the dark one, computed from the custom properties in tokens.css."""

import re
from pathlib import Path

import pytest

TOKENS = Path(__file__).resolve().parent.parent / "static" / "css" / "tokens.css"

TEXT = 4.5  # WCAG 1.4.3, normal text
EDGE = 3.0  # WCAG 1.4.11, a control's border against what is around it

PAIRS = [
    *(
        (text, ground, TEXT)
        for text in ("ink", "muted", "accent", "warm", "ok", "danger")
        for ground in ("paper", "card")
    ),
    ("ink", "field", TEXT),
    ("ink", "accent-soft", TEXT),
    ("ink", "warm-soft", TEXT),
    ("ink", "hero-from", TEXT),
    ("ink", "hero-to", TEXT),
    ("muted", "accent-soft", TEXT),
    ("muted", "hero-from", TEXT),
    ("muted", "hero-to", TEXT),
    ("accent", "accent-soft", TEXT),
    ("accent", "hero-to", TEXT),
    ("accent-ink", "accent", TEXT),
    ("warm-ink", "warm", TEXT),
    ("warm", "warm-soft", TEXT),
    ("ok", "ok-soft", TEXT),
    ("danger", "danger-soft", TEXT),
    ("field-line", "field", EDGE),
    ("field-line", "card", EDGE),
    ("accent", "card", EDGE),
]


def declarations(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", block))


def themes() -> dict[str, dict[str, str]]:
    css = re.sub(r"/\*.*?\*/", "", TOKENS.read_text(), flags=re.S)
    dark_at = css.index("@media (prefers-color-scheme: dark)")
    light = declarations(css[:dark_at])
    return {"light": light, "dark": light | declarations(css[dark_at:])}


def luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_is_computed_as_wcag_defines_it():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_the_dark_theme_sets_every_colour_the_light_one_does():
    light, dark = (declarations(part) for part in TOKENS.read_text().split("@media"))
    assert set(light) == set(dark)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(("text", "ground", "minimum"), PAIRS)
def test_colour_pairs_reach_wcag_aa(theme, text, ground, minimum):
    colours = themes()[theme]
    ratio = contrast(colours[text], colours[ground])
    assert ratio >= minimum, f"{theme}: --{text} on --{ground} is {ratio:.2f}:1"

"""Build static/icons.svg, one SVG sprite of the Lucide icons CoupleSpace uses.

    npm pack lucide-static && tar xzf lucide-static-*.tgz   # in var/, not committed
    .venv/bin/python tools/make_sprite.py var/lucide/package

Only the icons in ICONS go in; each becomes a <symbol id="NAME">, used as
<svg class="icon"><use href="/static/icons.svg#NAME"/></svg>. Lucide's licence (ISC, with MIT
for the icons derived from Feather) is copied next to the sprite."""

import re
import shutil
import sys
from pathlib import Path

ICONS = (
    "sun",
    "route",
    "handshake",
    "ellipsis",
    "bell",
    "heart",
    "life-buoy",
    "copy",
    "check",
    "chevron-down",
    "calendar-check",
    "shield-check",
    "message-circle-heart",
    "door-open",
    "heart-handshake",
    "book-open",
    "clock",
    "send",
)
STATIC = Path(__file__).resolve().parent.parent / "static"


def symbol(name: str, svg: str) -> str:
    body = re.search(r"<svg[^>]*>(.*)</svg>", svg, re.S).group(1)
    shapes = " ".join(line.strip() for line in body.strip().splitlines())
    return f'<symbol id="{name}" viewBox="0 0 24 24">{shapes}</symbol>'


def main(package: Path) -> None:
    version = re.search(r'"version":\s*"([^"]+)"', (package / "package.json").read_text()).group(1)
    icons = package / "icons"
    symbols = "\n".join(symbol(name, (icons / f"{name}.svg").read_text()) for name in ICONS)
    (STATIC / "icons.svg").write_text(
        f"<!-- Lucide {version} (https://lucide.dev), ISC licence: icons-LICENSE.txt -->\n"
        '<svg xmlns="http://www.w3.org/2000/svg">\n'
        f"{symbols}\n</svg>\n"
    )
    shutil.copy(package / "LICENSE", STATIC / "icons-LICENSE.txt")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

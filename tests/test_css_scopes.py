"""Page-specific CSS stays on its page: every rule of static/css/app.css sits in an
`@scope (.<page>-page)` block, each such page class is set by a template, and each class a
scoped rule names is used by a template of that page (or by a partial it includes). A rule for
one page's `.change` can then never restyle another page's `.change` (issue 18)."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APP_CSS = ROOT / "static/css/app.css"
# Classes Django itself renders (a form's errors), and templates a page draws other than by
# {% include "..." %}: Today's cards (each feature's today/ templates) and the test's widgets.
DJANGO_CLASSES = {"errorlist"}
DRAWN_INSIDE = {"today-page": "/today/", "test-page": "/widgets/"}
# Markup a template tag writes from Python: the week chart (programs/week_chart.py).
DRAWN_BY_TAG = {"week_chart": ROOT / "programs/week_chart.py"}


def blocks(css: str) -> list[tuple[str, str]]:
    """The top-level statements of a stylesheet, as (prelude, body), comments left out."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found, depth, start, prelude = [], 0, 0, ""
    for index, char in enumerate(css):
        if char == "{":
            if depth == 0:
                prelude, start = css[start:index].strip(), index + 1
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                found.append((prelude, css[start:index]))
                start = index + 1
    assert depth == 0 and not css[start:].strip(), "app.css has unbalanced braces"
    return found


def templates() -> dict[str, str]:
    return {
        str(path.relative_to(ROOT)): with_tags_markup(path.read_text())
        for folder in ("templates", "jinja2")
        for path in ROOT.glob(f"**/{folder}/**/*.html")
        if ".venv" not in path.parts and "var" not in path.parts
    }


def with_tags_markup(html: str) -> str:
    """The template, and the markup of each tag in it that writes markup from Python."""
    drawn = [source.read_text() for tag, source in DRAWN_BY_TAG.items() if "{% " + tag in html]
    return "\n".join([html, *drawn])


def class_tokens(html: str) -> set[str]:
    return {
        token
        for value in re.findall(r'class="([^"]*)"', html)
        for token in re.findall(r"[\w-]+", value)
    } | set(re.findall(r"block page_class %\}([\w -]+)\{%", html))


def scope_roots(prelude: str) -> list[str]:
    match = re.fullmatch(r"@scope\s*\(([^)]*)\)", prelude)
    assert match, f"app.css has a rule outside any page's @scope: {prelude!r}"
    return [root.strip() for root in match.group(1).split(",")]


def test_every_rule_of_app_css_sits_in_the_scope_of_a_page():
    for prelude, _ in blocks(APP_CSS.read_text()):
        for root in scope_roots(prelude):
            assert re.fullmatch(r"\.[a-z-]+-page", root), f"{root}: a scope is a page's class"


def test_each_page_class_is_set_by_a_template_and_its_rules_name_that_pages_classes():
    sources = templates()
    tokens = {name: class_tokens(html) for name, html in sources.items()}
    included = {
        name: set(re.findall(r'{% include "([^"]+)"', html)) for name, html in sources.items()
    }
    problems = []
    for prelude, body in blocks(APP_CSS.read_text()):
        roots = [root[1:] for root in scope_roots(prelude)]
        pages = {name for name in tokens for root in roots if root in tokens[name]}
        if not pages:
            problems.append(f"{prelude}: no template carries it")
            continue
        reach = pages | {
            n for root in roots if root in DRAWN_INSIDE for n in tokens if DRAWN_INSIDE[root] in n
        }
        # the pages and the partials they include, to any depth
        while True:
            more = {
                name
                for name in tokens
                if any(name.endswith(inc) for page in reach for inc in included[page])
            }
            if more <= reach:
                break
            reach |= more
        used = DJANGO_CLASSES.union(*(tokens[name] for name in reach))
        prefixes = tuple(token for token in used if token.endswith("-"))  # change-{{ status }}
        for name in sorted(set(re.findall(r"\.([a-zA-Z][\w-]*)", body)) - used):
            if not name.startswith(prefixes):
                problems.append(f"{prelude}: .{name} is used by none of its pages")
    assert not problems, "\n".join(problems)

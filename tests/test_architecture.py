"""The arrows between the house's rooms, read from the source with `ast` (no module is run).

The core (`couplespace`) stands alone and imports no feature; the relationship test and the
program stand on the core only; the agreement may also build on the program, never the other
way round. No module reaches another app's views (features link by URL name), and no chain
of imports comes back to where it started. Imports inside functions count too.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = "couplespace"
FEATURES = ("assessments", "programs", "agreements")
MAY_BUILD_ON = {
    CORE: set(),
    "assessments": {CORE},
    "programs": {CORE},
    "agreements": {CORE, "programs"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def our_modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for app in (CORE, *FEATURES)
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
    }


MODULES = our_modules()


def imported_names(name: str, path: Path) -> set[str]:
    """Everything a module imports, anywhere in it, as dotted names."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def our_module_of(dotted: str) -> str | None:
    """The module of ours a dotted name lives in (`programs.models.Checkpoint` ->
    `programs.models`), or None for anything else (Django, the standard library)."""
    while dotted and dotted not in MODULES:
        dotted = dotted.rpartition(".")[0]
    return dotted or None


def import_graph() -> dict[str, set[str]]:
    graph = {}
    for name, path in MODULES.items():
        targets = {our_module_of(dotted) for dotted in imported_names(name, path)}
        graph[name] = {target for target in targets if target and target != name}
    return graph


GRAPH = import_graph()


def app_of(module: str) -> str:
    return module.split(".")[0]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(module: str) -> None:
        index[module] = lowest[module] = len(index)
        stack.append(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                lowest[module] = min(lowest[module], lowest[target])
            elif target in stack:
                lowest[module] = min(lowest[module], index[target])
        if lowest[module] == index[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_it_reads_every_module_of_ours_and_sees_their_imports():
    assert {"couplespace.models", "programs.feature", "agreements.feature"} <= set(GRAPH)
    assert "couplespace.models" in GRAPH["programs.models"]
    assert "programs.practice_events" in GRAPH["agreements.feature"]


def test_no_chain_of_imports_comes_back_to_where_it_started():
    assert cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}

    assert cycles(graph) == [["a", "b", "c"]]


@pytest.mark.parametrize("app", [CORE, *FEATURES])
def test_each_app_imports_only_what_it_may_build_on(app):
    crossings = sorted(
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        if app_of(module) == app
        for target in targets
        if app_of(target) != app and app_of(target) not in MAY_BUILD_ON[app]
    )

    assert crossings == []


def test_no_module_imports_another_apps_views():
    reaching = sorted(
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if app_of(target) != app_of(module) and target.rpartition(".")[2].endswith("views")
    )

    assert reaching == []


def apps_named_in(path: Path) -> set[str]:
    """The feature apps a migration names in code (a dependency, an `is_installed` check)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in FEATURES
    }


def test_no_core_migration_names_a_feature():
    """A feature's migration that must run before one of the core's says so with `run_before`."""
    naming = {
        path.name: sorted(apps_named_in(path))
        for path in sorted((ROOT / CORE / "migrations").glob("*.py"))
        if apps_named_in(path)
    }

    assert naming == {}

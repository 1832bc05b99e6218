"""The floors of the house (docs/design.md, "Layers"), read from the code's own imports.

`accounts` is the ground floor and imports no other app of the project; no two project
files import each other, directly or round a circle (imports inside functions count);
an import inside a function says why in a comment just above it.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("config", "accounts", "forum", "moderation", "community", "experts")
ABOVE_ACCOUNTS = ("forum", "moderation", "community", "experts")
TOP_FLOOR = ("community", "experts")
# The lead's own package; its imports inside functions load optional training tools.
NOT_CHECKED_FOR_INNER_IMPORTS = ("moderation/checks/",)


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _project_files() -> dict[str, Path]:
    files = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                files[_module_name(path)] = path
    return files


def _imported_modules(tree: ast.AST, known: dict[str, Path]) -> set[str]:
    """The project modules a file imports (`from forum import services` is forum.services)."""
    found = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
    return found


def _import_graph() -> dict[str, set[str]]:
    files = _project_files()
    graph = {}
    for name, path in files.items():
        imported = _imported_modules(ast.parse(path.read_text()), files)
        # A package's __init__ is not a file anyone depends on for code here.
        graph[name] = {m for m in imported if m != name and files[m].name != "__init__.py"}
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that reach each other (strongly connected, more than one)."""
    order, low, stack, on_stack, circles = {}, {}, [], set(), []

    def visit(start: str) -> None:
        # Iterative Tarjan: the graph is small, but recursion limits are not our business.
        work = [(start, iter(sorted(graph[start])))]
        order[start] = low[start] = len(order)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in order:
                    order[nxt] = low[nxt] = len(order)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], order[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == order[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        circles.append(sorted(group))

    for name in sorted(graph):
        if name not in order:
            visit(name)
    return circles


def _imports_reaching_up(apps, above, *, except_modules=()) -> list[str]:
    """Every "module -> imported" where a module of `apps` imports one of the `above` apps."""
    return sorted(
        f"{module} -> {imported}"
        for module, imports in _import_graph().items()
        if module.split(".")[0] in apps and module not in except_modules
        for imported in imports
        if imported.split(".")[0] in above
    )


def test_accounts_imports_no_app_above_it():
    assert _imports_reaching_up({"accounts"}, ABOVE_ACCOUNTS) == []


def test_forum_and_moderation_import_nothing_from_the_top_floor():
    # config.urls is the wiring of every app's URLs, the roof rather than a floor.
    reaching_up = _imports_reaching_up(
        {"forum", "moderation", "config"}, TOP_FLOOR, except_modules={"config.urls"}
    )
    assert reaching_up == []


def test_experts_import_nothing_from_community_above_them():
    assert _imports_reaching_up({"experts"}, {"community"}) == []


def test_no_two_files_import_each_other_even_round_a_circle():
    assert _circles(_import_graph()) == []


def test_the_circle_finder_sees_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _circles(graph) == [["a", "b", "c"]]


def _unexplained_inner_imports(path: Path) -> list[str]:
    lines = path.read_text().splitlines()
    tree = ast.parse("\n".join(lines))
    unexplained = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            if "#" in lines[node.lineno - 1]:
                continue
            # The comment may sit above a block of imports.
            above = node.lineno - 2
            while above >= 0 and (
                not lines[above].strip() or lines[above].strip().startswith(("from ", "import "))
            ):
                above -= 1
            if above < 0 or not lines[above].strip().startswith("#"):
                shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
                unexplained.append(f"{shown}:{node.lineno}")
    return unexplained


def test_every_import_inside_a_function_says_why():
    unexplained = []
    for path in _project_files().values():
        relative = path.relative_to(ROOT).as_posix()
        if not relative.startswith(NOT_CHECKED_FOR_INNER_IMPORTS):
            unexplained += _unexplained_inner_imports(path)
    assert sorted(set(unexplained)) == []


def test_an_unexplained_import_inside_a_function_is_reported(tmp_path):
    module = tmp_path / "sample.py"
    module.write_text(
        "def explained():\n"
        "    # Heavy, and only the training command needs it.\n"
        "    import json\n"
        "\n"
        "    import csv\n"
        "    return json, csv\n"
        "\n"
        "\n"
        "def unexplained():\n"
        "    import json\n"
        "    return json\n"
    )
    assert _unexplained_inner_imports(module) == ["sample.py:10"]

"""No import circle among bot/ modules.

The graph is built from the source (AST), not from what happens to be imported at run time, so
an import inside a function or under `if TYPE_CHECKING:` counts too: a circle is a circle for
a reader, whichever line closes it. Edges: `import bot.x`, `from bot.x import y` (to bot.x.y
when that is a module, else to bot.x), and relative imports. Importing `bot.a.b` also runs
`bot.a/__init__`, but that is not an edge: a package's __init__ that re-exports its modules is
the way in, and only an edge back into the package closes a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOT = ROOT / "bot"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(BOT.rglob("*.py"))}


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The bot modules `name` imports, anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [f"{base}.{alias.name}" for alias in node.names]
            targets = [t if t in known else base for t in targets]
        else:
            continue
        for target in targets:
            # `import bot.a.b` names bot.a.b; an unknown tail (a class) falls back to its module.
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imports(name, path, known) for name, path in found.items()}


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    out.append(sorted(component))
    return sorted(out)


def test_the_graph_sees_every_kind_of_import(tmp_path: Path) -> None:
    """The builder itself: `from package import module`, relative, TYPE_CHECKING, in a body."""
    tree = {
        "bot.a": "from bot import b\nfrom bot.c import helper\n",
        "bot.b": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .c import X\n",
        "bot.c": "def f():\n    import bot.a.thing\n",
    }
    known = {*tree, "bot"}
    edges = {}
    for name, source in tree.items():
        path = tmp_path / f"{name.rpartition('.')[2]}.py"
        path.write_text(source, encoding="utf-8")
        edges[name] = imports(name, path, known)
    assert edges == {"bot.a": {"bot.b", "bot.c"}, "bot.b": {"bot.c"}, "bot.c": {"bot.a"}}
    assert circles(edges) == [["bot.a", "bot.b", "bot.c"]]
    assert "bot.texts" in graph()["bot.engine"]  # and on the real tree


def test_no_import_circle_among_bot_modules() -> None:
    found = circles(graph())
    assert not found, (
        "import circles (each a strongly connected component; move what both sides need into "
        "a leaf module, e.g. the store's areas import Database from bot.store.database):\n"
        + "\n".join(" <-> ".join(c) for c in found)
    )

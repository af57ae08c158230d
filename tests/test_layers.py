"""The package layout's rules, as the README's architecture section draws them.

- ``deck.core`` (the model of a deck, reading, splitting, options) and
  ``deck.render`` (Markdown and Pygments) are pure: they import nothing from
  Django, and the core imports nothing from the rest of the app.
- A feature (caching, checks, live reload, follow mode, export) never imports
  another feature's views; only URL configurations import views.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "deck"
PURE = ("deck.core", "deck.render")
FEATURES = ("deck.caching", "deck.checks", "deck.live", "deck.follow", "deck.export")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path, name: str) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.add(base)
            # "from deck.live import views" imports the module deck.live.views.
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def within(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == package or name.startswith(package + ".") for package in packages)


def test_the_rules_see_every_module_of_each_layer():
    names = modules()
    assert sum(within(name, PURE) for name in names) >= 10
    for feature in FEATURES:
        assert feature in names


@pytest.mark.parametrize("name", [n for n in modules() if within(n, PURE)])
def test_pure_modules_import_no_django_and_no_feature(name):
    for imported in imports_of(modules()[name], name):
        assert not within(imported, ("django", "asgiref")), f"{name} imports {imported}"
        if imported.startswith("deck"):
            allowed = PURE if name.startswith("deck.render") else ("deck.core",)
            assert within(imported, allowed), f"{name} imports {imported}"


def test_importing_the_pure_layers_leaves_django_out():
    names = [name for name in modules() if within(name, PURE)]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'asgiref')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_views_are_imported_only_by_url_configurations_and_their_own_feature():
    for name, path in modules().items():
        for imported in imports_of(path, name):
            if not imported.startswith("deck") or not imported.endswith(".views"):
                continue
            owner = imported.removesuffix(".views")
            url_conf = name.endswith(".urls") or name == "deck.project.urls"
            assert url_conf or within(name, (owner,)) and owner != "deck", (
                f"{name} imports {imported}: views are for URL configurations"
            )

"""The demo generator is its own app: `seizures` holds none of it and imports none of it."""
import ast
from pathlib import Path

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]


def test_load_demo_is_a_command_of_the_demo_app():
    assert get_commands()["load_demo"] == "demo"
    assert not (ROOT / "seizures" / "demo.py").exists()
    assert {p.stem for p in (ROOT / "demo").glob("*.py")} >= {"accounts", "people", "routes", "permits", "cases"}


def test_no_domain_app_imports_the_demo_package():
    offenders = []
    for app in ("agencies", "species", "permits", "seizures", "intelligence", "imports", "analytics", "web"):
        for path in (ROOT / app).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                         else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
                if any(n == "demo" or n.startswith("demo.") for n in names):
                    offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []

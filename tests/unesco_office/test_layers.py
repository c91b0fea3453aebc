"""The project's layers, read from its imports (docs/architecture.md draws them).

Shared bases (unesco_office.core) import no other part of the project; the content apps
depend one way (sectors, then countries, then events); the maps are drawn from the bases
alone; and nothing the public reads imports the staff's tools.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

APPS = ("sectors", "countries", "events")
# What visitors' requests run, in each content app and in the project package.
PUBLIC_APP_MODULES = (
    "dates",
    "downloads",
    "feeds",
    "filters",
    "ical",
    "maps",
    "months",
    "public",
    "templatetags",
    "urls",
    "views",
)
STAFF_APP_MODULES = ("admin", "importers", "management", "resources")


def project_modules():
    """{dotted name: path} of the project's own modules, less migrations."""
    root = Path(settings.BASE_DIR)
    modules = {}
    for package in ("unesco_office", *APPS):
        for path in (root / package).rglob("*.py"):
            parts = path.relative_to(root).with_suffix("").parts
            if "migrations" in parts:
                continue
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            modules[name] = path
    return modules


def imports(name, path):
    """Every project module `name` imports, wherever in the file (function bodies too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # `from unesco_office.staff import audit` imports unesco_office.staff.audit.
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {module for module in found if module.split(".")[0] in ("unesco_office", *APPS)}


def within(module, *packages):
    return any(module == p or module.startswith(f"{p}.") for p in packages)


def is_staff(module):
    return within(module, "unesco_office.staff", "unesco_office.admin") or any(
        within(module, *(f"{app}.{part}" for part in STAFF_APP_MODULES)) for app in APPS
    )


def is_public(module):
    return within(
        module, "unesco_office.public", "unesco_office.maps", "unesco_office.templatetags"
    ) or any(within(module, *(f"{app}.{part}" for part in PUBLIC_APP_MODULES)) for app in APPS)


RULES = {
    "a shared base imports only shared bases": (
        lambda module: within(module, "unesco_office.core"),
        lambda imported: not within(imported, "unesco_office.core"),
    ),
    "the maps import only shared bases": (
        lambda module: within(module, "unesco_office.maps"),
        lambda imported: not within(imported, "unesco_office.core", "unesco_office.maps"),
    ),
    "sectors import neither countries nor events": (
        lambda module: within(module, "sectors"),
        lambda imported: within(imported, "countries", "events"),
    ),
    "countries import no events": (
        lambda module: within(module, "countries"),
        lambda imported: within(imported, "events"),
    ),
    "a content app imports no project page or tool but its bases": (
        lambda module: within(module, *APPS),
        lambda imported: within(
            imported, "unesco_office.demo", "unesco_office.urls", "unesco_office.public.views"
        ),
    ),
    "the public side imports nothing of the staff side": (
        is_public,
        is_staff,
    ),
}


@pytest.mark.parametrize("rule", RULES)
def test_the_layers_hold(rule):
    applies, forbidden = RULES[rule]
    modules = project_modules()
    assert any(applies(name) for name in modules), "the rule names no module"
    broken = sorted(
        f"{name} imports {imported}"
        for name, path in modules.items()
        if applies(name)
        for imported in imports(name, path)
        if imported in modules and forbidden(imported)
    )
    assert broken == []


def test_the_rules_see_imports_wherever_they_are(tmp_path):
    module = tmp_path / "views.py"
    module.write_text(
        "from . import models\n"
        "def later():\n"
        "    from unesco_office.staff import audit\n"
        "    import countries.models\n"
    )
    assert imports("events.views", module) == {
        "events",
        "events.models",
        "unesco_office.staff",
        "unesco_office.staff.audit",
        "countries.models",
    }

"""No status or version of an audited record changes outside its service's audited, versioned
write: a bare ``.update(status=...)`` neither bumps the version (a form opened before it still
saves over it) nor writes an audit row (SEC-3, SEC-5). The source is scanned, so a new one
fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]

# The one place a version may be written: save_versioned, which every audited write calls.
VERSIONING = ROOT / "core" / "versioning.py"
GUARDED = {"status", "version"}


def _versioned_models() -> tuple[set[str], set[str]]:
    versioned: set[str] = set()
    unversioned: set[str] = set()
    for model in apps.get_models():
        names = {field.name for field in model._meta.get_fields()}
        (versioned if "version" in names else unversioned).add(model.__name__)
    return versioned, unversioned


def _root(node: ast.AST) -> str:
    """The name a call chain starts from: ``Dwelling`` in ``Dwelling.objects.filter().update``."""
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute | ast.Subscript):
            node = node.value
        elif isinstance(node, ast.Name):
            return node.id
        else:
            return ""


def _sources() -> list[Path]:
    return [
        path
        for path in ROOT.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts and path != VERSIONING
    ]


def _functions(tree: ast.AST) -> dict[ast.AST, str]:
    """Each node -> the name of the function it is in."""
    owner: dict[ast.AST, str] = {}
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                owner.setdefault(node, function.name)
    return owner


def _is_f_version(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "F"
        and any(isinstance(a, ast.Constant) and a.value == "version" for a in node.args)
    )


def _assignments(tree: ast.AST) -> dict[str, ast.AST]:
    """name -> the expression last assigned to it (``stale = X.objects.filter(...)``)."""
    return {
        node.targets[0].id: node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
    }


def _queryset_root(receiver: ast.AST, assigned: dict[str, ast.AST], depth: int = 0) -> str | None:
    """The model name a queryset ``receiver`` starts from ("" when unknown), or None when the
    receiver is no queryset (a dict: ``context.update``, ``form.initial.update``)."""
    if isinstance(receiver, ast.Name):
        value = assigned.get(receiver.id)
        return None if value is None or depth > 5 else _queryset_root(value, assigned, depth + 1)
    chain, node = [], receiver
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        if isinstance(node, ast.Attribute):
            chain.append(node.attr)
        node = node.func if isinstance(node, ast.Call) else node.value
    if isinstance(receiver, ast.Call) or "objects" in chain:
        root = _root(receiver)
        value = assigned.get(root)
        return _root(value) if value is not None and depth <= 5 else root
    return None


def bare_writes(source: str, relative: str, unversioned: set[str]) -> list[str]:
    """The places in ``source`` (the file ``relative``) that set a status or version outside an
    audited write."""
    tree = ast.parse(source)
    owner = _functions(tree)
    assigned = _assignments(tree)
    found = []
    for node in ast.walk(tree):
        where = f"{relative}:{getattr(node, 'lineno', 0)} ({owner.get(node, '<module>')})"
        if _is_f_version(node):
            found.append(f"{where}: F('version')")
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr == "bulk_update":
            fields = [
                a for a in ast.walk(node) if isinstance(a, ast.Constant) and a.value in GUARDED
            ]
            if fields and _root(node.func.value) not in unversioned:
                found.append(f"{where}: bulk_update of {fields[0].value!r}")
            continue
        keywords = {k.arg for k in node.keywords if k.arg} & GUARDED
        if node.func.attr != "update" or not keywords:
            continue
        root = _queryset_root(node.func.value, assigned)
        if root is None or root in unversioned:
            continue
        found.append(f"{where}: .update({', '.join(sorted(keywords))}) on {root or '?'}")
    return found


def test_no_status_or_version_changes_outside_an_audited_write():
    # REQ: SEC-3
    # REQ: SEC-5
    versioned, unversioned = _versioned_models()
    assert {"Dwelling", "Household", "Person", "Case"} <= versioned
    found = [
        hit
        for path in _sources()
        for hit in bare_writes(path.read_text(), path.relative_to(ROOT).as_posix(), unversioned)
    ]
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        "Dwelling.objects.filter(pk=1).update(status='available')",
        "def move(d):\n    d.placements.filter(x=1).update(status='occupied')",
        "Household.objects.filter(pk=1).update(name='x', version=F('version') + 1)",
        "PlanTask.objects.filter(pk=1).update(due_date=None, version=2)",
        "Dwelling.objects.bulk_update(rows, ['status'])",
        "qs = Dwelling.objects.filter(x=1)\nqs.update(status='occupied')",
    ],
)
def test_the_scan_finds_a_bare_status_or_version_write(source):
    # REQ: SEC-5
    _, unversioned = _versioned_models()
    assert bare_writes(source, "probe.py", unversioned) != []


@pytest.mark.parametrize(
    "source",
    [
        "PlacementRun.objects.filter(pk=1).update(status='done')",  # no version field
        "stale = ImportBatch.objects.filter(x=1)\nstale.update(status='cancelled')",
        "form.initial.update(version=3)",
        "context.update(title='x')",
        "Dwelling.objects.filter(pk=1).update(note='x')",
    ],
)
def test_the_scan_leaves_unversioned_rows_and_other_fields_alone(source):
    _, unversioned = _versioned_models()
    assert bare_writes(source, "probe.py", unversioned) == []

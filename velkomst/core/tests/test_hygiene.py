"""Project promises that are cheap to check: migrations, engines without Django, translations."""

import ast
import io
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit as exit:
        pytest.fail(f"missing migrations:\n{out.getvalue()} ({exit})")


def test_the_engines_do_not_import_django():
    offenders = []
    for path in (ROOT / "engines").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [f"{node.module}.{a.name}" for a in node.names]
            offenders += [
                f"{path}: {n}"
                for n in names
                if n.split(".")[0] in {"django", "velkomst"}
                and "engines" not in n
                and n not in PLAIN_PYTHON_MODULES
            ]
    assert offenders == []


# Modules of the project the engines may import: plain Python without Django. The code list is
# the one place countries and languages are named, so an engine's reasons use it too.
PLAIN_PYTHON_MODULES = {"velkomst.people.codes"}


def test_the_plain_python_modules_import_no_django_and_no_other_app():
    for name in PLAIN_PYTHON_MODULES:
        path = ROOT.parent / (name.replace(".", "/") + ".py")
        tree = ast.parse(path.read_text())
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [n for n in names if n.split(".")[0] in {"django", "velkomst"}], name


def test_the_english_catalogue_translates_every_danish_text():
    po = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
    assert (po.parent / "django.mo").exists(), "run make messages (compilemessages)"


def test_pages_switch_to_english(client, caseworker, db):
    client.force_login(caseworker)
    client.post("/i18n/setlang/", {"language": "en", "next": "/citizens/"})
    html = client.get("/citizens/").content.decode()
    assert "My citizens" in html and 'lang="en"' in html


def test_requirements_status_names_every_requirement_the_tests_cite():
    import re

    status = (ROOT.parent / "docs" / "requirements-status.md").read_text()
    rows = dict(re.findall(r"^\| ([A-Z]+-\d+) \|[^|]*\| ([a-z ]+) \|", status, re.M))
    cited = set()
    for path in ROOT.rglob("test_*.py"):
        for group in re.findall(r"REQ: ([A-Z]+-\d+(?:, ?[A-Z]+-\d+)*)", path.read_text()):
            cited.update(re.split(r", ?", group))
    assert cited, "no test cites a requirement"
    assert cited <= set(rows), f"cited but not in the status file: {cited - set(rows)}"
    not_started = {i for i in cited if rows[i].strip() == "not started"}
    assert not not_started, f"cited by tests but marked not started: {not_started}"


def test_the_readme_lists_every_municipality_setting_with_its_preset():
    import re

    from velkomst.core.config import DEFAULTS

    readme = (ROOT.parent / "README.md").read_text()
    rows = dict(re.findall(r"^\| `([a-z_]+)` \| ([^|]+) \|", readme, re.M))
    assert set(rows) >= set(DEFAULTS), f"not in the README: {set(DEFAULTS) - set(rows)}"
    for key, value in DEFAULTS.items():
        shown = rows[key].strip().strip("`")
        assert shown == (str(value) if value != {} else "{}"), (key, shown, value)

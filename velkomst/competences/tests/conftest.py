from __future__ import annotations

from pathlib import Path

import pytest

FIXTURE_CODES = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def occupation_codes(settings):
    """A few occupation codes in the form of the official file (the real list is installed by
    the deployment: velkomst/competences/data/README.md)."""
    from velkomst.competences import occupations

    settings.OCCUPATIONS_DIR = FIXTURE_CODES
    occupations.clear_cache()
    yield FIXTURE_CODES
    occupations.clear_cache()


@pytest.fixture
def no_code_list(settings, tmp_path, occupation_codes):
    """No occupation code list installed (a fresh deployment: velkomst/competences/data/README)."""
    from velkomst.competences import occupations

    settings.OCCUPATIONS_DIR = tmp_path
    occupations.clear_cache()
    assert not occupations.installed()
    yield tmp_path
    occupations.clear_cache()


@pytest.fixture
def jobconsultant(staff):
    return staff["job_consultant"]

"""Settings for the benchmarks: Velkomst's own, plus a bare view (bench/urls.py).

Without DATABASE_URL the benchmarks use their own SQLite file, bench/results/bench.sqlite3, never
the application's database in var/.
"""

import os
import warnings
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"
if not os.environ.get("DATABASE_URL"):
    RESULTS_DIR.mkdir(exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{RESULTS_DIR / 'bench.sqlite3'}"

from velkomst.settings import *  # noqa: E402,F403
from velkomst.settings import ALLOWED_HOSTS, STORAGES  # noqa: E402

ROOT_URLCONF = "bench.urls"
DEBUG = False
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
# plain static storage: the pages render without a collectstatic manifest
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# whitenoise warns once that STATIC_ROOT has not been collected; the benchmark serves no files
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

"""Set-up shared by the benchmarks: Django with bench.settings, the bench database, results."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def database_label() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    connection.ensure_connection()
    version = int(getattr(connection, "pg_version", 0))
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        jit = cursor.fetchone()[0]
    return f"PostgreSQL {version // 10000}.{version % 10000} (jit={jit})"


def ensure_database(*, fresh: bool = False) -> None:
    """Create the bench database if it is missing (PostgreSQL), or start it afresh.

    Starting afresh drops the database (PostgreSQL) or deletes the file (SQLite); it refuses a
    database whose name does not contain "bench", so the application's database is never lost.
    """
    from django.conf import settings
    from django.db import connections

    db = settings.DATABASES["default"]
    name = str(db["NAME"])
    if fresh and "bench" not in Path(name).name:
        raise SystemExit(f"refusing to start {name!r} afresh: its name does not contain 'bench'")
    connections.close_all()
    if db["ENGINE"] == "django.db.backends.sqlite3":
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(name + suffix).unlink(missing_ok=True)
        return
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        if fresh:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def git_commit() -> str:
    git = shutil.which("git")
    if git is None:
        return ""
    try:
        return subprocess.run(  # noqa: S603 (a fixed command)
            [git, "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parent,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def write_result(kind: str, data: dict[str, Any]) -> Path:
    from django.db import connection

    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS_DIR / f"{kind}-{connection.vendor}-{stamp}.json"
    payload = {
        "kind": kind,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": database_label(),
        "commit": git_commit(),
        "machine": machine(),
        **data,
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n")
    return path

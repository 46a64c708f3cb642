"""Fast bulk INSERT for large tables whose new ids nobody needs (plan tasks, audit entries ...).

Django's bulk_create builds SQL value by value, which dominated a 10,000-row visitation import;
``insert_rows`` binds the rows to one prepared INSERT through the driver's ``executemany``.
"""

from __future__ import annotations

from functools import partial
from typing import Any, TypeVar

from django.db import connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper

ROWS_PER_INSERT = 500  # rows per INSERT statement in insert_rows (not on SQLite, see there)

# Field types whose Python values the database drivers take as they are (bulk_create's
# get_db_prep_save returns them unchanged); dates and times are adapted by the backend.
_AS_IS = frozenset(
    {
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "ForeignKey",
        "IntegerField",
        "OneToOneField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "SlugField",
        "TextField",
    }
)


def _adapters(
    model: type[models.Model], db: BaseDatabaseWrapper
) -> tuple[list[models.Field[Any, Any]], dict[str, Any]]:
    """The model's columns (no primary key) and the adapter of each value the driver does not
    take as it is (dates, times, JSON); TypeError for a field this module does not adapt."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    adapters: dict[str, Any] = {}
    for f in fields:
        kind = f.get_internal_type()
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            raise TypeError(f"{f}: pre_save sets the value; use bulk_create")
        if kind == "DateTimeField":
            adapters[f.attname] = db.ops.adapt_datetimefield_value
        elif kind == "DateField":
            adapters[f.attname] = db.ops.adapt_datefield_value
        elif kind == "JSONField":
            adapters[f.attname] = partial(_adapt_json, db, f.encoder)  # type: ignore[attr-defined]
        elif kind not in _AS_IS:
            raise TypeError(f"{f}: {kind} is not adapted here; use bulk_create")
    return fields, adapters


def _head(model: type[models.Model], db: BaseDatabaseWrapper, fields: list[Any]) -> str:
    qn = db.ops.quote_name
    # names from the model's meta, quoted; every value is a bound parameter
    return f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(f.column) for f in fields)})"  # noqa: S608


def insert_rows(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """Insert rows of ``model`` values by attribute name (a field left out takes its default,
    computed once for all the rows) as ``bulk_create`` would insert the objects, in the order
    given, but without returning ids and without an object per row: the values are bound to a
    prepared INSERT run for every row or group of rows (executemany).

    bulk_create compiles every value into the SQL text: for the 110,000 tasks (x 31 columns) of
    a 10,000-row visitation file that took most of the import (13 s of 26 s on SQLite).
    """
    if not rows:
        return
    db = connections[router.db_for_write(model)]
    fields, adapters = _adapters(model, db)
    attnames = [f.attname for f in fields]
    unknown = set(rows[0]) - set(attnames)
    assert not unknown, f"not fields of {model.__name__}: {unknown}"
    defaults = {f.attname: f.get_default() for f in fields}
    for name, adapt in adapters.items():
        defaults[name] = adapt(defaults[name])
    # per column: its name, its adapter (None: as it is) and its adapted default
    columns = [(name, adapters.get(name), defaults[name]) for name in attnames]
    params = [
        [
            (row[name] if adapt is None else adapt(row[name])) if name in row else default
            for name, adapt, default in columns
        ]
        for row in rows
    ]
    # SQLite runs one prepared single-row INSERT fastest (executemany reuses it); PostgreSQL
    # parses every statement, so there each INSERT takes many rows (110,000 plan tasks: SQLite
    # 2.5 s single-row, 3.0 s in 32-row statements; PostgreSQL 15 s single-row, 6.9 s in 500s)
    per_statement = (
        1
        if db.vendor == "sqlite"
        else max(1, min(ROWS_PER_INSERT, db.ops.bulk_batch_size(fields, rows)))
    )
    head = _head(model, db, fields)
    row_placeholders = "({})".format(", ".join(["%s"] * len(fields)))

    def statement(count: int) -> str:
        return f"{head} VALUES {', '.join([row_placeholders] * count)}"

    if per_statement == 1:
        chunks, rest = params, None
    else:
        chunks = [
            [value for values in params[i : i + per_statement] for value in values]
            for i in range(0, len(params), per_statement)
        ]
        rest = chunks.pop() if len(params) % per_statement else None
    with db.cursor() as cursor:  # in the order given, so the ids follow it
        if chunks:
            cursor.executemany(statement(per_statement), chunks)
        if rest is not None:
            cursor.execute(statement(len(rest) // len(fields)), rest)


M = TypeVar("M", bound=models.Model)


def insert_objects(objs: list[M]) -> list[M]:
    """``bulk_create`` of new objects of one model whose ids are needed (households, persons,
    cases, plans of a visitation file), without Django compiling every value into the SQL text:
    each object's field values are bound to a multi-row ``INSERT ... RETURNING`` (as
    ``bulk_create`` does on PostgreSQL and SQLite ≥ 3.35, relying on the same order of returned
    ids), and each object gets its id and is marked saved. Fields are taken as set on the
    objects (defaults were applied when they were made)."""
    if not objs:
        return objs
    model = type(objs[0])
    db = connections[router.db_for_write(model)]
    fields, adapters = _adapters(model, db)
    getters = [(f.attname, adapters.get(f.attname)) for f in fields]
    per_statement = max(1, min(ROWS_PER_INSERT, db.ops.bulk_batch_size(fields, objs)))
    head = _head(model, db, fields)
    row_placeholders = "({})".format(", ".join(["%s"] * len(fields)))
    returning = db.ops.quote_name(model._meta.pk.column)
    with db.cursor() as cursor:
        for start in range(0, len(objs), per_statement):
            chunk = objs[start : start + per_statement]
            values = [
                value if adapt is None else adapt(value)
                for obj in chunk
                for name, adapt in getters
                for value in (getattr(obj, name),)
            ]
            cursor.execute(
                f"{head} VALUES {', '.join([row_placeholders] * len(chunk))} RETURNING {returning}",
                values,
            )
            ids = cursor.fetchall()
            assert len(ids) == len(chunk)
            for obj, (pk,) in zip(chunk, ids, strict=True):
                obj.pk = pk
                obj._state.adding = False
                obj._state.db = db.alias
    return objs


def _adapt_json(db: BaseDatabaseWrapper, encoder: Any, value: Any) -> Any:
    return None if value is None else db.ops.adapt_json_value(value, encoder)

"""The registry of record kinds (SEC-4): an app registers its kind with a function that lists
the due records and one that erases a batch; a kind's files leave storage when the batch commits."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from velkomst.retention import kinds, services
from velkomst.retention.models import RecordKind

from .conftest import AS_OF, rules, run_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(tmp_path):
    """A stand-in for a later app's documents: two files, registered as the document kind."""
    storage = FileSystemStorage(location=tmp_path)
    names = {
        1: storage.save("a.pdf", ContentFile(b"%PDF-1.4 a")),
        2: storage.save("b.pdf", ContentFile(b"%PDF-1.4 b")),
    }
    erased: list[tuple[int, str]] = []

    def due(municipality_id, rule, as_of, held):
        return [(pk, date(2025, 1, 1)) for pk in names]

    def erase(municipality_id, items, run):
        erased.extend((i.record_id, i.action) for i in items)
        kinds.remove_files((storage, names[i.record_id]) for i in items)
        return {}

    registered = kinds.get(RecordKind.DOCUMENT)  # the questions app's; a stand-in here
    kinds.unregister(RecordKind.DOCUMENT)
    kinds.register(
        kinds.Kind(
            key=RecordKind.DOCUMENT,
            model="questions.Attachment",
            describes="a test's documents",
            due=due,
            erase=erase,
            order=5,
        )
    )
    yield storage, names, erased
    kinds.unregister(RecordKind.DOCUMENT)
    kinds.register(registered)


def test_an_app_registers_its_kind_and_its_files_leave_storage(
    admin, documents, django_capture_on_commit_callbacks
):
    # REQ: SEC-4
    storage, names, erased = documents
    services.rule_set_create(
        acting_user=admin,
        effective_from=date(2026, 1, 1),
        values=rules(document=(12, "created", "delete")),
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = run_job(admin, as_of=AS_OF)
    assert sorted(erased) == [(1, "delete"), (2, "delete")]
    assert {k.split(":")[0]: n for k, n in run.done.items()} == {"document": 2}
    assert not any(storage.exists(name) for name in names.values())
    # the job's audit rows name the registered model
    from velkomst.core.models import AuditEntry

    assert AuditEntry.objects.filter(object_type="questions.Attachment").count() == 2


def test_files_stay_when_the_batch_does_not_commit(tmp_path, django_capture_on_commit_callbacks):
    # REQ: SEC-4
    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("c.pdf", ContentFile(b"%PDF-1.4 c"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert kinds.remove_files([(storage, name), (storage, "")]) == 1
    assert storage.exists(name)  # not yet: only once the batch's transaction commits
    callbacks[0]()
    assert not storage.exists(name)


def test_a_kind_is_registered_once_and_must_be_a_record_kind():
    # REQ: SEC-4
    person = kinds.get(RecordKind.PERSON)
    with pytest.raises(ValueError):
        kinds.register(kinds.Kind("letters", "x.Y", "", person.due, person.erase, 1))
    with pytest.raises(ValueError):
        kinds.register(kinds.Kind(RecordKind.PERSON, "x.Y", "", person.due, person.erase, 1))
    assert [k.key for k in kinds.in_order()][-2:] == [RecordKind.PERSON, RecordKind.AUDIT_ENTRY]

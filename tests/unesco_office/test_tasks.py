"""Background work on Django's Tasks framework: queued in the database, run by db_worker."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.factories import EventFactory
from tests.unesco_office.test_review import emails, submit  # noqa: F401 (a fixture)
from unesco_office.core.models import Publishable

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queued(settings):
    """Tasks kept in the database until a worker runs them, as in production."""
    settings.TASKS = DATABASE
    return settings


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_review_e_mails_wait_for_the_worker_and_the_step_is_taken_at_once(
    queued,
    editor_client,
    emails,  # noqa: F811
):
    draft = EventFactory(status=Publishable.Status.DRAFT, published_at=None, title="Forum")

    response = submit(editor_client, draft)

    assert "2 publishers have been told by email" in response.content.decode()
    assert draft.reviews.awaiting().exists()
    assert mail.outbox == []
    # The e-mail waits for the worker (beside it, perhaps, the downloads' refresh that the
    # draft's save queued).
    mails = DBTaskResult.objects.filter(task_path__endswith=".send_review_mail")
    (result,) = mails
    assert result.status == TaskResultStatus.READY

    run_worker()

    assert sorted(message.to[0] for message in mail.outbox) == [
        "other@example.org",
        "publisher@example.org",
    ]
    assert mail.outbox[0].subject.startswith("Awaiting review: Forum")
    assert mails.get().status == TaskResultStatus.SUCCESSFUL

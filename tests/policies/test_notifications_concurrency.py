"""Two send_notifications runs at once still send each mail once (row lock + unique key)."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from accounts.models import NotificationLog
from policies import notifications
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_runs_at_once_send_each_mail_once():
    for name in ("iin_a", "iin_b", "iin_c"):
        factories.member(username=name)
    now = timezone.now()
    p = factories.PerspectiveFactory(
        position=1,
        comment_opens_at=now - dt.timedelta(hours=1),
        comment_closes_at=now + dt.timedelta(days=3),
    )
    factories.QuestionFactory(perspective=p, position=1)
    # Both runs decide before either claims: the claim is what must hold.
    decided = [notifications.due_period_open(now), notifications.due_period_open(now)]
    barrier = threading.Barrier(2)
    results = [[], []]

    def run(i):
        try:
            barrier.wait()
            results[i] = [notifications.claim(m) for m in decided[i]]
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(results[0]) + sum(results[1]) == 3
    assert NotificationLog.objects.count() == 3
    assert mail.outbox == []

import pytest

from tests.desk.smtp import smtp_server


@pytest.fixture
def smtp(settings):
    """A running SMTP server that Django sends to; `.messages` are the delivered mails."""
    with smtp_server(settings) as inbox:
        yield inbox

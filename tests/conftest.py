import os
import shutil

import pytest

CHROMIUM = os.environ.get("PARLEY_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def nlp():
    """The configured spaCy pipeline, loaded once for every extraction test."""
    from ingest.nlp import get_nlp

    return get_nlp()


@pytest.fixture
def client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_user("curator", password="a-long-passphrase")
    client.force_login(user)
    return client


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium: Playwright cannot download its own browser here."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (.ci/run does)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ["--no-sandbox"]}


@pytest.fixture(autouse=True)
def submissions_read_by_the_test(settings):
    """Submissions wait in the queue until a test reads them (``read_queue``), instead
    of starting a runner process; the tests of the runner itself set "process"."""
    settings.PARLEY_SUBMISSION_RUNNER = "external"


def read_queue() -> int:
    """What the worker does: read every queued submission now, in this process."""
    from ingest.submissions import run_queue

    return run_queue(idle_seconds=0)

import os
import shutil

import pytest

CHROMIUM = os.environ.get("PARLEY_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def nlp():
    """The configured spaCy pipeline, loaded once for every extraction test."""
    from ingest.nlp import get_nlp

    return get_nlp()


EXTRACTION_DAY = "2024-03-13"  # the publication date of the extraction tests' sentences: a Wednesday


@pytest.fixture
def article(nlp):
    """The document model (``ingest.extraction.document.Article``) of a text, as the walk gets it."""
    from datetime import date

    from ingest.extract import article_of
    from ingest.nlp import parse

    def read(text, published=EXTRACTION_DAY):
        return article_of(next(parse(nlp, [text])), date.fromisoformat(published) if published else None)

    return read


@pytest.fixture
def meetings(nlp):
    """The meetings ``ingest.extract.extract`` finds in a text (stage 1 included)."""
    from datetime import date

    from ingest.extract import extract
    from ingest.nlp import parse

    def read(text, published=EXTRACTION_DAY):
        return extract(next(parse(nlp, [text])), date.fromisoformat(published) if published else None)

    return read


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

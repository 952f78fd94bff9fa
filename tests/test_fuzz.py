"""Fuzzing: schemathesis over every API endpoint and filter, and property tests of the
extractor. Bounded so that CI stays fast; no 5xx, responses match the schema, the
extractor never raises and its offsets point into the text."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from config.wsgi import application
from tests.test_api import world  # noqa: F401  (a few meetings, people and topics to find)


@pytest.fixture
def api_schema(world, monkeypatch):  # noqa: F811
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute"})
    # as Django's test client does: requests must not close the test's transaction
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_api_never_fails_and_matches_its_schema(api_schema):
    """Every GET operation with generated parameters (25 examples each)."""
    tested = []
    for result in api_schema.include(method="GET").get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])

        check()
        tested.append(operation.label)
    assert len(tested) >= 14, tested


NEWSY = st.sampled_from(
    [
        "President", "met", "Putin", "Xi Jinping", "in", "Moscow", "on", "Tuesday", ".", ",", "\n", "\n\n",
        "talks", "with", "phone", "will", "visit", "refused", "to", "meet", "the", "Russian", "Chinese",
        "Emmanuel Macron", "Ouagadougou", "last", "week", "summit", "G20", "2019", "March 3", "'s", "«", "—",
    ]
)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(NEWSY | st.text(max_size=12), max_size=60), day=st.dates() | st.none())
def test_the_extractor_never_raises_and_its_offsets_point_into_the_text(nlp, words, day):
    from ingest.extract import extract

    text = " ".join(words)
    for meeting in extract(nlp(text), day):
        assert 0 <= meeting.start_char < meeting.end_char <= len(text)
        assert text[meeting.start_char : meeting.end_char] == meeting.evidence
        assert len(meeting.participants) >= 2
        assert meeting.status in ("held", "planned", "cancelled", "refused")


@pytest.mark.django_db
def test_posting_articles_never_fails_and_matches_its_schema(api_schema, django_user_model):
    """The one write endpoint, authenticated, with generated bodies (25 examples)."""
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=django_user_model.objects.create_user("fuzzer"))
    (operation,) = [r.ok() for r in api_schema.include(method="POST").get_all_operations()]

    @given(case=operation.as_strategy())
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case):
        case.call_and_validate(
            headers={"Authorization": f"Token {token.key}"},
            checks=[not_a_server_error, response_schema_conformance],
        )

    check()

"""Schema-based fuzzing of the web API (schemathesis against the served /spec): no server errors, every
answer JSON. `make test` runs FUZZ_EXAMPLES=40 per operation; `make fuzz` runs 500 (bounded by a timeout)."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from openfisca_llo.web import create_app

schema = schemathesis.openapi.from_wsgi("/spec", create_app())


@schema.parametrize()
@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")), deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.path}: {response.status_code} {response.text[:300]}"
    content_type = response.headers["content-type"][0]
    if (case.query or {}).get("format") not in ("text", "markdown"):
        assert content_type.startswith("application/json"), f"{case.method} {case.path}: {content_type}"
    if response.status_code >= 400:
        assert content_type.startswith("application/json")
        assert "error" in response.json()


def test_spec_lists_the_extensions():
    paths = schema.raw_schema["paths"]
    assert {"/explain", "/sources", "/sources/{sourceID}", "/calculate"} <= set(paths)


pytestmark = pytest.mark.filterwarnings("ignore")

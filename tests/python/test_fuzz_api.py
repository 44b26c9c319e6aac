"""Schema-based fuzzing of the web API (schemathesis against the served /spec): no server errors."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from openfisca_llo.web import create_app

schema = schemathesis.openapi.from_wsgi("/spec", create_app())


@schema.parametrize()
@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.path}: {response.status_code} {response.text[:300]}"
    if response.status_code >= 400:
        assert response.headers["content-type"][0].startswith("application/json")
        assert "error" in response.json()


def test_spec_lists_the_extensions():
    paths = schema.raw_schema["paths"]
    assert {"/explain", "/sources", "/sources/{sourceID}", "/calculate"} <= set(paths)


pytestmark = pytest.mark.filterwarnings("ignore")

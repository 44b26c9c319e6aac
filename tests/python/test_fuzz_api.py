"""The API contract: /spec is valid OpenAPI and every answer conforms to it (schemathesis, all operations).

``call_and_validate`` runs schemathesis' checks on each generated request: no server error, a documented
status code, the documented content type, the body valid against the response schema, the documented headers.
Every answer is JSON (except ?format=text/markdown). `make test` runs FUZZ_EXAMPLES=20 per operation; `make fuzz`
runs 500 (issue #14), bounded by a timeout.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis import checks

from openfisca_llo.web import create_app

schema = schemathesis.openapi.from_wsgi("/spec", create_app())

# Checks about how strict request validation is, not about whether answers match the spec: the API refuses
# some schema-valid requests on purpose (a situation must name ids of its own entities, a period must match
# the variable's definition period, dates 1900-2100), each with a documented 4xx and an Error body.
NOT_ABOUT_ANSWERS = [checks.positive_data_acceptance, checks.negative_data_rejection]


def test_spec_is_valid_openapi():
    validate(schema.raw_schema)


@schema.parametrize()
@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "20")), deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_every_answer_conforms_to_the_spec(case):
    response = case.call_and_validate(excluded_checks=NOT_ABOUT_ANSWERS)
    content_type = response.headers["content-type"][0]
    if (case.query or {}).get("format") not in ("text", "markdown"):
        assert content_type.startswith("application/json"), f"{case.method} {case.path}: {content_type}"
    if response.status_code >= 400:
        assert "error" in response.json()


def test_spec_lists_the_extensions():
    paths = schema.raw_schema["paths"]
    assert {"/explain", "/compare", "/overzicht", "/tijdlijn", "/reforms", "/sources", "/sources/{sourceID}",
            "/calculate"} <= set(paths)


pytestmark = pytest.mark.filterwarnings("ignore")

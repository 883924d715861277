"""Property-based run of the OpenAPI spec (schemathesis): no request makes the server fail.

The app and the schema are built in a session fixture (nothing heavy at import time).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="session")
def web_app() -> Any:
    from realpolitik.report.analysis import analyse
    from realpolitik.web.app import create_app

    return create_app(
        "sqlite://",
        analysis=analyse(["c004_taiwan"], members=50),
        max_members=300,
        allowed_hosts=("localhost", "127.0.0.1", "testserver"),
    )


schema = schemathesis.pytest.from_fixture("web_schema")


@pytest.fixture(scope="session")
def web_schema(web_app: Any) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", web_app)


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_never_fails(case: Any) -> None:
    response = case.call(timeout=60)
    assert response.status_code < 500, (case.method, case.path, response.text[:300])

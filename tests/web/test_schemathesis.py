"""Property-based run of the OpenAPI spec (schemathesis): no request makes the server fail.

Building the app is cheap (no analysis at import time): its 50-member analysis runs on the
first request that needs it, inside the test.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from realpolitik.web.app import create_app

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

_APP = create_app(
    "sqlite://",
    members=50,
    # Small: the fuzz creates lenses (POST /api/lenses), and a comparison runs every scenario
    # under each of them; 60 members keeps each request within the call's timeout.
    max_members=60,
    allowed_hosts=("localhost", "127.0.0.1", "testserver"),
)
schema = schemathesis.openapi.from_asgi("/openapi.json", _APP)


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_never_fails(case: Any) -> None:
    response = case.call(timeout=120)
    assert response.status_code < 500, (case.method, case.path, response.text[:300])

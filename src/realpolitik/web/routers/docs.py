"""The report page (cached per analysis) and the API docs (Swagger UI served locally)."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from realpolitik.web.deps import State, needs, require_token

__all__ = ["router"]

router = APIRouter()


_REPORT_DEPS = [Depends(require_token), Depends(needs("analysis", "report"))]


@router.get("/report.html", response_class=HTMLResponse, include_in_schema=False,
            dependencies=_REPORT_DEPS)  # fmt: skip
def report_html(state: State) -> HTMLResponse:
    """The full report of the cached analysis (the ``report`` background data set)."""
    return HTMLResponse(state.data("report"))


_SWAGGER = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>realpolitik API</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/static/vendor/swagger-ui.css">
</head><body><div id="swagger-ui" data-openapi="/openapi.json"></div>
<script src="/static/vendor/swagger-ui-bundle.js"></script>
<script src="/static/swagger-init.js"></script>
</body></html>"""


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def swagger() -> HTMLResponse:
    """Swagger UI from the package's static files (works offline; started by a static
    script, so the page needs no inline script under the Content-Security-Policy)."""
    return HTMLResponse(_SWAGGER)

"""The report page (cached per analysis) and the API docs (Swagger UI served locally)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from realpolitik.web.deps import State, require_token

__all__ = ["router"]

router = APIRouter()


@router.get("/report.html", response_class=HTMLResponse, include_in_schema=False,
            dependencies=[Depends(require_token)])  # fmt: skip
def report_html(state: State) -> HTMLResponse:
    """The full report of the cached analysis, built once per analysis version."""

    def build() -> str:
        from realpolitik.report.html import render_html

        return render_html(state.analysis)

    return HTMLResponse(state.cache.get_or_compute(("report", state.version), build))


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def swagger(request: Request) -> HTMLResponse:
    """Swagger UI from the package's static files (works offline)."""
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="realpolitik API",
        swagger_js_url="/static/vendor/swagger-ui-bundle.js",
        swagger_css_url="/static/vendor/swagger-ui.css",
        swagger_favicon_url="data:,",
    )

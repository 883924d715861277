"""Safe by default: ``Origin: null`` and foreign origins, the session-bound CSRF token, the
Content-Security-Policy, the bounded run queue (429 with ``Retry-After``) and ids too
large for the database (404/422, never 500)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.web.conftest import TESTCLIENT_WARNING, csrf_of

pytestmark = pytest.mark.filterwarnings(TESTCLIENT_WARNING)

PAGES = ["/", "/network", "/lab", "/claims", "/sources", "/ingest", "/perspectives", "/docs"]
FORM = {"lever": ["rcep_expansion"], "members": "50"}


def test_origin_null_and_foreign_origins_are_refused(make_client: Any) -> None:
    c = make_client()
    body = {"levers": [], "members": 20}
    for origin in ("null", "http://evil.example", "http://127.0.0.1:9999"):
        h = {"Origin": origin}
        assert c.post("/api/whatif", json=body, headers=h).status_code == 403, origin
        assert c.post("/lab/run", data=FORM, headers=h).status_code == 403, origin
        assert c.post("/ingest", data={"text": "Japan met China."}, headers=h).status_code == 403
        assert c.get("/lab", headers=h).status_code == 403, "an expensive read too"
        assert c.get("/api/perspectives?members=20", headers=h).status_code == 403
    same = {"Origin": "http://localhost"}
    assert c.post("/api/whatif", json=body, headers=same).status_code == 200
    assert c.get("/", headers={"Origin": "null"}).status_code == 200, "cheap reads are open"
    cross = {"Sec-Fetch-Site": "cross-site"}
    assert c.post("/lab/run", data=FORM, headers=cross).status_code == 403


def test_csrf_token_is_bound_to_the_session(make_client: Any) -> None:
    c = make_client(csrf=False)
    assert c.post("/lab/run", data=FORM).status_code == 403, "a form without the token"
    assert c.post("/lab/run", data=FORM, headers={"X-CSRF-Token": "0" * 64}).status_code == 403
    token = csrf_of(c)
    ok = c.post("/lab/run", data=FORM, headers={"X-CSRF-Token": token})
    assert ok.status_code == 200 and 'data-job="' in ok.text
    assert c.post("/lab/run", data={**FORM, "csrf_token": token}).status_code == 200, "field"
    multipart = c.post("/ingest", data={"text": "Japan met China.", "csrf_token": token},
                       files={"upload": ("", b"")})  # fmt: skip
    assert multipart.status_code == 200, multipart.text
    other = make_client(csrf=False)  # another browser: its own session and token
    other_token = csrf_of(other)
    assert other_token != token
    other.cookies = c.cookies  # a token from one session is refused in another
    assert (
        other.post("/lab/run", data=FORM, headers={"X-CSRF-Token": other_token}).status_code == 403
    )
    assert "CSRF" in c.post("/ingest", data={"text": "x"}).text


def test_scripts_with_the_token_header_or_json_are_exempt(make_client: Any) -> None:
    c = make_client(token="s3cret", csrf=False)
    tok = {"X-Realpolitik-Token": "s3cret"}
    assert c.post("/api/whatif", json={"members": 20}, headers=tok).status_code == 200
    form = c.post("/lab/run", data=FORM, headers={"Authorization": "Bearer s3cret"})
    assert form.status_code == 200, "the access token in a header: a script, exempt"
    c.get("/?token=s3cret")  # the browser's token cookie is not a header: the CSRF token too
    assert c.post("/lab/run", data=FORM).status_code == 403
    tokenless = make_client(csrf=False)
    assert tokenless.post("/api/whatif", json={"members": 20}).status_code == 200, "JSON"
    text = tokenless.post("/api/whatif", content=b'{"members": 20}',
                          headers={"Content-Type": "text/plain"})  # fmt: skip
    assert text.status_code == 403, "a cross-site form can send text/plain: refused"


class _Inline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {k for k, _ in attrs}
        if tag == "script" and "src" not in names:
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style>")
        self.found += [f"{tag}[{k}]" for k in names if k == "style" or k.startswith("on")]


def test_every_page_has_a_strict_csp_and_no_inline_script(make_client: Any) -> None:
    c = make_client()
    job = c.post("/lab/run", data=FORM, headers={"HX-Request": "true"})
    for path in [*PAGES, "/no/such/page", "/documents/1", f"/lab/run/{_job(job.text)}"]:
        r = c.get(path)
        csp = r.headers["content-security-policy"]
        script = re.search(r"script-src ([^;]*)", csp)
        assert script and script.group(1).strip() == "'self'", (path, csp)
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        if path not in ("/docs", "/network"):  # Swagger UI, Cytoscape.js: inline style
            assert re.search(r"style-src 'self'(;|$)", csp), (path, csp)
            assert "unsafe-inline" not in csp, (path, csp)
        parser = _Inline()
        parser.feed(r.text)
        assert parser.found == [], (path, parser.found)
    report = c.get("/report.html").headers["content-security-policy"]
    assert "script-src 'none'" in report
    assert "content-security-policy" in c.get("/api/overview").headers


def _job(text: str) -> str:
    m = re.search(r'data-job="([0-9a-f]+)"', text)
    assert m, text[:300]
    return m.group(1)


def test_whatif_goes_through_the_bounded_queue(make_client: Any) -> None:
    from realpolitik.web.state import MAX_PENDING

    c = make_client()
    big = {"levers": [{"id": "rcep_expansion"}], "members": 5000}
    codes = [c.post("/api/runs", json=big).status_code for _ in range(MAX_PENDING + 1)]
    assert 429 in codes, codes
    r = c.post("/api/whatif", json={"members": 20})
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
    assert "already waiting" in r.json()["detail"]
    lab = c.post("/lab/run", data=FORM, headers={"HX-Request": "true"})
    assert lab.status_code == 429 and int(lab.headers["retry-after"]) > 0
    assert 'role="alert"' in lab.text
    runs = c.post("/api/runs", json=big)
    assert runs.status_code == 429 and "retry-after" in runs.headers


def test_oversized_numbers_in_paths_are_not_server_errors(make_client: Any) -> None:
    c = make_client()
    huge = "9" * 23
    for path in (f"/documents/{huge}", f"/api/documents/{huge}", "/documents/-1",
                 f"/documents/{2**63}"):  # fmt: skip
        assert c.get(path).status_code == 422, path
    for path in (f"/api/runs/{huge}", f"/lab/run/{huge}", f"/seeds/{huge}",
                 f"/api/relations/{huge}", f"/documents/{2**63 - 1}"):  # fmt: skip
        assert c.get(path).status_code == 404, path


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(n=st.integers(min_value=-(10**30), max_value=10**30))
def test_any_document_id_is_404_or_422(make_client: Any, n: int) -> None:
    c = make_client(csrf=False)
    for prefix in ("/documents/", "/api/documents/"):
        code = c.get(f"{prefix}{n}").status_code
        assert code == (404 if 1 <= n < 2**63 else 422), (prefix, n, code)

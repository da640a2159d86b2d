"""Security review (issue 24), in the browser: every answer (a page, an API route, an upload)
carries the defensive headers; the pages work under their Content-Security-Policy with no
violation reported (the officer's picture upload, the register page's zone, the profile's
browser zone among them); `/_upload` refuses visitors and oversized bodies before reading
them; CORS never hands a foreign site a credentialed answer."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import Browser, Page, expect

from patt_app.demo.guild import DEMO_OFFICER, DEMO_PASSWORD
from patt_app.services.accounts.sessions import SESSION_COOKIE
from patt_app.states.admin.campaign_editor import AdminCampaignEditorState
from tests.e2e.conftest import log_in

HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}
PAGES = (
    "/",
    "/campaigns",
    "/roster",
    "/schedule",
    "/availability",
    "/events",
    "/profile",
    "/admin/players",
    "/admin/events",
    "/admin/jobs",
    "/admin/audit",
    "/admin/discord",
    "/admin/campaigns",
)
SLOW = 20_000
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (e) => {
  console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample);
});
"""


def _assert_defended(response: httpx.Response) -> str:
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (response.url, name, response.headers)
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy
    return policy


def test_a_page_an_api_route_and_an_upload_answer_with_the_headers(app_url: str):
    page = httpx.get(f"{app_url}/campaigns/", headers={"Accept-Encoding": "gzip"})
    policy = _assert_defended(page)
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src  # (eval: Reflex's toasts, browser_defences.py)
    assert "'sha256-" in script_src  # the page's own inline scripts, and nothing else
    api = httpx.get(f"{app_url}/api/v1/campaigns")
    assert api.status_code == 200 and "default-src 'none'" in _assert_defended(api)
    upload = httpx.post(
        f"{app_url}/_upload",
        headers={"reflex-client-token": "made-up", "reflex-event-handler": "x.upload"},
        files={"files": ("a.png", PNG, "image/png")},
    )
    assert upload.status_code == 401
    _assert_defended(upload)


def _officer_cookie(app_url: str) -> str:
    login = {"discord_username": DEMO_OFFICER, "password": DEMO_PASSWORD}
    token = httpx.post(f"{app_url}/api/v1/auth/login", json=login).json()["data"]["token"]
    return f"{SESSION_COOKIE}={token}"


def test_uploads_from_visitors_and_oversized_bodies_are_refused_before_reading(app_url: str):
    handler = f"{AdminCampaignEditorState.get_full_name()}.upload_image"
    tab = {"reflex-client-token": "made-up-token", "reflex-event-handler": handler}
    visitor = httpx.post(f"{app_url}/_upload", headers=tab, files={"files": ("a.png", PNG)})
    assert visitor.status_code == 401 and "officer" in visitor.json()["error"]
    announced = httpx.post(
        f"{app_url}/_upload",
        headers={**tab, "Content-Type": "multipart/form-data; boundary=x"},
        content=b"x" * (4 * 1024 * 1024),
    )
    assert announced.status_code == 413 and "too large" in announced.json()["error"]

    def endless():  # chunked: no Content-Length to refuse it by; an officer's, so it is read
        yield b'--x\r\nContent-Disposition: form-data; name="files"; filename="a.png"\r\n\r\n'
        for _ in range(100):
            yield b"y" * (1024 * 1024)

    streamed = httpx.post(
        f"{app_url}/_upload",
        headers={
            **tab,
            "Content-Type": "multipart/form-data; boundary=x",
            "Cookie": _officer_cookie(app_url),
        },
        content=endless(),
        timeout=30,
    )
    assert streamed.status_code == 413  # counted as it came, stopped past the limit


def test_cors_never_answers_a_foreign_site_with_credentials(app_url: str):
    evil = "https://evil.example"
    for method, path in (("GET", "/api/v1/campaigns"), ("OPTIONS", "/api/v1/auth/me")):
        answer = httpx.request(
            method,
            f"{app_url}{path}",
            headers={
                "Origin": evil,
                "Cookie": "patt_session=x",
                "Access-Control-Request-Method": "GET",
            },
        )
        assert answer.headers.get("access-control-allow-origin") != evil
        assert answer.headers.get("access-control-allow-origin") != "*"


def _watched(browser: Browser) -> tuple[Page, list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="Asia/Tokyo")
    page = context.new_page()
    page.set_default_timeout(SLOW)
    problems: list[str] = []
    page.add_init_script(REPORT_VIOLATIONS)
    page.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if "Content Security Policy" in m.text or ("CSP violation" in m.text)
            else None
        ),
    )
    return page, problems


def test_the_pages_work_under_their_policy(browser: Browser, app_url: str, tmp_path):
    page, problems = _watched(browser)
    page.goto(f"{app_url}/register?code=ABCDEFGH")
    expect(page.locator("#register-timezone")).to_have_value(
        "Asia/Tokyo", timeout=SLOW
    )  # run_script ran
    log_in(page, app_url, DEMO_OFFICER)  # the websocket connects under connect-src
    for path in PAGES:
        page.goto(f"{app_url}{path}")
        expect(page.locator("#viewer-name")).to_be_visible(timeout=SLOW)
    page.goto(f"{app_url}/profile")  # again: the browser revalidates its copy (304)
    page.reload()
    expect(page.get_by_text("Your browser says")).to_contain_text("Asia/Tokyo", timeout=SLOW)
    page.goto(f"{app_url}/admin/campaigns")
    expect(page.locator(".admin-campaign").first).to_be_visible(timeout=SLOW)
    page.fill("#campaign-title-input", "Pictures under a policy")
    page.click("#campaign-create")
    expect(page.locator("#editor-title")).to_have_text("Pictures under a policy", timeout=SLOW)
    picture = tmp_path / "dot.png"
    picture.write_bytes(PNG)
    page.locator("#entry-image input[type=file]").set_input_files(str(picture))
    page.get_by_role("button", name="Upload picture").click()
    expect(page.get_by_text("Picture uploaded")).to_be_visible(timeout=SLOW)
    assert problems == []


def test_the_api_docs_load_from_the_app_itself(browser: Browser, app_url: str):
    page, problems = _watched(browser)
    elsewhere: list[str] = []
    page.on(
        "request",
        lambda r: elsewhere.append(r.url) if not r.url.startswith(app_url) else None,
    )
    page.goto(f"{app_url}/api/docs")
    expect(page.locator(".opblock").first).to_be_visible(timeout=SLOW)  # the operations
    expect(page.get_by_text("/api/v1/campaigns/{campaign_id}/ballot")).to_be_visible()
    assert elsewhere == [] and problems == []


def test_the_session_cookie_is_out_of_page_scripts_reach(browser: Browser, app_url: str):
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.set_default_timeout(SLOW)
    page.goto(f"{app_url}/login?next=/events")
    page.fill("#login-username", DEMO_OFFICER)
    page.fill("#login-password", DEMO_PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(re.compile(r"/events/?$"))  # the page asked for, logged in
    expect(page.locator("#viewer-name")).to_be_visible()
    (cookie,) = [c for c in context.cookies() if c["name"] == SESSION_COOKIE]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["path"] == "/"
    assert SESSION_COOKIE not in page.evaluate("document.cookie")  # no script can read it
    assert cookie["value"] not in page.content()  # nor find it in what the page was sent

    page.goto(f"{app_url}/admin/players")  # a new page load: the cookie goes with it
    expect(page.locator("#viewer-name")).to_be_visible()
    page.click("#logout")
    expect(page.locator("#login-link")).to_be_visible()
    # the page shows the logout at once; the browser then goes by /auth/logout (which drops
    # the cookie) to the home page
    page.wait_for_url(re.compile(r"^[^?]*://[^/]+/?$"))
    assert [c for c in context.cookies() if c["name"] == SESSION_COOKIE] == []
    page.goto(f"{app_url}/profile")
    page.wait_for_url(re.compile(r"/login\?next="))
    context.close()

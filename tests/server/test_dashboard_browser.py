"""The dashboard in a real headless browser: what a person sees, masked until revealed.

Needs playwright (Python) and Debian's Chromium at /usr/bin/chromium. Without them the test
skips and says why, except where ``KV_MOCK_REQUIRE_BROWSER=1`` (the CI job
``.ci/jobs/60-browser.sh``, which installs both): there a missing browser fails.
"""

from __future__ import annotations

import os
import shutil
import struct
import zlib

import boto3
import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: Flags for a root, offline, headless Chromium (no sandbox, no background traffic).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def _browser_or_skip():
    missing = []
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing.append("playwright (pip install playwright)")
        sync_playwright = None
    if not os.path.exists(CHROMIUM):
        missing.append("Chromium (apt-get install chromium)")
    if missing:
        message = "the browser test needs " + " and ".join(missing)
        if os.environ.get("KV_MOCK_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return sync_playwright


@pytest.fixture
def page():
    sync_playwright = _browser_or_skip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser.new_page(viewport={"width": 1280, "height": 800})
        finally:
            browser.close()


@pytest.fixture
def served(kayvee_server):
    options = dict(endpoint_url=kayvee_server, region_name="us-east-1",
                   aws_access_key_id="123456789012", aws_secret_access_key="x")
    ssm = boto3.client("ssm", **options)
    ssm.put_parameter(Name="/shop/db/password", Value="hunter2", Type="SecureString")
    ssm.put_parameter(Name="/shop/motd", Value="Welcome", Type="String")
    ssm.put_parameter(Name="/shop/motd", Value="Welcome back", Type="String", Overwrite=True)
    ssm.label_parameter_version(Name="/shop/motd", ParameterVersion=1, Labels=["launch"])
    boto3.client("secretsmanager", **options).create_secret(
        Name="shop/api-key", SecretString="sk-live-123")
    return kayvee_server


def _png_size_and_colours(png: bytes) -> tuple[int, int, int]:
    """Width, height and how many distinct byte values the pixel data holds."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", png[16:24])
    data, position = b"", 8
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position:position + 8])
        if kind == b"IDAT":
            data += png[position + 8:position + 8 + length]
        position += 12 + length
    return width, height, len(set(zlib.decompress(data)))


def test_the_dashboard_shows_the_store_masked_and_reveals_it_on_request(page, served, tmp_path):
    page.goto(f"{served}/_kv_mock/")
    assert page.title() == "kv_mock dashboard"
    text = page.inner_text("body")
    for shown in ("kv_mock on, region us-east-1", "/shop/db/password", "/shop/motd",
                  "Welcome back", "launch", "shop/api-key", "AWSCURRENT",
                  "Calls, latest first", "LabelParameterVersion", "********"):
        assert shown in text
    assert "hunter2" not in text and "sk-live-123" not in text
    latest = page.locator("table").nth(2).locator("tbody tr").first.inner_text()
    assert "CreateSecret" in latest  # the latest call is on top

    screenshot = tmp_path / "dashboard.png"  # KV_MOCK_SCREENSHOT_DIR keeps a copy to look at
    page.screenshot(path=str(screenshot), full_page=True)
    if os.environ.get("KV_MOCK_SCREENSHOT_DIR"):
        shutil.copy(screenshot, os.environ["KV_MOCK_SCREENSHOT_DIR"])
    width, height, colours = _png_size_and_colours(screenshot.read_bytes())
    assert width == 1280 and height >= 400 and colours > 20  # a rendered page, not a blank

    page.click("text=Reveal values")
    assert page.url.endswith("/_kv_mock/?reveal=1")
    revealed = page.inner_text("body")
    assert "hunter2" in revealed and "sk-live-123" in revealed
    page.click("text=Mask values")
    assert "hunter2" not in page.inner_text("body")

"""The web chat in headless Chromium: demo ENT page served by the real gateway, fake Rasa behind it."""
from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest

from bot.channels.web.app import create_app
from bot.channels.web.settings import WebSettings

from .conftest import FakeRasa, serve

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SCREENSHOT = ROOT / "test-artifacts" / "webchat.png"


@pytest.fixture(scope="session")
def chromium():
    """Chromium and its driver, installed with apt for the session when missing (we run as root)."""
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env, capture_output=True, timeout=600)
        subprocess.run(["apt-get", "install", "-y", "-q", "chromium", "chromium-driver"], check=True, env=env,
                       capture_output=True, timeout=900)
    return CHROMIUM, CHROMEDRIVER


class Servers:
    """Fake Rasa and the gateway, served from an event loop in a background thread (Selenium is blocking)."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.loop = asyncio.new_event_loop()
        self.rasa = FakeRasa()
        self.gateway_url = ""
        self._runners = []
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    async def _start(self) -> None:
        from aiohttp import web

        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", self.rasa.webhook)
        runner, self.rasa.url = await serve(app)
        self._runners.append(runner)
        settings = WebSettings(rasa_url=self.rasa.url, mode="demo", jwt_secret=None,
                               tickets_database_url=f"sqlite:///{self.tmp / 'tickets.db'}",
                               telegram_database_url=f"sqlite:///{self.tmp / 'telegram.db'}")
        runner, self.gateway_url = await serve(create_app(settings))
        self._runners.append(runner)

    async def _stop(self) -> None:
        for runner in reversed(self._runners):
            await runner.cleanup()

    def __enter__(self) -> "Servers":
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(timeout=30)
        return self

    def __exit__(self, *exc) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self.loop).result(timeout=30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)


@pytest.fixture
def servers(tmp_path):
    with Servers(tmp_path) as running:
        yield running


@pytest.fixture
def driver(chromium):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, chromedriver = chromium
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={profile}", "--window-size=1100,800", "--lang=fr-FR"):
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service(chromedriver), options=options)
    browser.set_page_load_timeout(30)
    yield browser
    browser.quit()
    shutil.rmtree(profile, ignore_errors=True)


def test_question_answer_citation_and_quick_reply(servers, driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, 15)
    driver.get(servers.gateway_url + "/")
    log = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "[role=log]")))
    assert log.get_attribute("aria-live") == "polite"
    box = driver.find_element(By.CSS_SELECTOR, "textarea.cn79-input")
    label = driver.find_element(By.CSS_SELECTOR, f"label[for='{box.get_attribute('id')}']")
    assert label.get_attribute("textContent") == "Votre question"
    assert driver.switch_to.active_element == box  # the open panel puts the focus in the input

    box.send_keys("Qui répare les ordinateurs ?", Keys.ENTER)
    card = wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, ".cn79-citation")))
    assert "Le Département a la charge des collèges" in card.text
    assert "Préambule" in card.text and "Département des Deux-Sèvres" in card.text
    answer = driver.find_elements(By.CSS_SELECTOR, ".cn79-msg.cn79-bot")[1]
    assert "maintenance des matériels informatiques" in answer.text
    phone = answer.find_element(By.CSS_SELECTOR, "a.cn79-tel")
    assert phone.get_attribute("href") == "tel:+33549066360" and phone.text == "05.49.06.63.60"
    # A URL in a reply stays text: the bot's own answers have none, so it can only be one a user typed.
    assert not answer.find_elements(By.CSS_SELECTOR, "a[target=_blank]")
    assert "https://intranet.example.org/incidents" in answer.text
    assert servers.rasa.calls[-1]["message"] == "Qui répare les ordinateurs ?"
    assert servers.rasa.calls[-1]["metadata"] == {"channel": "web"}

    reply = wait.until(ec.element_to_be_clickable((By.XPATH, "//button[normalize-space()='Et le wifi ?']")))
    # The log scrolls smoothly to the newest message: until it gets there, the input box covers the button
    # and a click would land on the box (as a user's would, had they clicked that early).
    wait.until(lambda d: d.execute_script(
        "const l = arguments[0]; return l.scrollHeight - l.clientHeight - l.scrollTop < 2;", log))
    reply.click()
    wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, "[role=log]"), "wifi compris"))
    assert servers.rasa.calls[-1]["message"] == "Et le wifi ?"
    assert not reply.is_enabled()  # one choice per question
    assert driver.switch_to.active_element == box

    SCREENSHOT.parent.mkdir(exist_ok=True)
    driver.save_screenshot(str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000


def test_hostile_text_is_shown_as_text_and_refused_text_is_kept(servers, driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, 15)
    driver.get(servers.gateway_url + "/")
    box = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "textarea.cn79-input")))
    box.send_keys('<img src=x onerror="window.__xss=1">', Keys.ENTER)
    wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, "[role=log]"), "Reçu : <img"))
    assert driver.find_elements(By.CSS_SELECTOR, "[role=log] img") == []
    assert driver.execute_script("return window.__xss === undefined")

    # A message the gateway refuses (too long) goes back into the input: nothing typed is lost.
    long_text = "panne " * 400  # 2 400 characters, over the 2 000 limit; the textarea's maxlength is bypassed
    driver.execute_script("arguments[0].removeAttribute('maxlength'); arguments[0].value = arguments[1];",
                          box, long_text)
    box.send_keys(Keys.ENTER)
    wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, "[role=log]"), "trop long"))
    assert box.get_attribute("value").strip() == long_text.strip()

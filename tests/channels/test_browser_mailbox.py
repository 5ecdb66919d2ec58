"""The demo's whole path in headless Chromium: a question, a declaration, then « Boîte du service » shows
the e-mail the right service received, with the ticket number. Its own stack: dispatcher + mail sink."""
from __future__ import annotations

import re
import time

import pytest

from bot.supervisor import Stack, temporary_settings
from helpdesk.tickets.config import recipient_for_line
from tests.conftest import MODEL

from .test_browser import chromium, driver  # noqa: F401  (fixtures)
from .test_browser_live import _bot_texts, _click, _send

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def demo_stack():
    """``make run`` as a newcomer gets it (dispatcher and mail sink included), on test ports."""
    if not MODEL.exists():
        pytest.fail("models/current.tar.gz is missing: run `make train`")
    settings = temporary_settings(rasa_port=16005, action_port=16055, webchat_port=18081, mail_port=18025,
                                  with_telegram=False, with_dispatcher=True, model=MODEL)
    settings.extra_env.update({"BOT_MODE": "demo", "BOT_FIXED_NOW": "2026-11-30T10:00:00",
                               "DISPATCH_INTERVAL_SECONDS": "1"})
    for name in ("SMTP_HOST", "SMTP_PORT", "TICKETS_EMAIL_DEPARTEMENT"):
        settings.extra_env.pop(name, None)
    stack = Stack(settings)
    try:
        stack.start(timeout=300)
    except Exception:
        for log in sorted(settings.log_dir.glob("*.log")) if settings.log_dir.exists() else []:
            print(f"--- {log.name}\n{log.read_text(errors='replace')[-4000:]}")
        stack.stop()
        raise
    yield stack
    stack.stop()


def test_from_a_question_to_the_service_s_mailbox(demo_stack, driver):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, 60)
    base = f"http://127.0.0.1:{demo_stack.settings.webchat_port}"
    driver.get(f"{base}/")
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "textarea.cn79-input")))

    _send(driver, wait, "qui installe le vidéoprojecteur ?")
    assert "Article 5" in wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, ".cn79-citation"))).text
    # Every button has a name a screen reader can read (the feedback buttons included).
    for button in driver.find_elements(By.CSS_SELECTOR, ".cn79-reply"):
        assert button.text.strip() and button.get_attribute("aria-label"), button.get_attribute("outerHTML")

    _send(driver, wait, "le wifi ne marche plus au CDI")
    _click(driver, wait, "Déclarer l'incident")  # under the answer: who handles it, the line, whether it is open
    assert any("Tapez « annuler » pour arrêter" in t for t in _bot_texts(driver)[-3:])
    _click(driver, wait, "Une salle")
    _send(driver, wait, "Mme Martin, 05 49 00 00 01")
    _click(driver, wait, "Confirmer")
    wait.until(lambda b: re.search(r"INC-\d{4}-\d{5}", "\n".join(_bot_texts(b))))
    number = re.search(r"INC-\d{4}-\d{5}", "\n".join(_bot_texts(driver)[-2:])).group(0)

    # « Boîte du service »: the e-mail reaches the Département's address, with the ticket number.
    driver.get(f"{base}/")
    link = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, "a.ent-mailbox")))
    assert link.text.replace("\n", " ") == "Boîte du service"
    deadline = time.monotonic() + 60
    while True:
        driver.get(f"{base}/demo/boite")
        mails = [m for m in driver.find_elements(By.CSS_SELECTOR, "article.mail")
                 if m.find_element(By.CSS_SELECTOR, ".ticket").text == number]
        if mails or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert mails, driver.page_source[:2000]
    mail = mails[0]
    assert mail.find_element(By.CSS_SELECTOR, ".to").text == recipient_for_line("departement", {})
    assert number in mail.find_element(By.TAG_NAME, "h2").text
    assert "CDI" in mail.find_element(By.TAG_NAME, "pre").text

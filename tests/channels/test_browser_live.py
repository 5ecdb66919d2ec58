"""The web chat in headless Chromium against the REAL bot: trained model, action server, gateway."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from .test_browser import chromium, driver  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "test-artifacts" / "webchat-live-incident.png"


def _bot_texts(browser) -> list[str]:
    from selenium.webdriver.common.by import By

    return [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".cn79-msg.cn79-bot")]


def _send(browser, wait, text: str) -> None:
    """Type a message and wait until the bot has answered it (one more bot bubble)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    before = len(_bot_texts(browser))
    box = browser.find_element(By.CSS_SELECTOR, "textarea.cn79-input")
    box.send_keys(text, Keys.ENTER)
    wait.until(lambda b: len(_bot_texts(b)) > before)


def _click(browser, wait, title: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec

    before = len(_bot_texts(browser))
    button = wait.until(ec.element_to_be_clickable(
        (By.XPATH, f"(//button[normalize-space()=\"{title}\" and not(@disabled)])[last()]")))
    button.click()
    wait.until(lambda b: len(_bot_texts(b)) > before)


def test_question_then_full_incident_declaration_in_the_real_chat(live_bot, driver):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, 60)
    driver.get(f"http://127.0.0.1:{live_bot.stack.settings.webchat_port}/")
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "textarea.cn79-input")))

    _send(driver, wait, "qui installe le vidéoprojecteur ?")
    card = wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, ".cn79-citation")))
    assert "Article 5" in card.text
    assert any("installation physique" in t for t in _bot_texts(driver))

    # The demo page acts as the demo RUPN of the Collège Jean Donnet: no need to give the establishment.
    _send(driver, wait, "le wifi ne marche plus au CDI")
    # A fault told is answered first (who handles it, the line, whether it is open); the declaration is a button.
    assert "05.49.06.63.60" in "\n".join(_bot_texts(driver)[-2:])
    _click(driver, wait, "Déclarer l'incident")
    assert "touché" in _bot_texts(driver)[-1]
    _click(driver, wait, "Une salle")
    _send(driver, wait, "Mme Martin, 05 49 00 00 01")
    assert "Récapitulatif" in "\n".join(_bot_texts(driver)[-2:])
    _click(driver, wait, "Confirmer")
    wait.until(lambda b: re.search(r"INC-\d{4}-\d{5}", "\n".join(_bot_texts(b))))
    final = "\n".join(_bot_texts(driver)[-2:])
    number = re.search(r"INC-\d{4}-\d{5}", final).group(0)
    assert "05.49.06.63.60" in final

    from helpdesk.tickets import TicketStore

    ticket = TicketStore.open(live_bot.tickets_url).admin_get_ticket(number)
    assert ticket is not None and ticket.line == "departement" and ticket.place == "CDI"
    SCREENSHOT.parent.mkdir(exist_ok=True)
    driver.save_screenshot(str(SCREENSHOT))

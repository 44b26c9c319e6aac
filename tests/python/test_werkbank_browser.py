"""The werkbank in a real browser (Debian's Chromium through Selenium), as a drafter uses it.

Expected figures come from the rules, not from running the code: the STAP maximum is EUR 1.000 per calendar
year (kst-30012-142, paragraaf STAP-budget; parameters/stap/maximum_per_kalenderjaar.yaml); Anna's course
costs EUR 1.250, so she gets the maximum and pays EUR 250 herself; with a maximum of EUR 1.500 her EUR 1.250 is
covered in full. Screenshots of each step go to test-artefacts/werkbank/ (not committed).
"""

from __future__ import annotations

import json
import os

import pytest
from werkbank_browser import ROOT, browser_available, chromium, screenshot, served_app

if not browser_available():
    if os.environ.get("OPENFISCA_LLO_EXPECT_INSTALLED") == "1":
        pytest.fail("Chromium, ChromeDriver of selenium ontbreekt; `make browser` installeert ze", pytrace=False)
    pytest.skip("geen Chromium/ChromeDriver/selenium (installeer met `make browser`)", allow_module_level=True)

from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

WAIT = 45  # seconds; bounded, generous for a shared machine (an amendment's impact runs the YAML cases)
ANNA = json.loads((ROOT / "examples" / "stap_anna.json").read_text(encoding="utf-8"))["personen"]["anna"]

# No element is held across a navigation or a form submit: every step re-finds what it reads, inside a wait
# that retries while the page is being replaced. While Chromium swaps documents, a lookup can fail with a
# stale element, "no such element" or "Node ... does not belong to the document" (an unknown error); all are
# WebDriverExceptions and are retried until the condition holds or the bounded wait ends.
RETRIED = (WebDriverException,)


def dutch_date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}-{month}-{year}"


@pytest.fixture(scope="module")
def base():
    with served_app() as url:
        yield url


@pytest.fixture(scope="module")
def driver(base):
    with chromium() as browser:
        yield browser


def until(driver, condition, what: str):
    """``condition(driver)`` once it is truthy; transient WebDriver errors while a page loads are retried."""
    return WebDriverWait(driver, WAIT, poll_frequency=0.1, ignored_exceptions=RETRIED).until(condition, f"na {WAIT} s nog niet: {what}")


def page_loaded(driver) -> bool:
    return driver.execute_script("return document.readyState") == "complete"


def loaded_with(by, selector):
    """The page has finished loading and holds the element."""
    return lambda driver: page_loaded(driver) and EC.presence_of_element_located((by, selector))(driver)


def load(driver, url: str, by, selector) -> None:
    driver.get(url)
    until(driver, loaded_with(by, selector), f"{url} geladen met {selector}")


def text(driver, by, selector: str, *expected: str, content: bool = False) -> str:
    """The element's text (``content``: textContent, including folded <details>) once it holds every expected
    part; found afresh on every try."""
    def read(driver):
        element = driver.find_element(by, selector)
        value = element.get_attribute("textContent") if content else element.text
        return value if all(part in value for part in expected) else False
    return until(driver, read, f"{selector} met {expected}")


def attribute(driver, by, selector: str, name: str) -> str:
    return until(driver, lambda d: d.find_element(by, selector).get_attribute(name) or "", f"{selector}[{name}]")


def fill(driver, name: str, value: str) -> None:
    element = until(driver, EC.presence_of_element_located((By.NAME, name)), f"veld {name}")
    if element.tag_name == "select":
        Select(element).select_by_value(value)
    else:
        element.clear()
        element.send_keys(value)


def fill_anna(driver) -> None:
    """Anna's inputs from examples/stap_anna.json, typed as a drafter would (Dutch dates, ja/nee)."""
    (application_date,) = ANNA["stap_scholingskosten"]
    fill(driver, "datum", dutch_date(application_date))
    fill(driver, "geboortedatum", dutch_date(ANNA["geboortedatum"]["ETERNITY"]))
    fill(driver, "stap_scholingskosten", str(ANNA["stap_scholingskosten"][application_date]))
    fill(driver, "stap_maanden_verzekerd_referteperiode", str(ANNA["stap_maanden_verzekerd_referteperiode"][application_date]))
    fill(driver, "stap_scholing_in_scholingsregister", "ja" if ANNA["stap_scholing_in_scholingsregister"][application_date] else "nee")


def submit(driver, form_id: str, by, selector: str) -> None:
    """Click the form's submit button and wait for the NEW document to finish loading and hold ``selector``.

    The old document is marked first; the wait ends only on a complete document without the mark, so it
    cannot be satisfied by the page being left (no element of the old page is kept to test for staleness)."""
    driver.execute_script("document.documentElement.setAttribute('data-oude-pagina', '1')")
    until(driver, EC.element_to_be_clickable((By.CSS_SELECTOR, f"#{form_id} button[type=submit]")), f"knop van {form_id}").click()
    until(driver, lambda d: page_loaded(d) and not d.execute_script(
        "return document.documentElement.hasAttribute('data-oude-pagina')"), f"nieuwe pagina na {form_id}")
    until(driver, loaded_with(by, selector), f"{selector} na {form_id}")


def test_home_to_the_stap_maximum_and_its_citation(driver, base):
    load(driver, base + "/", By.LINK_TEXT, "STAP-budget")
    screenshot(driver, "01-home")
    until(driver, EC.element_to_be_clickable((By.LINK_TEXT, "STAP-budget")), "link STAP-budget").click()
    until(driver, EC.url_changes(base + "/"), "naar de regeling")
    section = "[id='param-stap.maximum_per_kalenderjaar']"
    until(driver, loaded_with(By.CSS_SELECTOR, section), "de regelingspagina")
    text(driver, By.CSS_SELECTOR, section, "EUR 1.000,00")
    screenshot(driver, "02-stap-regeling")
    link = f"{section} table a.bron"
    assert text(driver, By.CSS_SELECTOR, link).startswith("Kamerstukken II 2021/22, 30012, nr. 142")
    assert attribute(driver, By.CSS_SELECTOR, link, "href") == "https://zoek.officielebekendmakingen.nl/kst-30012-142.html#paragraaf=STAP-budget"
    driver.execute_script("var a = document.querySelector(arguments[0]); a.scrollIntoView(); a.focus();", link)
    screenshot(driver, "03-stap-maximum-bron", full_page=False)


def test_calculator_for_anna(driver, base):
    load(driver, base + "/regeling/stap_budget/rekenen", By.ID, "rekenformulier")
    fill_anna(driver)
    fill(driver, "varieer", "stap_scholingskosten")
    submit(driver, "rekenformulier", By.ID, "uitkomst-stap_budget")
    text(driver, By.ID, "uitkomst-stap_budget", "EUR 1.000,00")
    text(driver, By.ID, "uitkomst-stap_eigen_bijdrage", "EUR 250,00")
    text(driver, By.ID, "uitleg", "Subsidieregeling STAP-budget, artikel 5, lid 2", content=True)
    until(driver, EC.presence_of_element_located((By.CSS_SELECTOR, "#variatiegrafiek svg")), "de variatiegrafiek")
    yaml_case = attribute(driver, By.ID, "yaml-geval", "value")
    assert "bron: BWBR0045419" in yaml_case and "stap_budget: 1000.0" in yaml_case
    screenshot(driver, "04-rekenen-anna")


def test_amendment_raising_the_stap_maximum(driver, base):
    load(driver, base + "/amendement", By.ID, "amendementformulier")
    fill(driver, "naam", "stap_maximum_1500")
    fill(driver, "bron", "kst-30012-158")
    fill(driver, "vindplaats", "2")
    fill(driver, "parameter", "stap.maximum_per_kalenderjaar")
    fill(driver, "vanaf", "01-01-2023")
    fill(driver, "waarde", "1.500")
    fill(driver, "regeling", "stap_budget")
    submit(driver, "amendementformulier", By.NAME, "stap_scholingskosten")
    fill_anna(driver)
    submit(driver, "amendementformulier", By.ID, "gewijzigde-gevallen")
    # EUR 3.450 in May 2023: EUR 1.000 under the law, EUR 1.500 under the amendment (tests/stap/bedrag.yaml).
    text(driver, By.ID, "gewijzigde-gevallen", "STAP — bedrag — kosten EUR 3.450", "EUR 1.500,00")
    text(driver, By.ID, "geval", "EUR 1.000,00", "EUR 1.250,00")
    url = driver.current_url
    assert "amendement=" not in url and "waarde=1.500" in url  # the state is the URL
    screenshot(driver, "05-amendement")
    # The budget effect is fetched after the page is shown (a progress sign meanwhile): law beside proposal.
    text(driver, By.ID, "begroting", "STAP-budget", "Kosten wet", "Kosten voorstel")
    driver.execute_script("document.getElementById('begroting').scrollIntoView()")
    screenshot(driver, "05b-begrotingseffect", full_page=False)


def test_bad_date_gives_a_dutch_message_next_to_the_field(driver, base):
    load(driver, base + "/regeling/stap_budget/rekenen", By.ID, "rekenformulier")
    fill_anna(driver)
    fill(driver, "datum", "31-02-2023")
    submit(driver, "rekenformulier", By.ID, "e-datum")
    text(driver, By.ID, "e-datum", "bestaat niet als datum", "dd-mm-jjjj")
    assert text(driver, By.TAG_NAME, "h1") == "Rekenen: STAP-budget"
    assert attribute(driver, By.ID, "f-datum", "aria-invalid") == "true"
    screenshot(driver, "06-foute-datum")


def test_script_in_an_amendment_name_is_text(driver, base):
    name = "<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\">"
    load(driver, base + "/amendement", By.ID, "amendementformulier")
    fill(driver, "naam", name)
    fill(driver, "bron", "kst-30012-158")
    fill(driver, "vindplaats", "2")
    fill(driver, "parameter", "stap.maximum_per_kalenderjaar")
    fill(driver, "vanaf", "01-01-2023")
    fill(driver, "waarde", "1.500")
    submit(driver, "amendementformulier", By.ID, "amendementnaam")
    text(driver, By.ID, "amendementnaam", name)
    assert driver.execute_script("return window.__xss === undefined")
    assert not driver.find_elements(By.CSS_SELECTOR, "main img")
    screenshot(driver, "07-xss-als-tekst")


def test_readable_at_390_pixels(driver, base):
    driver.set_window_size(390, 844)
    try:
        load(driver, base + "/regeling/stap_budget", By.CSS_SELECTOR, "[id='param-stap.maximum_per_kalenderjaar']")
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"de pagina is {overflow} px breder dan het scherm"
        screenshot(driver, "08-smal-390", full_page=False)
    finally:
        driver.set_window_size(1280, 900)

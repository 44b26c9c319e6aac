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

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

WAIT = 30
ANNA = json.loads((ROOT / "examples" / "stap_anna.json").read_text(encoding="utf-8"))["personen"]["anna"]


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


def wait_for(driver, by, selector):
    return WebDriverWait(driver, WAIT).until(EC.presence_of_element_located((by, selector)))


def page_text(driver, selector: str) -> str:
    """Text of an element including folded <details> content."""
    return driver.find_element(By.CSS_SELECTOR, selector).get_attribute("textContent")


def fill(driver, name: str, value: str) -> None:
    element = driver.find_element(By.NAME, name)
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


def submit(driver, form_id: str) -> None:
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, f"#{form_id} button[type=submit]").click()
    WebDriverWait(driver, WAIT).until(EC.staleness_of(old))


def test_home_to_the_stap_maximum_and_its_citation(driver, base):
    driver.get(base + "/")
    wait_for(driver, By.LINK_TEXT, "STAP-budget")
    screenshot(driver, "01-home")
    driver.find_element(By.LINK_TEXT, "STAP-budget").click()
    section = wait_for(driver, By.ID, "param-stap.maximum_per_kalenderjaar")
    assert "EUR 1.000,00" in section.text
    screenshot(driver, "02-stap-regeling")
    link = section.find_element(By.CSS_SELECTOR, "table a.bron")
    assert link.text.startswith("Kamerstukken II 2021/22, 30012, nr. 142")
    assert link.get_attribute("href") == "https://zoek.officielebekendmakingen.nl/kst-30012-142.html#paragraaf=STAP-budget"
    driver.execute_script("arguments[0].scrollIntoView(); arguments[0].focus();", link)
    screenshot(driver, "03-stap-maximum-bron", full_page=False)


def test_calculator_for_anna(driver, base):
    driver.get(base + "/regeling/stap_budget/rekenen")
    wait_for(driver, By.ID, "rekenformulier")
    fill_anna(driver)
    Select(driver.find_element(By.NAME, "varieer")).select_by_value("stap_scholingskosten")
    submit(driver, "rekenformulier")
    budget = wait_for(driver, By.ID, "uitkomst-stap_budget")
    assert "EUR 1.000,00" in budget.text
    assert "EUR 250,00" in driver.find_element(By.ID, "uitkomst-stap_eigen_bijdrage").text
    explanation = page_text(driver, "#uitleg")
    assert "Subsidieregeling STAP-budget, artikel 5, lid 2" in explanation
    assert driver.find_element(By.CSS_SELECTOR, "#variatiegrafiek svg")
    yaml_case = driver.find_element(By.ID, "yaml-geval").get_attribute("value")
    assert "bron: BWBR0045419" in yaml_case and "stap_budget: 1000.0" in yaml_case
    screenshot(driver, "04-rekenen-anna")


def test_amendment_raising_the_stap_maximum(driver, base):
    driver.get(base + "/amendement")
    wait_for(driver, By.ID, "amendementformulier")
    fill(driver, "naam", "stap_maximum_1500")
    fill(driver, "bron", "kst-30012-158")
    fill(driver, "vindplaats", "2")
    fill(driver, "parameter", "stap.maximum_per_kalenderjaar")
    fill(driver, "vanaf", "01-01-2023")
    fill(driver, "waarde", "1.500")
    fill(driver, "regeling", "stap_budget")
    submit(driver, "amendementformulier")
    wait_for(driver, By.NAME, "stap_scholingskosten")
    fill_anna(driver)
    submit(driver, "amendementformulier")
    changed = wait_for(driver, By.ID, "gewijzigde-gevallen")
    # EUR 3.450 in May 2023: EUR 1.000 under the law, EUR 1.500 under the amendment (tests/stap/bedrag.yaml).
    assert "STAP — bedrag — kosten EUR 3.450" in changed.text
    assert "EUR 1.500,00" in changed.text
    case = driver.find_element(By.ID, "geval").text
    assert "EUR 1.000,00" in case and "EUR 1.250,00" in case
    assert "amendement=" not in driver.current_url and "waarde=1.500" in driver.current_url  # the state is the URL
    screenshot(driver, "05-amendement")


def test_bad_date_gives_a_dutch_message_next_to_the_field(driver, base):
    driver.get(base + "/regeling/stap_budget/rekenen")
    wait_for(driver, By.ID, "rekenformulier")
    fill_anna(driver)
    fill(driver, "datum", "31-02-2023")
    submit(driver, "rekenformulier")
    message = wait_for(driver, By.ID, "e-datum")
    assert "bestaat niet als datum" in message.text and "dd-mm-jjjj" in message.text
    assert driver.find_element(By.TAG_NAME, "h1").text == "Rekenen: STAP-budget"
    assert driver.find_element(By.ID, "f-datum").get_attribute("aria-invalid") == "true"
    screenshot(driver, "06-foute-datum")


def test_script_in_an_amendment_name_is_text(driver, base):
    name = "<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\">"
    driver.get(base + "/amendement")
    wait_for(driver, By.ID, "amendementformulier")
    fill(driver, "naam", name)
    fill(driver, "bron", "kst-30012-158")
    fill(driver, "vindplaats", "2")
    fill(driver, "parameter", "stap.maximum_per_kalenderjaar")
    fill(driver, "vanaf", "01-01-2023")
    fill(driver, "waarde", "1.500")
    submit(driver, "amendementformulier")
    heading = wait_for(driver, By.ID, "amendementnaam")
    assert name in heading.text
    assert driver.execute_script("return window.__xss === undefined")
    assert not driver.find_elements(By.CSS_SELECTOR, "main img")
    screenshot(driver, "07-xss-als-tekst")


def test_readable_at_390_pixels(driver, base):
    driver.set_window_size(390, 844)
    try:
        driver.get(base + "/regeling/stap_budget")
        wait_for(driver, By.ID, "param-stap.maximum_per_kalenderjaar")
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"de pagina is {overflow} px breder dan het scherm"
        screenshot(driver, "08-smal-390", full_page=False)
    finally:
        driver.set_window_size(1280, 900)

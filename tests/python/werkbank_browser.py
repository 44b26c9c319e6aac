"""Shared by the browser tests and the README screenshot script: a served app and a headless Chromium.

The app runs as `openfisca-llo serve` on a free loopback port; Chromium and ChromeDriver are Debian's
(/usr/bin/chromium, /usr/bin/chromedriver, installed by `make browser`). Nothing is fetched from elsewhere.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTEFACTS = ROOT / "test-artefacts" / "werkbank"


def browser_available() -> bool:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return False
    return CHROMIUM.exists() and CHROMEDRIVER.exists()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served_app(timeout: float = 60):
    port = free_port()
    cli = Path(sys.executable).with_name("openfisca-llo")
    env = {**os.environ, "OPENFISCA_LLO_TESTS": str(ROOT / "tests")}
    process = subprocess.Popen([str(cli), "serve", "--port", str(port), "--workers", "1"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + timeout
        while True:
            try:
                urllib.request.urlopen(f"{base}/werkbank", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if process.poll() is not None:
                    raise RuntimeError(process.stderr.read().decode()) from None
                if time.time() > deadline:
                    raise RuntimeError(f"de server startte niet binnen {timeout} s") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def chromium(width: int = 1280, height: int = 900):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", "--lang=nl-NL", "--no-first-run",
                     "--disable-extensions", "--disable-background-networking"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)  # bounded; an amendment page runs the YAML cases, slow on a loaded machine
    driver.set_script_timeout(10)
    try:
        yield driver
    finally:
        driver.quit()


def screenshot(driver, name: str, full_page: bool = True) -> Path:
    """A PNG of the page; the window is stretched to the page height first for a full-page picture."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / f"{name}.png"
    if full_page:
        size = driver.get_window_size()
        height = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 6000)")
        driver.set_window_size(size["width"], max(height, 600))
        driver.save_screenshot(str(path))
        driver.set_window_size(size["width"], size["height"])
    else:
        driver.save_screenshot(str(path))
    return path

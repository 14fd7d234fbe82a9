"""The report in a real browser (headless Chromium via selenium): no console errors, sorting works by
mouse and keyboard, the XSS transcript shows as text and runs nothing. Screenshots go to the test's tmp dir."""
import shutil
from pathlib import Path
import pytest

from test_report import make_fake_audit, XSS_SCRIPT, XSS_IMG
from collab_nlp.report import write_report, session_filenames

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not CHROMIUM or not Path(DRIVER).exists():
        pytest.skip("headless Chromium not installed (apt-get install chromium chromium-driver); browser checks skipped")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium not installed (pip install selenium)")
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--disable-dev-shm-usage", "--window-size=1280,1000",
              f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(DRIVER), options=opts)   # explicit driver: no selenium-manager download
    drv.set_page_load_timeout(30)
    yield drv
    drv.quit()


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    fake = make_fake_audit(n_extra=4)
    write_report(fake, out, title="Browser test batch")
    return out, fake


def _severe(drv):
    return [e for e in drv.get_log("browser") if e["level"] == "SEVERE"]


def _alert_present(drv):
    from selenium.common.exceptions import NoAlertPresentException
    try:
        drv.switch_to.alert
        return True
    except NoAlertPresentException:
        return False


def _session_order(drv):
    from selenium.webdriver.common.by import By
    return [th.text for th in drv.find_elements(By.CSS_SELECTOR, "#sessions-table tbody th")]


def test_console_check_sees_csp_violations(browser, report_dir, tmp_path):
    "Control: a page that breaks our CSP (an inline style attribute) does log SEVERE, so the checks below mean something."
    out, _ = report_dir
    bad = tmp_path / "bad.html"
    bad.write_text((out / "index.html").read_text().replace("<h1>", '<h1 style="color:red">', 1))
    browser.get(bad.as_uri())
    assert any("Content Security Policy" in e["message"] for e in _severe(browser))


def test_index_sorts_without_errors(browser, report_dir, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    out, fake = report_dir
    browser.get((out / "index.html").as_uri())
    browser.save_screenshot(str(tmp_path / "index.png"))
    assert _severe(browser) == []
    assert browser.title == "Browser test batch"
    before = _session_order(browser)
    # opens with the sessions most in need of review: here (roles found, no safety advice) the most directive first
    assert before == fake.sessions.sort_values(["directive_rate", "collaboration_index"], ascending=[False, True]).session_id.tolist()
    assert browser.find_element(By.ID, "start").is_displayed()
    # click the collaboration index heading: ascending, then descending
    head = browser.find_element(By.CSS_SELECTOR, "#sessions-table thead th:nth-child(3)")
    head.find_element(By.TAG_NAME, "button").click()
    expected = fake.sessions.sort_values("collaboration_index").session_id.tolist()
    assert _session_order(browser) == expected and head.get_attribute("aria-sort") == "ascending"
    head.find_element(By.TAG_NAME, "button").click()
    assert _session_order(browser) == expected[::-1] and head.get_attribute("aria-sort") == "descending"
    # keyboard: focus the R:Q heading button and press Enter; missing values stay last
    rq = browser.find_element(By.CSS_SELECTOR, "#sessions-table thead th:nth-child(6) button")
    rq.send_keys(Keys.ENTER)
    order = _session_order(browser)
    s = fake.sessions.set_index("session_id").reflection_to_question
    assert order == s.dropna().sort_values().index.tolist() + s[s.isna()].index.tolist()
    assert "Sorted by" in browser.find_element(By.ID, "sessions-table-status").get_attribute("textContent")
    browser.save_screenshot(str(tmp_path / "index-sorted.png"))
    browser.find_element(By.ID, "distributions").location_once_scrolled_into_view
    browser.save_screenshot(str(tmp_path / "index-plots.png"))
    assert _severe(browser) == []


def test_xss_shows_as_text_and_runs_nothing(browser, report_dir, tmp_path):
    from selenium.webdriver.common.by import By
    out, fake = report_dir
    name = session_filenames(fake.sessions.session_id)["xss <session>"]
    browser.get((out / "sessions" / f"{name}.html").as_uri())
    assert not _alert_present(browser)
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.execute_script("return document.scripts.length") == 0
    assert browser.find_elements(By.CSS_SELECTOR, ".transcript img, .transcript script") == []
    said = browser.find_element(By.ID, "t-2").text
    assert XSS_SCRIPT in said and XSS_IMG in said
    assert browser.find_element(By.TAG_NAME, "h1").text == "Session xss <session>"
    browser.save_screenshot(str(tmp_path / "session-top.png"))
    # a tagged phrase shows its label, and its suggestion on keyboard focus
    mark = browser.find_element(By.CSS_SELECTOR, "#t-3 mark.fam-directive")
    tip = mark.find_element(By.CSS_SELECTOR, ".tip")
    assert not tip.is_displayed()
    browser.execute_script("arguments[0].focus()", mark)
    assert tip.is_displayed() and "Try instead" in tip.text
    assert "obligation" in mark.find_element(By.CSS_SELECTOR, ".tag-label").text
    # the review list links to the transcript anchor
    link = browser.find_element(By.CSS_SELECTOR, 'ol.review a[href="#t-3"]')
    link.click()
    assert browser.execute_script("return location.hash") == "#t-3"
    browser.save_screenshot(str(tmp_path / "session-transcript.png"))
    assert not _alert_present(browser)
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert _severe(browser) == []
    # back to the overview by the page's own link
    browser.find_element(By.LINK_TEXT, "\u2190 All sessions").click()
    assert browser.current_url.endswith("/index.html")

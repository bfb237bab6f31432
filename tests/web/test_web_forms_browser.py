"""In-page form actions in headless Chromium at phone size: the result or the error is where the
person looks (focused and scrolled into view), with no inline script."""

from __future__ import annotations

import re

import pytest
from tests.web import test_web_browser as base

# The same served demo workspace and browser as test_web_browser.py.
browser_type_launch_args = base.browser_type_launch_args
server = base.server
signed_in = base.signed_in

pytestmark = pytest.mark.browser

expect = pytest.importorskip("playwright.sync_api").expect

PHONE = {"width": 390, "height": 844}


def in_viewport(page, selector: str) -> bool:  # type: ignore[no-untyped-def]
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def focused_id(page) -> str:  # type: ignore[no-untyped-def]
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


def test_a_capture_error_on_a_phone_is_focused_and_in_view(signed_in):
    page = signed_in
    page.set_viewport_size(PHONE)
    page.get_by_label("What did you do").fill("Improved the build")
    page.get_by_text("More detail (optional)").click()
    page.get_by_label("Date").fill("last blursday")
    page.get_by_label("Metric").fill("a whole lot")
    page.get_by_role("button", name="Save entry").click()
    expect(page.locator("#date-error")).to_contain_text("not a date")
    expect(page.locator("#metric-error")).to_contain_text("not a metric")
    expect(page.locator(":focus")).to_have_id("form-errors")
    assert in_viewport(page, "#form-errors")
    page.get_by_role("link", name="Date", exact=True).click()  # the summary leads to the field
    assert focused_id(page) == "f-date" or in_viewport(page, "#f-date")
    expect(page.get_by_label("Date")).to_have_value("last blursday")


def test_a_saved_entry_on_a_phone_is_focused_and_in_view(signed_in):
    page = signed_in
    page.set_viewport_size(PHONE)
    page.get_by_label("What did you do").fill("Ran the quokka design review with three teams")
    page.get_by_role("button", name="Save entry").click()
    expect(page.locator("#capture-feedback")).to_contain_text("Saved as")
    expect(page.locator(":focus")).to_have_id("capture-saved")
    assert in_viewport(page, "#capture-saved")
    feedback = page.locator("#capture-feedback")
    feedback.get_by_role("button", name=re.compile("^Accept")).first.click()
    expect(feedback.get_by_role("status").last).to_contain_text("Accepted:")
    expect(page.locator(":focus")).to_contain_text("Accepted:")


def test_delete_keeps_the_focus_in_the_row_and_says_so(signed_in):
    page = signed_in
    page.get_by_label("What did you do").fill("Wrote the wombat runbook for the on-call rota")
    page.get_by_role("button", name="Save entry").click()
    row = page.locator("#entry-list li.entry").first
    expect(row).to_contain_text("wombat")
    row.get_by_role("button", name=re.compile("^Delete")).click()
    expect(row.get_by_role("status")).to_contain_text("deleted")
    # htmx focuses [autofocus] when the swap settles, a moment after the row is in place
    expect(page.locator(":focus")).to_have_attribute("role", "status")
    assert page.evaluate("document.activeElement.closest('li.entry').textContent").count("wombat")
    row.get_by_role("button", name=re.compile("^Restore")).click()
    expect(row.get_by_role("status")).to_contain_text("restored")

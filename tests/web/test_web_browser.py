"""The web UI in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

One `promocase serve` subprocess on 127.0.0.1 over a copy of the demo workspace, one browser for
the session. Set PROMOCASE_SCREENSHOT_DIR=docs/screenshots to refresh the screenshots.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

if not Path(CHROMIUM).exists():  # `make system-deps` installs it
    pytest.skip(
        "Debian's chromium is not installed (run make system-deps)", allow_module_level=True
    )

expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):  # type: ignore[no-untyped-def]
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ARGS}


@pytest.fixture(scope="session")
def server(demo_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`promocase serve` over a copy of the demo workspace; yields the tokened URL."""
    home = tmp_path_factory.mktemp("browser") / "ws"
    shutil.copytree(demo_home, home)
    env = {**os.environ, "PROMOCASE_TODAY": "2026-11-20", "PROMOCASE_HOME": str(home)}
    env["PROMOCASE_WEB_WAIT"] = "0"  # imports always go through their progress page
    proc = subprocess.Popen(
        [sys.executable, "-m", "promocase", "serve", "--no-browser"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+/\?token=[\w-]+", line)
        assert match, f"serve printed {line!r}; stderr: {proc.stderr.read() if proc.stderr else ''}"
        yield match.group(0)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def signed_in(page, server: str):  # type: ignore[no-untyped-def]
    page.goto(server)
    expect(page).to_have_url(re.compile(r"http://127\.0\.0\.1:\d+/$"))  # token dropped
    return page


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = os.environ.get("PROMOCASE_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_capture_an_entry_and_search_it(signed_in):
    page = signed_in
    shot(page, "dashboard")
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.reload()  # a fresh document: Playwright's full-page screenshots set inline styles
    text = "Ran the zeppelin incident review and cut repeat pages by 40%"
    page.get_by_label("What did you do").fill(text)
    page.get_by_role("button", name="Save entry").click()
    expect(page.locator("#capture-feedback")).to_contain_text("Saved as")
    expect(page.locator("#entry-list li").first).to_contain_text("zeppelin")
    expect(page.get_by_label("What did you do")).to_have_value("")  # fresh form

    page.get_by_role("link", name="Evidence", exact=True).click()
    page.get_by_label("Search").fill("zeppelin")
    page.get_by_label("Search").press("Enter")
    expect(page.locator("#results li.entry")).to_have_count(1)
    expect(page.locator("#results")).to_contain_text("repeat pages")
    expect(page).to_have_url(re.compile(r"q=zeppelin"))
    assert not [e for e in errors if "Content Security Policy" in e], "\n".join(errors)


@pytest.mark.parametrize("width", [1100, 1280])
def test_the_page_links_fit_on_one_line_on_a_laptop(signed_in, width: int):
    page = signed_in
    page.set_viewport_size({"width": width, "height": 800})
    tops = page.locator("nav[aria-label=Pages] a").evaluate_all(
        "links => links.map(a => Math.round(a.getBoundingClientRect().top))"
    )
    assert len(tops) >= 10
    assert len(set(tops)) == 1, f"the page links wrap onto {len(set(tops))} lines: {tops}"
    labels = page.locator("nav[aria-label=Pages] a").evaluate_all(
        "links => links.map(a => a.getClientRects().length)"
    )
    assert set(labels) == {1}, "a link's label broke across lines"


def test_validation_error_keeps_the_text_in_the_browser(signed_in):
    page = signed_in
    page.get_by_label("What did you do").fill("Improved the build")
    page.get_by_text("More detail (optional)").click()
    page.get_by_label("Metric").fill("a whole lot")
    page.get_by_role("button", name="Save entry").click()
    expect(page.locator("#metric-error")).to_contain_text("not a metric")
    expect(page.get_by_label("What did you do")).to_have_value("Improved the build")
    shot(page, "capture-error")


def test_delete_and_restore_by_keyboard(signed_in):
    page = signed_in
    page.goto(page.url.rstrip("/") + "/evidence?q=latency")
    first = page.locator("#results li.entry").first
    entry_id = first.get_attribute("id")
    first.get_by_role("button", name=re.compile("^Delete")).focus()
    page.keyboard.press("Enter")
    row = page.locator(f"#{entry_id}")
    expect(row).to_contain_text("deleted")
    row.get_by_role("button", name=re.compile("^Restore")).click()
    expect(row).not_to_contain_text("deleted")
    shot(page, "evidence")


def test_ladder_by_level_and_goals_pages(signed_in):
    page = signed_in
    page.get_by_role("link", name="Ladder").click()
    page.get_by_role("link", name=re.compile("SE5")).click()
    expect(page.locator("h2").first).to_contain_text("SE5")
    shot(page, "ladder")
    if page.get_by_role("link", name="Goals").count():
        page.get_by_role("link", name="Goals").click()
        expect(page.locator("h1")).to_contain_text("Goals")
        shot(page, "goals")


def test_no_access_without_the_token(page, server: str):  # type: ignore[no-untyped-def]
    bare = server.split("?")[0]
    response = page.goto(bare)
    assert response is not None and response.status == 401
    expect(page.locator("h1")).to_contain_text("Open the link")


def test_accept_a_suggestion(signed_in):
    page = signed_in
    page.get_by_label("What did you do").fill(
        "Mentored two new engineers through their first on-call rotation and code reviews"
    )
    page.get_by_role("button", name="Save entry").click()
    feedback = page.locator("#capture-feedback")
    expect(feedback).to_contain_text("Saved as")
    accept = feedback.get_by_role("button", name=re.compile("^Accept"))
    if accept.count() == 0:
        pytest.skip("no suggestion service in this build")
    name = accept.first.inner_text().removeprefix("Accept").strip()
    accept.first.click()
    expect(feedback.locator(".chips")).to_contain_text(name)


def test_download_the_packet(signed_in):
    page = signed_in
    if page.get_by_role("link", name="Packet").count() == 0:
        pytest.skip("no packet service in this build")
    page.get_by_role("link", name="Packet").click()
    expect(page.locator("h1").first).to_contain_text("Promotion packet")
    shot(page, "packet")
    with page.expect_download() as info:
        page.get_by_role("link", name="PDF").click()
    download = info.value
    assert download.suggested_filename == "promotion-packet.pdf"
    with open(download.path(), "rb") as fh:
        assert fh.read(4) == b"%PDF"


def test_complete_a_self_assessment(signed_in):
    page = signed_in
    page.goto(page.url.rstrip("/") + "/assess")
    if page.locator("h1").first.inner_text().startswith("That did not work"):
        pytest.skip("no assess service in this build")
    for group in page.locator("fieldset.assess").all():
        group.get_by_label("partially").check()
    page.get_by_role("button", name="Save assessment").click()
    expect(page.locator(".notice")).to_contain_text("Saved as assessment")
    shot(page, "assess")


def test_plain_form_posts_pass_the_origin_check(signed_in):
    """A full-page form post (no htmx) must carry our Origin, not 'null'."""
    page = signed_in
    page.goto(page.url.rstrip("/") + "/ladder")
    page.get_by_role("button", name="Save levels").click()
    expect(page).to_have_url(re.compile(r"/ladder$"))
    expect(page.locator("h1")).not_to_contain_text("Forbidden")
    assert "Forbidden" not in page.content()


def test_log_a_vague_conversation_and_see_the_follow_up_questions(signed_in):
    page = signed_in
    nav = page.get_by_role("navigation", name="Pages")
    if page.get_by_role("link", name="Conversations").count() == 0:
        pytest.skip("no outcomes service in this build")
    page.get_by_role("link", name="Conversations", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Conversations")
    page.get_by_label("With whom").fill("Daniel Okafor, Engineering Manager")
    page.get_by_label("Decision", exact=True).select_option("not-yet")
    page.get_by_label("What was said, as said").fill(
        "You're doing great, keep it up. We need to see more strategic thinking."
    )
    page.get_by_label("Ask 1", exact=True).fill("Write the 2027 platform strategy doc")
    page.get_by_label("Due (ask 1)").fill("in 8 weeks")
    page.get_by_role("button", name="Log conversation").click()
    expect(page.locator(".notice").first).to_contain_text("Logged conversation")
    check = page.locator(".feedback-check")
    expect(check).to_contain_text("Vague")
    expect(check.locator(".follow-up li").first).to_contain_text("specific")
    expect(page.locator("#asks-h + ul")).to_contain_text("platform strategy")
    shot(page, "conversation")
    nav.get_by_role("link", name="Conversations").click()
    shot(page, "conversations")
    nav.get_by_role("link", name="Actions").click()
    expect(page.locator(".action-list")).to_contain_text("platform strategy")
    shot(page, "actions")
    nav.get_by_role("link", name="Outlook").click()
    expect(page.locator("#reading-h")).to_contain_text("Structural block")
    shot(page, "outlook")
    nav.get_by_role("link", name="Resume").click()
    expect(page.locator(".document h1")).to_contain_text("Noor Haddad")
    shot(page, "resume")


def test_a_pasted_review_form_keeps_its_lines_and_each_item_is_checked(signed_in):
    page = signed_in
    page.get_by_role("link", name="Conversations", exact=True).click()
    page.get_by_label("With whom").fill("Sam Ortiz, manager")
    page.get_by_label("Decision", exact=True).select_option("not-yet")
    page.get_by_label("What was said, as said").fill(
        "START: Running the weekly ops review for the storage team.\n"
        "STOP: Approving your own infra changes without a second reviewer.\n"
        "CONTINUE: Strong code reviews."
    )
    page.get_by_role("button", name="Log conversation").click()
    expect(page.locator(".notice").first).to_contain_text("Logged conversation")
    words = page.locator("blockquote.words").inner_text()
    assert words.count("\n") >= 2, f"the form's lines ran together: {words!r}"
    check = page.locator(".feedback-check")
    expect(check).to_contain_text("Concrete")
    expect(check).to_contain_text("start running the weekly ops review")
    expect(check).to_contain_text("stop approving your own infra changes")


def test_hide_a_private_term_from_the_packet_page(signed_in):
    page = signed_in
    page.goto(page.url.rstrip("/") + "/packet")
    if page.locator("#redaction").count() == 0:
        pytest.skip("no packet service in this build")
    page.locator("#redaction summary").click()
    page.get_by_label("Hide these (comma-separated)").fill("Zeppelin Corp, Dana Li")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page).to_have_url(re.compile(r"/packet\?redact=1#redaction"))
    expect(page.locator("#redaction summary")).to_contain_text("(2)")
    page.locator("#redaction summary").click()
    expect(page.locator("ul.redaction-terms li")).to_have_count(2)
    shot(page, "redaction")
    page.get_by_role("button", name="Stop hiding Dana Li").click()
    expect(page.locator("#redaction summary")).to_contain_text("(1)")


def test_do_the_weekly_review(signed_in):
    page = signed_in
    if page.get_by_role("link", name="Review", exact=True).count() == 0:
        pytest.skip("no cadence service in this build")
    page.get_by_role("link", name="Review", exact=True).click()
    expect(page.locator("h1").first).to_contain_text("in review")
    shot(page, "review")
    page.get_by_role("button", name="Mark this review done").click()
    expect(page.locator(".notice")).to_contain_text("Review recorded")


def test_import_a_brag_document(signed_in, tmp_path):
    page = signed_in
    if page.get_by_role("link", name="Import", exact=True).count() == 0:
        pytest.skip("no importing service in this build")
    brag = tmp_path / "brag.md"
    brag.write_text(
        "## 2026-03\n- Cut p95 checkout latency from 820 to 240 ms\n- Led the queue RFC\n"
    )
    page.get_by_role("link", name="Import", exact=True).click()
    page.get_by_label("Brag document (Markdown)").check()
    page.get_by_label("File").set_input_files(str(brag))
    page.get_by_role("button", name="Preview file").click()
    expect(page.locator("#preview-h")).to_contain_text("Would add 2 entries")
    shot(page, "import")
    page.get_by_role("button", name="Import 2 entries").click()
    expect(page.locator(".notice")).to_contain_text("Added 2 entries")


def test_import_commits_through_the_progress_page(signed_in, tmp_path):
    """The preview and the import each run as a job: the progress page polls (htmx) or
    reloads until the result replaces it."""
    from tests.test_import_git import DAY, ME, T0, _fast_repo

    page = signed_in
    if page.get_by_role("link", name="Import", exact=True).count() == 0:
        pytest.skip("no importing service in this build")
    history = [(f"Tune the cache {n}", T0 + n * DAY // 4, f"cache/f{n % 7}.py") for n in range(400)]
    repo = _fast_repo(tmp_path / "cache", history)
    page.get_by_role("link", name="Import", exact=True).click()
    page.get_by_label("Repository folders on this machine (one per line)").fill(str(repo))
    page.get_by_label("Your commit email (comma-separated for several)").fill(ME)
    page.get_by_role("button", name="Preview commits").click()
    expect(page).to_have_url(re.compile(r"/import/jobs/[\w-]+$"))
    expect(page.locator("#preview-h")).to_contain_text("Would add", timeout=30_000)
    page.get_by_role("button", name=re.compile(r"^Import \d+ entries$")).click()
    expect(page.locator(".notice")).to_contain_text("Added", timeout=30_000)
    page.get_by_role("link", name="See your evidence").click()
    expect(page.locator("main")).to_contain_text("Tune the cache")

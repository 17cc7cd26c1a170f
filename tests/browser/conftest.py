"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Fixtures
- ``browser`` (session): one headless Chromium for the whole run.
- ``new_page(**context_options)``: a page in a fresh browser context (own cookies), its
  relative URLs resolved against the live server. Options are Playwright's
  ``browser.new_context`` ones (locale, viewport, java_script_enabled…).
- ``page``: ``new_page()``; ``nojs_page``: JavaScript disabled; ``zoomed_page``: a 320 px
  wide screen at 200 % zoom (a 160 CSS px layout at device scale 2, exactly what the
  browser does when zooming); ``narrow_page``: 320 CSS px (WCAG 1.4.10 reflow).
Every page fails its test when the browser reports a Content-Security-Policy violation
or an uncaught script error. On failure, ``var/test-screenshots/<test>/`` keeps the
test's own screenshots (``shot(page, name)``), a last screenshot of each open page, and
for each browser context a Playwright trace (``trace-N.zip``, open it at
https://trace.playwright.dev) with its screencast unpacked under ``steps-N/``: a
screenshot of every step. All of it is deleted when the test passes.
"""

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from .helpers import browser_problems, register_context, shot, shot_dir_for, watch

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed:
        item.stash.setdefault(_failed, True)
    return report


_failed = pytest.StashKey[bool]()


def keep_screencast(trace: Path, folder: Path) -> None:
    """Unpack the trace's screencast: one JPEG per visible change, in time order."""
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(trace) as archive:
        frames = sorted(
            (name for name in archive.namelist() if name.startswith("screencast/")),
            key=lambda name: name.rsplit("-", 1)[-1],
        )
        for number, name in enumerate(frames, start=1):
            (folder / f"{number:03d}.jpeg").write_bytes(archive.read(name))


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (or set CHROMIUM).")
    # Playwright's sync API keeps an event loop running in the test thread; Django refuses
    # database access from such a thread unless told that this is fine.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(request, browser, live_server):
    folder = shot_dir_for(request.node.nodeid)
    shutil.rmtree(folder, ignore_errors=True)
    contexts = []
    pages = []

    def make(**context_options):
        context_options.setdefault("base_url", live_server.url)
        context = browser.new_context(**context_options)
        context.set_default_timeout(10_000)
        # The trace's screencast is a screenshot of every step, kept only on failure.
        context.tracing.start(screenshots=True, snapshots=False)
        register_context(context, folder)
        contexts.append(context)
        # Every page of the context, pop-ups included, is watched.
        context.on("page", lambda opened: (watch(opened), pages.append(opened)))
        return context.new_page()

    yield make

    problems = [problem for page in pages for problem in browser_problems(page)]
    failed = request.node.stash.get(_failed, False) or bool(problems)
    for number, context in enumerate(contexts, start=1):
        if failed:
            for page in context.pages:
                try:
                    shot(page, "at-failure")
                except Exception as error:
                    print(f"No screenshot at failure: {error}")
            trace = folder / f"trace-{number}.zip"
            context.tracing.stop(path=trace)
            keep_screencast(trace, folder / f"steps-{number}")
        else:
            context.tracing.stop()
        context.close()
    if failed:
        print(f"Screenshots: {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    assert not problems, "The browser reported:\n" + "\n".join(problems)


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def nojs_page(new_page):
    return new_page(java_script_enabled=False)


@pytest.fixture
def zoomed_page(new_page):
    """200 % zoom on a 320 px wide screen: the layout gets 160 CSS pixels."""
    return new_page(viewport={"width": 160, "height": 480}, device_scale_factor=2)


@pytest.fixture
def narrow_page(new_page):
    """320 CSS pixels wide: WCAG 1.4.10's reflow width (1280 px at 400 %)."""
    return new_page(viewport={"width": 320, "height": 640})

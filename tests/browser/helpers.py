"""Helpers for browser tests: screenshots, axe-core, reflow. Fixtures are in conftest.py.

from tests.browser.helpers import assert_no_horizontal_overflow, axe_check, shot

def test_something(page):
    page.goto("/fr/")
    shot(page, "home")   # kept under var/test-screenshots/<test>/ if the test fails
    axe_check(page)      # zero WCAG 2.1 A/AA violations, or a readable failure
    assert_no_horizontal_overflow(page)
    assert_focus_visible(page)
"""

from __future__ import annotations

import re
from pathlib import Path
from weakref import WeakKeyDictionary

from django.conf import settings
from playwright.sync_api import BrowserContext, Page

AXE_SOURCE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa")
FOCUS_BACKGROUND = "rgb(255, 221, 0)"  # --focus in site.css
SCREENSHOT_ROOT = Path(settings.BASE_DIR) / "var" / "test-screenshots"

# The screenshot folder of each browser context (its test's), set by the new_page fixture.
_shot_dirs: WeakKeyDictionary[BrowserContext, Path] = WeakKeyDictionary()
_axe_source: str | None = None
# What the browser reported for each page: CSP violations and uncaught script errors.
_problems: WeakKeyDictionary[Page, list[str]] = WeakKeyDictionary()


def shot_dir_for(nodeid: str) -> Path:
    """var/test-screenshots/<test file and name, made safe for a folder name>/"""
    return SCREENSHOT_ROOT / re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")[:150]


def register_context(context: BrowserContext, folder: Path) -> None:
    _shot_dirs[context] = folder


def watch(page: Page) -> None:
    """Record the page's Content-Security-Policy violations and uncaught script errors."""
    problems = _problems.setdefault(page, [])
    page.on(
        "console",
        lambda message: (
            problems.append(f"{message.type}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))


def browser_problems(page: Page) -> list[str]:
    """CSP violations and script errors reported so far (the list itself: clear it to
    accept them, as a test of the watching does)."""
    return _problems.setdefault(page, [])


def shot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Screenshot the page as the next numbered step (01-name.png, 02-…). The new_page
    fixture deletes the test's folder when the test passes and keeps it when it fails."""
    folder = _shot_dirs.get(page.context, SCREENSHOT_ROOT / "unregistered")
    folder.mkdir(parents=True, exist_ok=True)
    number = len(list(folder.glob("*.png"))) + 1  # numbered across the test's contexts
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")
    path = folder / f"{number:02d}-{slug}.png"
    page.screenshot(path=path, full_page=full_page)
    return path


def _axe() -> str:
    global _axe_source
    if _axe_source is None:
        if not AXE_SOURCE_PATH.exists():
            raise RuntimeError(f"{AXE_SOURCE_PATH} is missing: run `make browser-deps` (npm ci).")
        _axe_source = AXE_SOURCE_PATH.read_text()
    return _axe_source


def axe_violations(
    page: Page, *, tags: tuple[str, ...] = AXE_TAGS, exclude: tuple[str, ...] = ()
) -> list[dict]:
    """axe-core's violations on the page as it is now (WCAG 2.0/2.1 A and AA by default)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # evaluate() is not subject to the page's Content-Security-Policy.
        page.evaluate(_axe())
    return page.evaluate(
        """([tags, exclude]) => axe.run(
            {include: [document], exclude: exclude.map((selector) => [selector])},
            {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]},
        ).then((results) => results.violations)""",
        [list(tags), list(exclude)],
    )


def format_violations(violations: list, url: str) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"][:10]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


def axe_check(page: Page, *, exclude: tuple[str, ...] = ()) -> None:
    """Fail with rule, impact, help and CSS targets when axe finds a WCAG 2.1 A/AA
    violation. A screenshot of the page is saved with the test's other screenshots.
    ``exclude``: CSS selectors of parts not to check (justify each in a comment)."""
    violations = axe_violations(page, exclude=exclude)
    if violations:
        shot(page, "axe-violations")
        raise AssertionError(format_violations(violations, page.url))


def horizontal_overflow(page: Page) -> dict:
    """Page and viewport widths, and the elements sticking out on the right."""
    return page.evaluate(
        """() => {
            const root = document.documentElement;
            const width = root.clientWidth;
            const culprits = [];
            for (const element of document.body.querySelectorAll("*")) {
                const box = element.getBoundingClientRect();
                const sticksOut = box.width && box.right > width + 1;
                const textSticksOut = element.scrollWidth > element.clientWidth + 1
                    && getComputedStyle(element).overflowX === "visible";
                if (sticksOut || textSticksOut) {
                    const name = element.tagName.toLowerCase()
                        + (element.id ? "#" + element.id : "")
                        + (element.className && typeof element.className === "string"
                            ? "." + element.className.trim().split(/\\s+/).join(".") : "");
                    culprits.push(`${name} (right edge ${Math.round(box.right)} px, `
                        + `content ${element.scrollWidth} px wide in ${element.clientWidth})`);
                }
            }
            return {scrollWidth: root.scrollWidth, clientWidth: width, culprits: culprits};
        }"""
    )


def assert_no_horizontal_overflow(page: Page) -> None:
    """Nothing scrolls sideways (WCAG 1.4.10 Reflow)."""
    result = horizontal_overflow(page)
    if result["scrollWidth"] > result["clientWidth"]:
        shot(page, "horizontal-overflow")
        culprits = "\n".join(f"  {culprit}" for culprit in result["culprits"][:15])
        raise AssertionError(
            f"{page.url} scrolls sideways: {result['scrollWidth']} px of content in "
            f"{result['clientWidth']} px.\n{culprits}"
        )


def tab_through(page: Page, *, limit: int = 60) -> list[dict]:
    """Press Tab until focus leaves the page (or ``limit``): what got focus, in order,
    with the computed styles that can show it (outline, box-shadow, background)."""
    focused = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(
            """() => {
                const element = document.activeElement;
                if (!element || element === document.body) return null;
                const style = getComputedStyle(element);
                return {
                    tag: element.tagName.toLowerCase(),
                    text: (element.textContent || element.value || "").trim().slice(0, 40),
                    outline: style.outlineStyle === "none" ? "" : style.outlineStyle,
                    shadow: style.boxShadow === "none" ? "" : style.boxShadow,
                    background: style.backgroundColor,
                };
            }"""
        )
        if state is None or (focused and state == focused[0]):
            break
        focused.append(state)
    return focused


def assert_focus_visible(page: Page) -> None:
    """Every element reached with Tab shows that it has focus (WCAG 2.4.7): an outline,
    a box shadow or the yellow focus background."""
    focused = tab_through(page)
    assert focused, f"Nothing on {page.url} takes keyboard focus."
    invisible = [
        state
        for state in focused
        if not (state["outline"] or state["shadow"] or state["background"] == FOCUS_BACKGROUND)
    ]
    assert not invisible, f"Focus not visible on {page.url}: {invisible}"

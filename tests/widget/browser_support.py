"""Helpers for the widget's browser tests: Chromium, axe-core, screenshots, and an advisor who replies.

Chromium is Debian's (``/usr/bin/chromium``); axe-core comes from ``tests/widget/node_modules`` (run
``npm ci --prefix tests/widget`` once). The advisor acts through
:class:`advisor_console.console.AdvisorConsole`, the same backend the console's pages and API call.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

# Every element inside the widget's shadow root (Playwright's CSS engine pierces open shadow roots).
IN_WIDGET = "#frontdoor-widget"


def axe_source() -> str:
    """The axe-core script, or a clear instruction if it has not been installed."""
    if not AXE.exists():
        raise RuntimeError(
            f"{AXE} is missing: run `npm ci --prefix tests/widget` (see tests/widget/package.json)"
        )
    return AXE.read_text(encoding="utf-8")


def serious_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe (WCAG 2.0-2.2 A/AA rules) over the page including the widget; serious and critical only."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())  # evaluated through DevTools, so the page's CSP does not block it
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values:
                ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                            nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
        }"""
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


def screenshot(page: Page, name: str, *, full_page: bool = False) -> Path:
    """Save a screenshot of the viewport (where the fixed widget is) as a test artefact."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def advisor_replies(services: Any, conversation_id: str, text: str, council: str = "testshire") -> None:
    """An advisor claims the conversation's open handoff and sends ``text`` (via the console's backend)."""
    from advisor_console.base import Principal, Role
    from advisor_console.console import AdvisorConsole

    console = AdvisorConsole.build(services)
    who = Principal(
        account_id="advisor-test", username="advisor.test", role=Role.ADVISOR, councils=frozenset({council})
    )
    handoff = services.conversation_store.open_handoff(conversation_id)
    assert handoff is not None, "the widget did not create a handoff"
    if handoff.status != "claimed":
        console.claim(who, handoff.id)
    console.reply(who, handoff.id, text)


def stored_conversation_id(page: Page, council: str = "testshire") -> str:
    """The conversation id the widget keeps in sessionStorage."""
    value = page.evaluate(f"() => JSON.parse(sessionStorage.getItem('frontdoor:{council}')).c")
    assert isinstance(value, str) and value
    return value

"""The screen sizes browser tests check pages at, and a page of each size."""

from contextlib import contextmanager

# Name: (width, height) in CSS pixels.
WIDTHS = {"desktop": (1280, 900), "phone": (360, 740)}


@contextmanager
def page_at(browser, width, **options):
    """A page in a fresh browser context the size of WIDTHS[width], closed afterwards.
    `options` go to the context (java_script_enabled=False…)."""
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, **options)
    try:
        yield context.new_page()
    finally:
        context.close()

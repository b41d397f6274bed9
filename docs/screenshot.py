"""Screenshot of the dashboard for the README, in Debian's headless Chromium.

    cablefacts extract corpus/seed corpus/cables --db facts.sqlite
    cablefacts report --db facts.sqlite -o report
    python docs/screenshot.py [report/index.html] [docs/dashboard.png]
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

page_path = Path(sys.argv[1] if len(sys.argv) > 1 else "report/index.html").resolve()
out = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/dashboard.png")
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"])
    page = browser.new_page(viewport={"width": 1200, "height": 1400})
    page.goto(page_path.as_uri())
    page.screenshot(path=str(out))
    browser.close()
print(out)

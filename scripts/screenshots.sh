#!/usr/bin/env bash
# The README's screenshots, made again from the demo, run from the repository root:
#
#   scripts/screenshots.sh
#
# Runs the browser test that opens the demo's pages in headless Chromium (a request form on a
# phone in Spanish and in Arabic, a navigator's day and a case at 1280×800, the supervisor's
# map) and copies the first screen of each into docs/screenshots/, where the README shows them.
# Needs Debian's chromium and chromium-driver (or CHROME and CHROMEDRIVER).

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# A skipped browser tier would leave the old pictures in place without a word: require it.
NAVDESK_REQUIRE_ALL_TIERS=1 cargo test --test browser_workspace the_readme_screenshots -- --exact \
  the_readme_screenshots_are_made_from_the_demo

mkdir -p docs/screenshots
for shot in readme-request-es readme-request-ar readme-day readme-case readme-map; do
  cp "target/screenshots/$shot.png" "docs/screenshots/${shot#readme-}.png"
done
ls -l docs/screenshots

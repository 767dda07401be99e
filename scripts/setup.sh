#!/usr/bin/env bash
# Set up everything from nothing on Debian (bookworm or later): Tesseract and its
# language packs, Python venv, the project and its test dependencies. Idempotent:
# a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  tesseract-ocr tesseract-ocr-osd tesseract-ocr-script-latn tesseract-ocr-script-grek
  tesseract-ocr-nor tesseract-ocr-dan tesseract-ocr-swe tesseract-ocr-eng
  tesseract-ocr-spa tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-pol tesseract-ocr-ita
  tesseract-ocr-nld tesseract-ocr-por tesseract-ocr-fin tesseract-ocr-ell
  fonts-dejavu-core fonts-liberation
  chromium  # headless browser for the caseworker page's tests (driven by Playwright)
  ghostscript  # for ocrmypdf, the peer in bench/ (PDF/A output)
)
command -v python3 >/dev/null 2>&1 || APT_PACKAGES+=(python3 python3-venv python3-pip)
python3 -c "import venv, ensurepip" >/dev/null 2>&1 || APT_PACKAGES+=(python3-venv)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.claim-intake-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev]"
  touch "$stamp"
fi
echo "setup: ready ($(tesseract --version 2>&1 | head -1), $(.venv/bin/python --version))"

#!/usr/bin/env bash
# Install l10nflow and the system tools it uses, on a fresh Debian/Ubuntu machine (as root or
# with sudo). `--test` adds what the test suite needs: GNU gettext (the msgcat/msgmerge/msgfmt
# oracles), epubcheck, the Nu HTML Checker, Chromium with axe-core and puppeteer-core (the
# pages' accessibility test), DAISY Ace (the books'), and the machine-translation extra.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
for arg in "$@"; do
  case "$arg" in
    --test) want_tests=1 ;;
    *) echo "usage: $0 [--test]" >&2; exit 2 ;;
  esac
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

apt_packages=(fonts-noto-core fonts-noto-cjk fonts-sil-padauk)
if [ "$want_tests" = 1 ]; then
  apt_packages+=(gettext epubcheck chromium default-jre-headless)
  # Node.js for the npm tools; a machine that has it already (e.g. from NodeSource) keeps its own.
  command -v npm >/dev/null || apt_packages+=(nodejs npm)
fi
if command -v apt-get >/dev/null; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${apt_packages[@]}"
else
  echo "install.sh: no apt-get; install these yourself: ${apt_packages[*]}" >&2
fi

python3 -m pip install -q --upgrade pip
if [ "$want_tests" = 1 ]; then
  # The MT extra pulls argostranslate → stanza → torch: take the CPU build first, or pip
  # downloads a multi-gigabyte CUDA build.
  python3 -m pip install -q "torch==2.13.0"
  # Every optional extra the tests exercise: MT, the Thai sentence model, the Dask cluster,
  # ICU's Zawgyi converter for `check --fix`.
  python3 -m pip install -q -e ".[test,dev,mt,thai,cluster,fix]"
  if command -v npm >/dev/null; then
    npm install -g --silent vnu-jar
    # --ignore-scripts: Ace's and puppeteer's install scripts download a browser build (and
    # Electron), which this project never uses: the tests drive Debian's chromium
    # (PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium).
    npm install -g --silent --ignore-scripts axe-core puppeteer-core @daisy/ace
  fi
else
  python3 -m pip install -q -e .
fi

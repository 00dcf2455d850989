#!/usr/bin/env bash
# Install the Debian packages the pipeline and its tests use: tesseract with Simplified Chinese (the optional
# OCR engine, `--ocr-engine tesseract`; the default PP-OCR engine is the Python package rapidocr-onnxruntime)
# chromium (browser tests of the HTML edition) and strace (fault injection in the reliability tests).  Idempotent; needs root or sudo.
set -euo pipefail
need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx chi_sim; } || need+=(tesseract-ocr-chi-sim)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v strace >/dev/null 2>&1 || need+=(strace)     # the kill-at-every-fsync test
fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk\|noto serif cjk" || need+=(fonts-wqy-zenhei)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
  echo "missing system packages: ${need[*]} (install them as root: apt-get install ${need[*]})" >&2; exit 1; fi
echo "installing system packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null

#!/usr/bin/env bash
# Install the Debian packages that provide missing commands or files: each argument is
# COMMAND=PACKAGE (pdftoppm=poppler-utils) or /PATH=PACKAGE (a file the package installs).
# Does nothing when everything is there; uses sudo when not root. Used by the make targets that print or screenshot (workbook-look, ...).
set -euo pipefail
missing=()
for pair in "$@"; do
  need="${pair%%=*}"
  if [[ "$need" == /* ]]; then
    [ -e "$need" ] || missing+=("${pair#*=}")
  else
    command -v "$need" >/dev/null 2>&1 || missing+=("${pair#*=}")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing Debian packages: ${missing[*]}" >&2
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#!/usr/bin/env bash
# Runs a command inside a PRIVATE D-Bus session with a throwaway, unlocked gnome-keyring, so keychain
# tests use a real Secret Service but never a developer's login keyring. Everything the daemon writes
# lives under one temp dir (XDG_* point there), which is removed afterwards.
#   usage: bash scripts/with-keyring.sh <command> [args...]
#   e.g.   bash scripts/with-keyring.sh npx vitest run test/integration/secrets
# The command sees QIOSK_KEYRING=1 (a real keychain is present) and QIOSK_KEYRING_ROOT (the temp dir),
# keeps this script's stdin, and its exit status is this script's exit status.
set -euo pipefail

# Second stage, re-entered inside the private bus (see the end of the file).
if [ "${QIOSK_KEYRING_STAGE:-}" = inside ]; then
  unset QIOSK_KEYRING_STAGE
  # The password reaches the daemon on stdin, never as an argument (arguments show in `ps`).
  printf '%s' "$QIOSK_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
  unset QIOSK_KEYRING_PASSWORD
  # --daemonize returns before the daemon owns its bus name; wait for it, and learn its pid from the bus
  # so it can be stopped afterwards (a daemon that outlives its bus would linger forever).
  daemon=''
  for _ in $(seq 100); do
    daemon="$(dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null | awk '{print $NF}')" || true
    [ -n "$daemon" ] && break
    sleep 0.05
  done
  if [ -z "$daemon" ]; then
    echo "with-keyring: gnome-keyring-daemon did not appear on the private D-Bus session within 5 s" >&2
    exit 2
  fi
  trap 'kill "$daemon" 2>/dev/null || true' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  status=0
  "$@" || status=$?
  exit "$status"
fi

if [ "$#" -eq 0 ]; then
  echo "usage: bash scripts/with-keyring.sh <command> [args...]" >&2
  exit 2
fi
for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keyring: '$tool' not found. Install the keychain test packages: apt-get install -y gnome-keyring dbus-x11 libsecret-1-dev" >&2
    exit 2
  fi
done

root="$(mktemp -d "${TMPDIR:-/tmp}/qiosk-keyring.XXXXXX")"
trap 'rm -rf -- "$root"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$root/data" "$root/config" "$root/cache" "$root/runtime"
chmod 700 "$root" "$root/runtime"
export XDG_DATA_HOME="$root/data" XDG_CONFIG_HOME="$root/config" XDG_CACHE_HOME="$root/cache" XDG_RUNTIME_DIR="$root/runtime"
export QIOSK_KEYRING=1 QIOSK_KEYRING_ROOT="$root"
# Never talk to an existing daemon or bus: with GNOME_KEYRING_CONTROL set, gnome-keyring-daemon --unlock
# would hand the password to the developer's running daemon instead of starting a private one.
unset GNOME_KEYRING_CONTROL DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY

# A random password per run: the keyring is thrown away, nobody needs to know it.
password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"

status=0
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
QIOSK_KEYRING_STAGE=inside QIOSK_KEYRING_PASSWORD="$password" dbus-run-session -- bash "$self" "$@" || status=$?
exit "$status"

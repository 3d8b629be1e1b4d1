#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a fresh, unlocked gnome-keyring, so tests
# use a real Secret Service (what keytar talks to on Linux) without touching the user's keyring.
set -euo pipefail
if [ -z "${TOKENBENCH_KEYRING_SESSION:-}" ]; then
  for tool in dbus-run-session gnome-keyring-daemon; do
    command -v "$tool" >/dev/null || {
      echo "with-keyring: $tool is missing; install the Debian packages dbus and gnome-keyring." >&2
      exit 1
    }
  done
  export TOKENBENCH_KEYRING_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi
# A throwaway keyring folder: a keyring left by an earlier run may be locked with another password.
XDG_DATA_HOME="$(mktemp -d)"
export XDG_DATA_HOME
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$XDG_DATA_HOME/run}"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# --unlock reads the new keyring's password from stdin and creates the default "login" keyring.
eval "$(printf 'tokenbench' | gnome-keyring-daemon --unlock --components=secrets --daemonize)"
export GNOME_KEYRING_CONTROL
trap 'rm -rf "$XDG_DATA_HOME"' EXIT
"$@"

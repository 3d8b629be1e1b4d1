"""Unlocks the login collection of the gnome-keyring on the session bus with its password (argv[1]),
as the unlock prompt would: test/support/private-keyring.ts. Needs Debian's python3-dbus."""
import sys

import dbus

bus = dbus.SessionBus()
service = bus.get_object("org.freedesktop.secrets", "/org/freedesktop/secrets")
_, session = dbus.Interface(service, "org.freedesktop.Secret.Service").OpenSession(
    "plain", dbus.String("", variant_level=1)
)
password = dbus.Array([dbus.Byte(b) for b in sys.argv[1].encode()], signature="y")
secret = dbus.Struct((session, dbus.Array([], signature="y"), password, "text/plain"), signature="oayays")
keyring = dbus.Interface(service, "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface")
keyring.UnlockWithMasterPassword(dbus.ObjectPath("/org/freedesktop/secrets/collection/login"), secret)

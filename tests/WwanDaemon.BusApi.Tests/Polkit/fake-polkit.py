#!/usr/bin/python3
# A stand-in for polkitd on a private bus: owns org.freedesktop.PolicyKit1, answers CheckAuthorization
# with argv[2] ("allow" or "deny") and prints every call as one line of JSON on stdout.
# Uses Debian's python3-dbus and python3-gi.
import json, sys
import dbus, dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

class Authority(dbus.service.Object):
    @dbus.service.method("org.freedesktop.PolicyKit1.Authority", in_signature="(sa{sv})sa{ss}us", out_signature="(bba{ss})")
    def CheckAuthorization(self, subject, action_id, details, flags, cancellation_id):
        kind, fields = subject
        print(json.dumps({"kind": str(kind), "name": str(fields.get("name", "")), "action": str(action_id), "flags": int(flags)}), flush=True)
        return (sys.argv[2] == "allow", False, dbus.Dictionary({}, signature="ss"))

DBusGMainLoop(set_as_default=True)
bus = dbus.bus.BusConnection(sys.argv[1])
name = dbus.service.BusName("org.freedesktop.PolicyKit1", bus)
Authority(bus, "/org/freedesktop/PolicyKit1/Authority")
print(json.dumps({"ready": True}), flush=True)
GLib.MainLoop().run()

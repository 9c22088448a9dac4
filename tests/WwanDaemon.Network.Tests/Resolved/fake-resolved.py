#!/usr/bin/python3
# A stand-in for systemd-resolved on a private bus: owns org.freedesktop.resolve1 and prints every
# SetLinkDNS / RevertLink call as one line of JSON on stdout. Uses Debian's python3-dbus and python3-gi.
import json, sys
import dbus, dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

class Manager(dbus.service.Object):
    @dbus.service.method("org.freedesktop.resolve1.Manager", in_signature="ia(iay)", out_signature="")
    def SetLinkDNS(self, ifindex, addresses):
        print(json.dumps({"member": "SetLinkDNS", "ifindex": int(ifindex),
                          "addresses": [[int(family), [int(b) for b in raw]] for family, raw in addresses]}), flush=True)

    @dbus.service.method("org.freedesktop.resolve1.Manager", in_signature="i", out_signature="")
    def RevertLink(self, ifindex):
        print(json.dumps({"member": "RevertLink", "ifindex": int(ifindex)}), flush=True)

DBusGMainLoop(set_as_default=True)
bus = dbus.bus.BusConnection(sys.argv[1])
name = dbus.service.BusName("org.freedesktop.resolve1", bus)
Manager(bus, "/org/freedesktop/resolve1")
print(json.dumps({"ready": True}), flush=True)
GLib.MainLoop().run()

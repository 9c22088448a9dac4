namespace WwanDaemon.Daemon.CommandLine;

/// <summary>wwan-daemon --help.</summary>
public static class HelpText
{
    public const string Text = """
        wwan-daemon - make USB cellular (WWAN) modems work

        Finds USB modems, selects the USB configuration and drivers that give them a working control
        port (MBIM, QMI or AT), brings them online and keeps them connected. Runs as a systemd service
        (Type=notify, with watchdog); logs to the journal under systemd, else to stderr.

        Usage:
          wwan-daemon [--config FILE] [--KEY=VALUE]...
          wwan-daemon --simulate [SCENARIO] [--until STATE --timeout SECONDS]
          wwan-daemon --udev-rules
          wwan-daemon --help | --version

        Options:
          --config FILE        configuration file (default /etc/wwan-daemon/config.json; a missing
                               default file means built-in defaults, a missing --config file is an error)
          --simulate [NAME]    run against a simulated machine instead of /sys and /dev.
                               Scenarios: default, pin-locked, seed-000, seed-000-rndis, seed-001,
                               seed-002, seed-002-stable, seed-003, seed-004 (README: what each plays).
                               While it runs, `kill -USR1 PID` unplugs the simulated modems and
                               `kill -USR2 PID` plugs them back in (the same uevents as real hotplug)
          --until STATE        stop once every modem (at least one) is in STATE, print the modems as
                               one JSON line on stdout and exit 0; needs --timeout
          --timeout SECONDS    give up on --until after this long: exit 1 and say on stderr which
                               modem is stuck where
          --udev-rules         print the early configuration-switch udev rules for the configured Policy
          --KEY=VALUE          set a configuration key, e.g. --Policy=prefer-qmi, --Reconnect:MaxSeconds=60
          --help, --version

        States: failed, unknown, initializing, locked, disabled, disabling, enabling, enabled,
                searching, registered, disconnecting, connecting, connected

        Configuration keys (config file, then WWAN_DAEMON_KEY environment variables with __ for ':',
        then the command line; later wins):
          SysfsRoot /sys, DevRoot /dev, StateDirectory /var/lib/wwan-daemon
          Policy prefer-mbim|prefer-qmi|keep (prefer-mbim)   AllowModeSwitch true|false (false)
          IpConfiguration apply|report (apply; a simulation reports unless its command line says
                               --IpConfiguration=apply: then wwan0 is a real TUN device in this network
                               namespace, configured and answering pings; needs root)
          Reconnect:InitialSeconds (5), Reconnect:MaxSeconds (300), Reconnect:Jitter 0..1 (0.2)
          ReenumerationLoop:Cycles (3), ReenumerationLoop:WindowSeconds (60)
          LogPersonalData true|false (false: IMSI, ICCID, IMEI, numbers and PINs are masked)
          LogLevel verbose|debug|information|warning|error|fatal (information)
          LogTarget auto|console|journal (auto: the journal when started by systemd)
          Bus system|none|ADDRESS (system: the system bus, or DBUS_SYSTEM_BUS_ADDRESS when set)
          ModemManagerApi on|off (on: own org.freedesktop.ModemManager1 so mmcli and NetworkManager
                               work; off leaves the name to ModemManager; org.wwandaemon.WwanDaemon1
                               serves the same objects either way)
          ControlGroup NAME (netdev: besides root, its members may connect, send PINs, enable)
          Polkit auto|off (auto: others may when polkit is on the bus and allows
                               org.wwandaemon.WwanDaemon1.control)

        Examples:
          wwan-daemon --config ./config.json --LogLevel=debug
          wwan-daemon --simulate seed-001 --until connected --timeout 30
          ip netns add demo; ip netns exec demo wwan-daemon --simulate --IpConfiguration=apply
          WWAN_DAEMON_Policy=prefer-qmi wwan-daemon --udev-rules > /etc/udev/rules.d/78-wwan-daemon-switch.rules
          DBUS_SYSTEM_BUS_ADDRESS=$(dbus-daemon --session --fork --print-address) wwan-daemon --simulate &
              then, with the same DBUS_SYSTEM_BUS_ADDRESS: mmcli -L; mmcli -m 0; wwanctl status

        Exit codes:
          0   stopped cleanly, or --until reached its state
          1   --until timed out (stderr names each modem, its state and why)
          64  bad command line (unknown option, scenario or state)
          70  internal error, or a part not wired in this build (--simulate before the modem supervisor)
          78  invalid configuration (stderr names the key, the value, the allowed values and the file),
              or one this process cannot use (--simulate --IpConfiguration=apply without CAP_NET_ADMIN)
        """;
}

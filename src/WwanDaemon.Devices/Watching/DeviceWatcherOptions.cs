namespace WwanDaemon.Devices.Watching;

/// <summary>How the watcher settles a device's burst of events.</summary>
public sealed record DeviceWatcherOptions
{
    /// <summary>
    /// Quiet time after a device's last event before it is read: its interfaces, drivers and ports
    /// (cdc-wdm, ttyUSB, wwan) appear in separate events a few milliseconds after the device's "add".
    /// </summary>
    public TimeSpan SettleDelay { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>A device that never goes quiet is read anyway this long after its first unread event.</summary>
    public TimeSpan MaximumSettleDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The clock for settling (tests inject a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Hears about a device that could not be read: a malformed attribute (the device is skipped until its
    /// next event) or a read that raced a change of the tree (read again after the settle delay). The
    /// watcher goes on with the others either way.
    /// </summary>
    public Action<string, Exception>? OnReadFailure { get; init; }
}

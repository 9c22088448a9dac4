using System.Runtime.InteropServices;

namespace WwanDaemon.Devices.Binding;

/// <summary>
/// What a failed sysfs write means and what a person should do, per errno and file
/// (errno values from asm-generic/errno-base.h; meanings from drivers/usb/core/sysfs.c and driver.c,
/// drivers/base/bus.c bind_store/unbind_store).
/// </summary>
internal static class SysfsWriteAdvice
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EACCES = 13;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int EINVAL = 22;
    public const int EROFS = 30;

    public static string Describe(string device, string file, string value, int errno)
    {
        var what = $"{device}: writing '{value}' to {file} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).";
        return $"{what} {Fix(file, value, errno)}";
    }

    private static string Fix(string file, string value, int errno)
    {
        var driver = DriverOf(file);
        return errno switch
        {
            ENOENT when driver is not null =>
                $"The driver {driver} is not loaded: load it (modprobe {driver}) or install a kernel that has it; discovery retries when the device is plugged again.",
            ENOENT =>
                "The file is missing: the device was unplugged or is re-enumerating. Discovery retries when it comes back.",
            ENODEV =>
                "The device or interface went away during the write (unplugged, reset or re-enumerating). Discovery retries when it comes back; if this repeats, check the kernel log (journalctl -k) and the power supply.",
            EBUSY when file.EndsWith("/bind", StringComparison.Ordinal) =>
                $"Another driver still holds interface {value} or the data interface that goes with it: unbind it first (echo {value} > /sys/bus/usb/devices/{value}/driver/unbind), or blacklist the driver that takes it.",
            EBUSY =>
                "The device is busy: stop programs that hold its ports (ModemManager, a terminal) and replug it.",
            EINVAL when driver is not null && file.EndsWith("/new_id", StringComparison.Ordinal) =>
                $"The kernel rejected the dynamic id '{value}': check that {driver} takes dynamic ids in this form (vendor product [class]).",
            EINVAL =>
                $"The kernel rejected '{value}': the device no longer matches the plan (it may have re-enumerated as another product). Replug it so discovery plans again.",
            EPERM or EACCES or EROFS =>
                "Writing sysfs needs root and a writable /sys: run wwan-daemon as root, and do not set ProtectKernelTunables=yes in its systemd unit.",
            _ => "See the kernel log (journalctl -k) for why the kernel refused it, then replug the device.",
        };
    }

    /// <summary>"qcserial" for ".../bus/usb/drivers/qcserial/unbind" or ".../bus/usb-serial/drivers/option1/new_id".</summary>
    private static string? DriverOf(string file)
    {
        var parts = file.Split('/');
        var index = Array.LastIndexOf(parts, "drivers");
        return index >= 0 && index + 1 < parts.Length ? parts[index + 1] : null;
    }
}

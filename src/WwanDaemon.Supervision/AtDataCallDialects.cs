using WwanDaemon.At.Parsers;
using WwanDaemon.Modem.Backends;

namespace WwanDaemon.Supervision;

/// <summary>
/// Which vendor data-call command an AT-only modem (ECM/RNDIS/NCM composition) takes, by USB vendor
/// and product. Facts: SIMCom 1e0e uses AT$QCRMCALL on its RNDIS/ECM compositions (SIM7500/SIM7600);
/// Huawei 12d1 NDIS firmware uses AT^NDISDUP (ModemManager's huawei plugin); Quectel 2c7c uses
/// AT+QNETDEVCTL, whose argument order depends on the chipset (QConnectManager V1.6.8 atc.c:
/// context id first on UNISOC RG500U/RM500U, 2c7c:0900 per Linux option.c; operation first on ASR
/// EC200T, 2c7c:6026 per option.c). Anything else uses the standard AT+CGACT. Pure.
/// </summary>
public static class AtDataCallDialects
{
    public static (AtDataCallDialect Dialect, QuectelNetDeviceLayout Layout) For(ushort vendorId, ushort productId) => (vendorId, productId) switch
    {
        (0x1e0e, _) => (AtDataCallDialect.SimcomQcrmcall, QuectelNetDeviceLayout.OperationFirst),
        (0x12d1, _) => (AtDataCallDialect.HuaweiNdisdup, QuectelNetDeviceLayout.OperationFirst),
        (0x2c7c, 0x0900) => (AtDataCallDialect.QuectelQnetdevctl, QuectelNetDeviceLayout.ContextFirst),
        (0x2c7c, 0x6026) => (AtDataCallDialect.QuectelQnetdevctl, QuectelNetDeviceLayout.OperationFirst),
        _ => (AtDataCallDialect.GenericCgact, QuectelNetDeviceLayout.OperationFirst),
    };
}

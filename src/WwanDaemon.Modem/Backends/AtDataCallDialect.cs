namespace WwanDaemon.Modem.Backends;

/// <summary>
/// How an AT-only modem starts the data call on its ECM/RNDIS/NCM network function. The caller picks
/// it from the knowledge base or the manufacturer (AT+CGMI); the backend never guesses, because
/// every vendor command fails or does something else on the other vendors' firmware.
/// </summary>
public enum AtDataCallDialect
{
    /// <summary>
    /// 3GPP TS 27.007 §10.1.10 AT+CGACT=1,&lt;cid&gt;, checked with AT+CGACT?. Works where the firmware
    /// routes an activated context to the network function on its own (many ECM firmwares); no URC
    /// tells that the network ended it.
    /// </summary>
    GenericCgact,

    /// <summary>
    /// SIMCom (SIM7500/SIM7600 on Qualcomm chipsets, in the RNDIS composition 9011 of seed 000 or another ECM/RNDIS one):
    /// AT$QCRMCALL=1,1,&lt;ip type&gt;,2,&lt;cid&gt;, checked with AT$QCRMCALL?, ended with action 0.
    /// </summary>
    SimcomQcrmcall,

    /// <summary>
    /// Quectel's AT-driven call (ASR/UNISOC "LTE Standard" and RG500U/RG801 modules): AT+QNETDEVCTL,
    /// whose argument order depends on the chipset (<see cref="AtBackendOptions.QuectelLayout"/>).
    /// </summary>
    QuectelQnetdevctl,

    /// <summary>Huawei NDIS: AT^NDISDUP=&lt;cid&gt;,1,"&lt;apn&gt;", checked with AT^NDISSTATQRY?, ^NDISSTAT URCs when it ends.</summary>
    HuaweiNdisdup,
}

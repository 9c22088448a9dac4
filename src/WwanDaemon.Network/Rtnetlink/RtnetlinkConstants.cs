namespace WwanDaemon.Network.Rtnetlink;

/// <summary>
/// Kernel ABI numbers for NETLINK_ROUTE. Each value is a fact from the UAPI header named beside it
/// (include/uapi/linux/...); they are stable ABI and never change between kernel versions.
/// </summary>
public static class RtnetlinkConstants
{
    // linux/socket.h
    public const byte AddressFamilyUnspecified = 0; // AF_UNSPEC
    public const byte AddressFamilyInet = 2;        // AF_INET
    public const byte AddressFamilyInet6 = 10;      // AF_INET6
    public const int AddressFamilyNetlink = 16;     // AF_NETLINK

    // linux/netlink.h
    public const int NetlinkRoute = 0;              // NETLINK_ROUTE
    public const int HeaderLength = 16;             // sizeof(struct nlmsghdr)
    public const int Alignment = 4;                 // NLMSG_ALIGNTO, also RTA_ALIGNTO (linux/rtnetlink.h)
    public const ushort FlagRequest = 0x01;         // NLM_F_REQUEST
    public const ushort FlagMulti = 0x02;           // NLM_F_MULTI
    public const ushort FlagAck = 0x04;             // NLM_F_ACK
    public const ushort FlagReplace = 0x100;        // NLM_F_REPLACE (modifiers to NEW requests)
    public const ushort FlagExclusive = 0x200;      // NLM_F_EXCL
    public const ushort FlagCreate = 0x400;         // NLM_F_CREATE
    public const ushort TypeNoop = 1;               // NLMSG_NOOP
    public const ushort TypeError = 2;              // NLMSG_ERROR (error 0 = the ACK)
    public const ushort TypeDone = 3;               // NLMSG_DONE
    public const ushort AttributeTypeMask = 0x3fff; // NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER)
    public const ushort FlagCapped = 0x100;         // NLM_F_CAPPED on NLMSG_ERROR: only the request's header is echoed
    public const ushort FlagAcknowledgementTlvs = 0x200; // NLM_F_ACK_TLVS on NLMSG_ERROR: extended-ack attributes follow
    public const ushort ErrorAttributeMessage = 1;  // NLMSGERR_ATTR_MSG: the kernel's explanation, a NUL-terminated string
    public const int SocketLevelNetlink = 270;      // SOL_NETLINK (linux/socket.h)
    public const int OptionExtendedAck = 11;        // NETLINK_EXT_ACK: ask for NLMSGERR_ATTR_MSG (Linux 4.12+)

    // linux/rtnetlink.h: message types
    public const ushort NewLink = 16;               // RTM_NEWLINK
    public const ushort GetLink = 18;               // RTM_GETLINK
    public const ushort SetLink = 19;               // RTM_SETLINK
    public const ushort NewAddress = 20;            // RTM_NEWADDR
    public const ushort DeleteAddress = 21;         // RTM_DELADDR
    public const ushort NewRoute = 24;              // RTM_NEWROUTE
    public const ushort DeleteRoute = 25;           // RTM_DELROUTE

    // linux/rtnetlink.h: struct rtmsg values and route attributes
    public const byte TableMain = 254;              // RT_TABLE_MAIN
    public const byte ProtocolStatic = 4;           // RTPROT_STATIC: "route installed by admin"
    public const byte ScopeUniverse = 0;            // RT_SCOPE_UNIVERSE
    public const byte ScopeLink = 253;              // RT_SCOPE_LINK
    public const byte RouteTypeUnicast = 1;         // RTN_UNICAST
    public const ushort RouteDestination = 1;       // RTA_DST
    public const ushort RouteOutputInterface = 4;   // RTA_OIF
    public const ushort RouteGateway = 5;           // RTA_GATEWAY
    public const ushort RoutePriority = 6;          // RTA_PRIORITY (the metric)

    // linux/if_addr.h
    public const ushort AddressAddress = 1;         // IFA_ADDRESS
    public const ushort AddressLocal = 2;           // IFA_LOCAL
    public const byte AddressFlagNoDad = 0x02;      // IFA_F_NODAD

    // linux/if_link.h
    public const ushort LinkAddress = 1;            // IFLA_ADDRESS
    public const ushort LinkName = 3;               // IFLA_IFNAME
    public const ushort LinkMtu = 4;                // IFLA_MTU

    // linux/if.h (enum net_device_flags)
    public const uint InterfaceUp = 0x1;            // IFF_UP

    // sizeof the fixed headers that follow nlmsghdr
    public const int LinkHeaderLength = 16;         // struct ifinfomsg (linux/rtnetlink.h)
    public const int AddressHeaderLength = 8;       // struct ifaddrmsg (linux/if_addr.h)
    public const int RouteHeaderLength = 12;        // struct rtmsg (linux/rtnetlink.h)
    public const int ErrorHeaderLength = 4 + HeaderLength; // struct nlmsgerr: int error + the request's nlmsghdr

    /// <summary>NLMSG_ALIGN / RTA_ALIGN: rounds up to the next multiple of 4.</summary>
    public static int Align(int length) => (length + Alignment - 1) & ~(Alignment - 1);
}

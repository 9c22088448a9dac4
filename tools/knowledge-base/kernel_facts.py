"""Facts from the Linux USB drivers' device tables.

Each driver's table says which interfaces the driver will bind; a few also say what the
interface is (qmi_wwan binds QMI functions, qcserial's probe documents its port layouts).
Everything here is read from the table entries; the only knowledge written down in this file
is what each driver-specific macro and layout means, taken from the driver's own definitions
and comments in Linux 6.1.
"""

import os
import re

from kernel_tables import TableEntry, read_table
from knowledge import KnowledgeBase, hex4

QMI_WWAN_MACROS = {
    "QMI_FIXED_INTF": ("vid", "pid", "ifnum"),
    "QMI_QUIRK_SET_DTR": ("vid", "pid", "ifnum"),
    "QMI_GOBI1K_DEVICE": ("vid", "pid"),        # QMI on interface 3
    "QMI_GOBI_DEVICE": ("vid", "pid"),          # QMI on interface 0
    "QMI_MATCH_FF_FF_FF": ("vid", "pid"),       # vendor class ff/ff/ff, DTR quirk
}
QMI_WWAN_FIXED = {"QMI_GOBI1K_DEVICE": 3, "QMI_GOBI_DEVICE": 0}

QCSERIAL_MACROS = {name: ("vid", "pid") for name in ("DEVICE_G1K", "DEVICE_SWI", "DEVICE_HWI")}

# qcserial's probe: interface number -> function, per layout (from its comments).
QCSERIAL_LAYOUTS = {
    "G1K": {0: "diag", 2: "at", 3: "qmi"},               # 1: serial port that does not respond
    "G2K": {0: "qmi", 1: "diag", 2: "at", 3: "gps"},
    "SWI": {0: "diag", 2: "gps", 3: "at", 8: "qmi"},
}
# Quectel EC20 with 5 interfaces on 05c6:9215 (qcserial handles it apart from the G2K layout).
QCSERIAL_EC20 = {0: "diag", 1: "gps", 2: "at", 3: "at", 4: "qmi"}
# qcserial's HWI layout: bInterfaceProtocol codes that are not serial ports (any subclass).
QCSERIAL_HWI_PROTOCOLS = {
    0x07: "qmi", 0x37: "qmi", 0x67: "qmi",        # QMI combined
    0x09: "qmi", 0x39: "qmi", 0x69: "qmi",        # QMI control
    0x16: "ncm-control", 0x46: "ncm-control", 0x76: "ncm-control",   # NCM like (huawei_cdc_ncm)
}
# qmi_wwan interfaces that carry QMI data only: no role name exists for them.
QCSERIAL_HWI_QMI_DATA = (0x08, 0x38, 0x68)

NET_DRIVERS = ("cdc_mbim", "cdc_ether", "cdc_ncm", "rndis_host")


def hex2(value: int | None) -> str | None:
    return None if value is None else f"{value:02x}"


def class_match(driver: str, entry: TableEntry, source: str) -> dict:
    return {"driver": driver, "match": "class", "class": hex2(entry.cls),
            "subclass": hex2(entry.subcls), "protocol": hex2(entry.proto), "source": source}


def entry_name(entry: TableEntry) -> str | None:
    """The product name a driver wrote beside the entry, if any."""
    for comment in entry.comments:
        if re.search(r"[A-Za-z]{2}", comment) and comment.upper() not in ("ACM", "END"):
            return comment
    return None


def add_vendor_match(kb: KnowledgeBase, driver: str, entry: TableEntry, source: str) -> None:
    kb.vendor_kernel_drivers.append({"vid": hex4(entry.vid), **class_match(driver, entry, source)})


# ---- qmi_wwan --------------------------------------------------------------------------------

def add_qmi_wwan(kb: KnowledgeBase, path: str, source: str) -> int:
    entries, unreadable = read_table(path, QMI_WWAN_MACROS)
    kb.problems += [f"qmi_wwan: unreadable entry {text}" for text in unreadable]
    for entry in entries:
        if entry.pid is None:
            add_vendor_match(kb, "qmi_wwan", entry, source)
            kb.vendor_protocols.append({"vid": hex4(entry.vid), "class": hex2(entry.cls),
                                        "subclass": hex2(entry.subcls), "protocol": hex2(entry.proto),
                                        "role": "qmi", "source": source})
            continue
        add_qmi_wwan_device(kb, entry, source)
    return len(entries)


def add_qmi_wwan_device(kb: KnowledgeBase, entry: TableEntry, source: str) -> None:
    vid, pid = entry.vid, entry.pid
    if entry.macro == "QMI_MATCH_FF_FF_FF":
        entry.cls = entry.subcls = entry.proto = 0xFF
    number = QMI_WWAN_FIXED.get(entry.macro, entry.ifnum)
    if number is not None:
        kb.add_driver(vid, pid, {"driver": "qmi_wwan", "match": "interfaces", "interfaces": [number],
                                 "source": source})
        kb.add_role(vid, pid, number, "qmi", source)
        if entry.macro == "QMI_QUIRK_SET_DTR":
            kb.add_quirk(vid, pid, "needs-dtr", source, [number])
    else:
        kb.add_driver(vid, pid, class_match("qmi_wwan", entry, source))
        if entry.macro == "QMI_MATCH_FF_FF_FF":
            # ff/ff/ff is both QMI and DIAG here (told apart by endpoint count), so no role.
            kb.add_quirk(vid, pid, "needs-dtr", source)
            kb.add_quirk(vid, pid, "dynamic-interfaces", source)
        else:
            kb.device(vid, pid).interface_classes.append(
                {"class": hex2(entry.cls), "subclass": hex2(entry.subcls), "protocol": hex2(entry.proto),
                 "role": "qmi", "source": source})
    name = entry_name(entry)
    if name:
        kb.add_name(vid, pid, name, 2)


# ---- option ----------------------------------------------------------------------------------

def option_flags(expression: str) -> tuple[list[int], list[int], bool, list[str]]:
    """RSVD and NCTRL interface numbers, the ZLP flag, and any term we do not know."""
    reserved = [int(n) for n in re.findall(r"RSVD\((\d+)\)", expression)]
    no_control = [int(n) for n in re.findall(r"NCTRL\((\d+)\)", expression)]
    zlp = bool(re.search(r"\bZLP\b", expression))
    rest = re.sub(r"RSVD\(\d+\)|NCTRL\(\d+\)|\bZLP\b|\|", " ", expression).split()
    return reserved, no_control, zlp, rest


def add_option(kb: KnowledgeBase, path: str, source: str) -> int:
    entries, unreadable = read_table(path)
    kb.problems += [f"option: unreadable entry {text}" for text in unreadable]
    for entry in entries:
        if entry.pid is None:
            add_vendor_match(kb, "option", entry, source)
            continue
        add_option_device(kb, entry, source)
    return len(entries)


def add_option_device(kb: KnowledgeBase, entry: TableEntry, source: str) -> None:
    vid, pid = entry.vid, entry.pid
    reserved, no_control, zlp, unknown = option_flags(entry.driver_info)
    for term in unknown:
        kb.problems.append(f"option {hex4(vid)}:{hex4(pid)}: driver_info term {term!r} not mapped")
    if entry.ifnum is not None:
        match = {"driver": "option", "match": "interfaces", "interfaces": [entry.ifnum]}
    elif entry.cls is None and entry.proto is None:
        match = {"driver": "option", "match": "device"}
    else:
        match = class_match("option", entry, source)
        match.pop("source")
    if reserved:
        match["exceptInterfaces"] = sorted(set(reserved))
    match["source"] = source
    kb.add_driver(vid, pid, match)
    if no_control:
        kb.add_quirk(vid, pid, "no-control-lines", source, no_control)
    if zlp:
        kb.add_quirk(vid, pid, "zlp", source)
    name = entry_name(entry)
    if name:
        kb.add_name(vid, pid, name, 4)


# ---- qcserial --------------------------------------------------------------------------------

def add_qcserial(kb: KnowledgeBase, path: str, source: str, qmi_wwan_ids: set) -> int:
    entries, unreadable = read_table(path, QCSERIAL_MACROS)
    kb.problems += [f"qcserial: unreadable entry {text}" for text in unreadable]
    for entry in entries:
        add_qcserial_device(kb, entry, source, qmi_wwan_ids)
    return len(entries)


def add_qcserial_device(kb: KnowledgeBase, entry: TableEntry, source: str, qmi_wwan_ids: set) -> None:
    vid, pid = entry.vid, entry.pid
    layout = {"DEVICE_G1K": "G1K", "DEVICE_SWI": "SWI", "DEVICE_HWI": "HWI"}.get(entry.macro, "G2K")
    kb.add_driver(vid, pid, {"driver": "qcserial", "match": "device", "source": source})
    name = entry_name(entry)
    if name:
        kb.add_name(vid, pid, name, 3)
    # A single-interface QDL (firmware download) personality: the driver's comment names it,
    # and qmi_wwan has no QMI function for the same id.
    if name and re.search(r"\bQDL\b", name) and (vid, pid) not in qmi_wwan_ids:
        kb.add_role(vid, pid, 0, "firmware-download", source)
        return
    if layout == "HWI":
        add_hwi_layout(kb, vid, pid, source)
        return
    roles = dict(QCSERIAL_LAYOUTS[layout])
    if layout == "G2K" and pid == 0x9215 and vid == 0x05c6:
        # Same id, two layouts told apart by the interface count: only agreeing roles are facts.
        roles = {n: r for n, r in roles.items() if QCSERIAL_EC20.get(n) == r}
        kb.problems.append("qcserial 05c6:9215: Gobi 2000 and Quectel EC20 layouts share the id; "
                           f"kept only the roles both give: {roles}")
    for number, role in roles.items():
        kb.add_role(vid, pid, number, role, source)


def add_hwi_layout(kb: KnowledgeBase, vid: int, pid: int, source: str) -> None:
    device = kb.device(vid, pid)
    for protocol, role in sorted(QCSERIAL_HWI_PROTOCOLS.items()):
        device.interface_classes.append({"class": "ff", "subclass": None, "protocol": hex2(protocol),
                                         "role": role, "source": source})
    kb.add_quirk(vid, pid, "dynamic-interfaces", source)


# ---- cdc_mbim, cdc_ether, cdc_ncm, rndis_host ------------------------------------------------

def add_net_driver(kb: KnowledgeBase, driver: str, path: str, source: str) -> tuple[int, list[str]]:
    """Device- and vendor-specific entries of a CDC network driver that concern modems.

    An entry counts when its driver_info marks the link as WWAN (or it is cdc_mbim, which only
    drives modems), or when its id is already known from a modem driver.  Entries with
    driver_info 0 are exclusions (the driver refuses the device) and are only reported.
    """
    table_name = "products" if driver == "cdc_ether" else None
    entries, unreadable = read_table(path, table_name=table_name)
    kb.problems += [f"{driver}: unreadable entry {text}" for text in unreadable]
    skipped, used = [], 0
    for entry in entries:
        if entry.vid is None:
            continue        # the generic class match every device gets
        is_wwan = driver == "cdc_mbim" or re.search(r"wwan|zte", entry.driver_info)
        ident = f"{hex4(entry.vid)}:{hex4(entry.pid)}" if entry.pid is not None else f"{hex4(entry.vid)}:*"
        if entry.driver_info.strip() == "0":
            if (entry.vid, entry.pid, None) in kb.devices:
                skipped.append(f"{ident} ({entry_name(entry) or 'no name'})")
            continue
        if entry.pid is None:
            add_vendor_match(kb, driver, entry, source)
            used += 1
            continue
        if not is_wwan and (entry.vid, entry.pid, None) not in kb.devices:
            continue
        kb.add_driver(entry.vid, entry.pid, class_match(driver, entry, source))
        name = entry_name(entry)
        if name:
            kb.add_name(entry.vid, entry.pid, name, 5)
        used += 1
    return used, skipped


def add_kernel(kb: KnowledgeBase, linux_root: str, version: str) -> dict[str, int]:
    """Every driver's facts; returns how many table entries each driver contributed."""
    def path(relative: str) -> str:
        return os.path.join(linux_root, relative)

    def cite(driver: str, relative: str) -> str:
        return kb.cite(f"linux-{driver}", f"Linux {version.split('-')[0]} {relative}, USB device id "
                       f"table (Debian linux-source-6.1 {version})")

    counts = {}
    qmi_source = cite("qmi_wwan", "drivers/net/usb/qmi_wwan.c")
    counts["linux-qmi_wwan"] = add_qmi_wwan(kb, path("drivers/net/usb/qmi_wwan.c"), qmi_source)
    qmi_ids = {(vid, pid) for (vid, pid, _), dev in kb.devices.items()
               if any(d["driver"] == "qmi_wwan" for d in dev.drivers)}
    counts["linux-option"] = add_option(kb, path("drivers/usb/serial/option.c"),
                                        cite("option", "drivers/usb/serial/option.c"))
    counts["linux-qcserial"] = add_qcserial(kb, path("drivers/usb/serial/qcserial.c"),
                                            cite("qcserial", "drivers/usb/serial/qcserial.c"), qmi_ids)
    for driver in NET_DRIVERS:
        relative = f"drivers/net/usb/{driver}.c"
        used, skipped = add_net_driver(kb, driver, path(relative), cite(driver, relative))
        counts[f"linux-{driver}"] = used
        if skipped:
            kb.problems.append(f"{driver}: excludes (driver_info 0, not recorded) {', '.join(skipped)}")
    return counts

"""Facts from usb.ids (names) and usb-modeswitch-data (devices that first appear as storage)."""

import re
import tarfile

from knowledge import KnowledgeBase

# usb_modeswitch config keys -> the usb_modeswitch command-line option that does the same
# (as listed by `usb_modeswitch --help`, version 2.6.1).  Keys not listed (TargetVendor,
# TargetProduct*, TargetClass, NeedResponse, WaitBefore) describe the result or the dispatcher.
MODESWITCH_OPTIONS = {
    "MessageEndpoint": "--message-endpoint", "MessageContent": "--message-content",
    "MessageContent2": "--message-content2", "MessageContent3": "--message-content3",
    "ResponseEndpoint": "--response-endpoint", "ReleaseDelay": "--release-delay",
    "StandardEject": "--std-eject", "DetachStorageOnly": "--detach-only",
    "HuaweiMode": "--huawei-mode", "HuaweiNewMode": "--huawei-new-mode",
    "HuaweiAltMode": "--huawei-alt-mode", "SierraMode": "--sierra-mode", "SonyMode": "--sony-mode",
    "GCTMode": "--gct-mode", "SequansMode": "--sequans-mode", "MobileActionMode": "--mobileaction-mode",
    "KobilMode": "--kobil-mode", "CiscoMode": "--cisco-mode", "QisdaMode": "--qisda-mode",
    "QuantaMode": "--quanta-mode", "PantechMode": "--pantech-mode", "BlackberryMode": "--blackberry-mode",
    "OptionMode": "--option-mode", "Configuration": "--configuration", "Interface": "--interface",
    "CheckSuccess": "--check-success",
}
FLAG_ONLY = {"StandardEject", "DetachStorageOnly", "HuaweiMode", "HuaweiNewMode", "HuaweiAltMode",
             "SierraMode", "SonyMode", "GCTMode", "SequansMode", "MobileActionMode", "KobilMode",
             "CiscoMode", "QisdaMode", "QuantaMode", "BlackberryMode", "OptionMode"}
# Suffixes of config names that narrow a config to one maker's device (usb_modeswitch_dispatcher).
VARIANT_KEYS = {"uMa": "USB manufacturer string", "uPr": "USB product string",
                "uSe": "USB serial string", "sVe": "SCSI vendor string", "sMo": "SCSI model string",
                "sRe": "SCSI revision string"}


def read_usb_ids(kb: KnowledgeBase, path: str) -> int:
    """Vendor and product names; returns how many devices of the knowledge base got a name."""
    vendor = None
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.startswith("C "):
                break               # device classes follow; no more vendors
            vendor_line = re.match(r"([0-9a-f]{4})\s+(.+)", line)
            product_line = re.match(r"\t([0-9a-f]{4})\s+(.+)", line)
            if vendor_line:
                vendor = int(vendor_line.group(1), 16)
                kb.vendor_names[vendor] = vendor_line.group(2).strip()
            elif product_line and vendor is not None:
                kb.product_names[(vendor, int(product_line.group(1), 16))] = product_line.group(2).strip()
    named = 0
    for (vid, pid, _), device in kb.devices.items():
        if (vid, pid) in kb.product_names:
            kb.add_name(vid, pid, kb.product_names[(vid, pid)], 1)
            named += 1
    return named


def parse_modeswitch_config(text: str) -> dict[str, str]:
    config = {}
    for line in text.splitlines():
        match = re.match(r"\s*([A-Za-z0-9]+)\s*=\s*(.*?)\s*$", line)
        if match and not line.lstrip().startswith("#"):
            config[match.group(1)] = match.group(2).strip('"').strip()
    return config


def modeswitch_command(vid: int, pid: int, config: dict[str, str]) -> str:
    parts = [f"usb_modeswitch -v 0x{vid:04x} -p 0x{pid:04x}"]
    for key, option in MODESWITCH_OPTIONS.items():
        value = config.get(key)
        if value is None or (key in FLAG_ONLY and value in ("0", "")):
            continue
        parts.append(option if key in FLAG_ONLY else f"{option} {value}")
    return " ".join(parts)


def mode_switch_item(name: str, vid: int, pid: int, config: dict[str, str], source: str) -> dict:
    target_vid = config.get("TargetVendor", "").lower().replace("0x", "").strip()
    products = [p.strip().lower().replace("0x", "") for p in
                (config.get("TargetProduct") or config.get("TargetProductList") or "").split(",") if p.strip()]
    description = "switches from the storage personality to the modem"
    if len(products) > 1:
        description += f"; result product is one of {','.join(products)}"
    if config.get("TargetClass"):
        description += f"; result device class {config['TargetClass']}"
    variant = name.split(":", 2)[2] if name.count(":") >= 2 else None
    if variant:
        key, _, value = variant.partition("=")
        description += f"; this config applies when the {VARIANT_KEYS.get(key, key)} matches {value!r}"
    return {
        "target": "modem",
        "command": modeswitch_command(vid, pid, config),
        "resultVid": f"{int(target_vid, 16):04x}" if re.fullmatch(r"[0-9a-f]{1,4}", target_vid) else None,
        "resultPid": products[0].zfill(4) if len(products) == 1 else None,
        "description": description,
        "source": source,
    }


def configuration_item(vid: int, pid: int, config: dict[str, str], source: str) -> dict:
    value = config.get("Configuration", "")
    return {
        "target": "configuration",
        "command": modeswitch_command(vid, pid, config),
        "resultVid": f"{vid:04x}",
        "resultPid": f"{pid:04x}",
        "description": f"selects USB configuration (bConfigurationValue) {value}; no storage personality",
        "source": source,
    }


def read_modeswitch(kb: KnowledgeBase, config_pack: str, version: str) -> int:
    source = kb.cite("usb-modeswitch-data", f"usb-modeswitch-data {version} configPack.tar.gz "
                     "(Debian usb-modeswitch-data, /usr/share/usb_modeswitch/configPack.tar.gz)")
    count = 0
    with tarfile.open(config_pack) as pack:
        for member in sorted(pack.getmembers(), key=lambda m: m.name):
            ids = re.fullmatch(r"([0-9a-f]{4}):([0-9a-f]{4})(:.*)?", member.name)
            if not member.isfile() or not ids:
                continue
            vid, pid = int(ids.group(1), 16), int(ids.group(2), 16)
            config = parse_modeswitch_config(pack.extractfile(member).read().decode("utf-8", "replace"))
            device = kb.device(vid, pid)
            if set(config) <= {"Configuration", "WaitBefore"}:
                # Not a storage personality: the config only picks a USB configuration.
                device.mode_switches.append(configuration_item(vid, pid, config, source))
            else:
                kb.add_role(vid, pid, 0, "storage", source)
                device.mode_switches.append(mode_switch_item(member.name, vid, pid, config, source))
            count += 1
    return count

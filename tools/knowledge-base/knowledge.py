"""The in-memory knowledge base that every source adds facts to, and its JSON form.

One `Device` per (vid, pid, bcdDevice).  Sources add interface roles, kernel driver matches,
quirks, mode switches and ModemManager hints; `to_json` merges and orders everything so that
the output is the same byte for byte on every run.
"""

import json
from dataclasses import dataclass, field

# When two sources give one interface different roles, the first source family listed here
# wins: ModemManager's per-port rules are the most specific, then the kernel drivers that
# bind a function to a fixed interface number, then qcserial's documented layouts.
ROLE_PRECEDENCE = ("mm-rules-", "linux-qmi_wwan", "linux-qcserial", "usb-modeswitch-data")

# A role that only refines another is no conflict: "at" may become "at-primary".
ROLE_REFINEMENTS = {"at": {"at-primary", "at-secondary", "ppp"}, "serial": {"at", "at-primary",
                    "at-secondary", "ppp", "gps", "diag", "ignore"}}


def hex4(value: int) -> str:
    """A USB id as the schema writes it: four lower-case hex digits."""
    return f"{value:04x}"


def precedence(source: str) -> int:
    for rank, prefix in enumerate(ROLE_PRECEDENCE):
        if source.startswith(prefix):
            return rank
    return len(ROLE_PRECEDENCE)


@dataclass
class Device:
    vid: int
    pid: int
    bcd_device: int | None = None
    names: list[tuple[int, str]] = field(default_factory=list)     # (priority, name)
    roles: dict[int, list[tuple[str, str]]] = field(default_factory=dict)  # number -> (role, source)
    drivers: list[dict] = field(default_factory=list)
    quirks: dict[tuple, dict] = field(default_factory=dict)
    mode_switches: list[dict] = field(default_factory=list)
    interface_classes: list[dict] = field(default_factory=list)
    hints: dict[tuple, dict] = field(default_factory=dict)


class KnowledgeBase:
    def __init__(self) -> None:
        self.devices: dict[tuple, Device] = {}
        self.sources: dict[str, str] = {}
        self.vendor_protocols: list[dict] = []
        self.vendor_kernel_drivers: list[dict] = []
        self.vendor_names: dict[int, str] = {}
        self.product_names: dict[tuple[int, int], str] = {}
        self.problems: list[str] = []       # what could not be read or did not agree

    def cite(self, source_id: str, citation: str) -> str:
        self.sources[source_id] = citation
        return source_id

    def device(self, vid: int, pid: int, bcd_device: int | None = None) -> Device:
        key = (vid, pid, bcd_device)
        if key not in self.devices:
            self.devices[key] = Device(vid, pid, bcd_device)
        return self.devices[key]

    def add_role(self, vid: int, pid: int, number: int, role: str, source: str) -> None:
        roles = self.device(vid, pid).roles.setdefault(number, [])
        if (role, source) not in roles:
            roles.append((role, source))

    def add_driver(self, vid: int, pid: int, match: dict) -> None:
        drivers = self.device(vid, pid).drivers
        if match not in drivers:
            drivers.append(match)

    def add_quirk(self, vid: int, pid: int, name: str, source: str,
                  interfaces: list[int] | None = None, method: str | None = None) -> None:
        quirks = self.device(vid, pid).quirks
        key = (name, method, source)
        quirk = quirks.setdefault(key, {"name": name, "interfaces": set(), "whole": False,
                                        "method": method, "source": source})
        if interfaces is None:
            quirk["whole"] = True
        else:
            quirk["interfaces"].update(interfaces)

    def add_hint(self, vid: int, pid: int, name: str, value: str, source: str,
                 interface: int | None = None) -> None:
        hints = self.device(vid, pid).hints
        hint = hints.setdefault((name, value, source), {"name": name, "value": value,
                                                        "interfaces": set(), "whole": False,
                                                        "source": source})
        if interface is None:
            hint["whole"] = True
        else:
            hint["interfaces"].add(interface)

    def add_name(self, vid: int, pid: int, name: str, priority: int) -> None:
        name = " ".join(name.split())
        if name:
            self.device(vid, pid).names.append((priority, name))

    # ---- output ---------------------------------------------------------------------------

    def resolve_roles(self, device: Device) -> list[dict]:
        """One role per interface number, by source precedence; real disagreements are noted."""
        result = []
        for number in sorted(device.roles):
            claims = sorted(device.roles[number], key=lambda claim: (precedence(claim[1]), claim))
            role, source = claims[0]
            top = [claim for claim in claims if precedence(claim[1]) == precedence(source)]
            if len({claim[0] for claim in top}) > 1:
                self.problems.append(f"{hex4(device.vid)}:{hex4(device.pid)} interface {number}: "
                                     f"one source gives several roles {sorted(top)}; no role kept")
                continue
            for other_role, other_source in claims[1:]:
                if other_role != role and role not in ROLE_REFINEMENTS.get(other_role, ()):
                    self.problems.append(
                        f"{hex4(device.vid)}:{hex4(device.pid)} interface {number}: {source} says "
                        f"{role}, {other_source} says {other_role}; kept {role}")
            result.append({"number": number, "role": role, "source": source})
        return result

    def device_json(self, device: Device) -> dict:
        names = sorted(device.names, key=lambda item: (item[0], item[1]))
        entry = {
            "vid": hex4(device.vid),
            "pid": hex4(device.pid),
            "bcdDevice": None if device.bcd_device is None else hex4(device.bcd_device),
            "configuration": None,
            "vendor": self.vendor_names.get(device.vid),
            "name": names[0][1] if names else None,
            "interfaces": self.resolve_roles(device),
            "kernelDrivers": sorted(device.drivers, key=lambda d: (d["driver"], json.dumps(d, sort_keys=True))),
            "quirks": [quirk_json(q) for q in sorted(device.quirks.values(), key=sort_key)],
            "modeSwitches": sorted(device.mode_switches, key=lambda m: json.dumps(m, sort_keys=True)),
        }
        if device.interface_classes:
            entry["interfaceClasses"] = sorted(device.interface_classes,
                                               key=lambda c: json.dumps(c, sort_keys=True))
        if device.hints:
            entry["modemManagerHints"] = [quirk_json(h) for h in sorted(device.hints.values(), key=sort_key)]
        return entry

    def to_json(self, data_version: str, generated_from: dict) -> dict:
        devices = [self.device_json(self.devices[key])
                   for key in sorted(self.devices, key=lambda k: (k[0], k[1], k[2] is not None, k[2] or 0))]
        return {
            "schemaVersion": 1,
            "dataVersion": data_version,
            "generatedFrom": generated_from,
            "sources": dict(sorted(self.sources.items())),
            "devices": devices,
            "vendorProtocols": sorted(unique(self.vendor_protocols), key=lambda p: json.dumps(p, sort_keys=True)),
            "vendorKernelDrivers": sorted(unique(self.vendor_kernel_drivers),
                                          key=lambda p: json.dumps(p, sort_keys=True)),
        }


def sort_key(item: dict) -> str:
    return json.dumps({k: sorted(v) if isinstance(v, set) else v for k, v in item.items()}, sort_keys=True)


def quirk_json(item: dict) -> dict:
    """A quirk or hint as written: `interfaces` only when it does not hold for the whole device."""
    result = {key: value for key, value in item.items()
              if key not in ("interfaces", "whole", "method", "source")}
    if item["interfaces"] and not item["whole"]:
        result["interfaces"] = sorted(item["interfaces"])
    if item.get("method"):
        result["method"] = item["method"]
    result["source"] = item["source"]
    return result


def unique(items: list[dict]) -> list[dict]:
    seen, result = set(), []
    for item in items:
        key = json.dumps(item, sort_keys=True)
        if key not in seen:
            seen.add(key)
            result.append(item)
    return result

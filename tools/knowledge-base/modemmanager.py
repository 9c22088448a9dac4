"""Facts from ModemManager's udev rules and FCC unlock scripts.

The `77-mm-*.rules` files tag ports per vendor/product/interface.  They are written as one
block per vendor: a rule `ATTRS{idVendor}=="1199", GOTO="label"` jumps into a block whose
rules often name only the product, so the vendor of a rule is taken from the GOTOs that lead
to its block.  Interface numbers (`.MM_USBIFNUM`, `bInterfaceNumber`) are hex, as sysfs shows them.
"""

import glob
import os
import re
from dataclasses import dataclass, field

from knowledge import KnowledgeBase, hex4

PORT_TYPE_ROLES = {
    "ID_MM_PORT_TYPE_AT_PRIMARY": "at-primary",
    "ID_MM_PORT_TYPE_AT_SECONDARY": "at-secondary",
    "ID_MM_PORT_TYPE_AT_PPP": "ppp",
    "ID_MM_PORT_TYPE_GPS": "gps",
    "ID_MM_PORT_TYPE_QCDM": "diag",
    "ID_MM_PORT_TYPE_QMI": "qmi",
    "ID_MM_PORT_TYPE_AUDIO": "audio",
    "ID_MM_PORT_IGNORE": "ignore",
}

CONDITION = re.compile(r'(\w+)(?:\{([^}]*)\})?\s*(==|!=)\s*"([^"]*)"')
ASSIGNMENT = re.compile(r'(\w+)(?:\{([^}]*)\})?\s*(=|\+=|:=)\s*"([^"]*)"')


@dataclass
class Rule:
    line: int
    conditions: dict[str, str] = field(default_factory=dict)    # "ATTRS{idVendor}" -> value (== only)
    negated: dict[str, str] = field(default_factory=dict)
    assignments: dict[str, str] = field(default_factory=dict)   # "ENV{ID_MM_...}" -> value
    goto: str | None = None
    label: str | None = None
    vendors: set[str] = field(default_factory=set)              # vendors that reach this rule


def parse_rule(line_no: int, text: str) -> Rule:
    rule = Rule(line_no)
    for part in re.split(r',\s*(?=(?:[^"]*"[^"]*")*[^"]*$)', text):
        part = part.strip()
        condition = CONDITION.fullmatch(part)
        if condition:
            key = condition.group(1) + (f"{{{condition.group(2)}}}" if condition.group(2) else "")
            target = rule.conditions if condition.group(3) == "==" else rule.negated
            target[key] = condition.group(4)
            continue
        assignment = ASSIGNMENT.fullmatch(part)
        if assignment:
            key, value = assignment.group(1), assignment.group(4)
            if key == "GOTO":
                rule.goto = value
            elif key == "LABEL":
                rule.label = value
            else:
                rule.assignments[key + (f"{{{assignment.group(2)}}}" if assignment.group(2) else "")] = value
    return rule


def read_rules(path: str) -> list[Rule]:
    """The file's rules, each knowing which vendor ids can reach it through the GOTO blocks."""
    rules = []
    with open(path, encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            line = line.strip()
            if line and not line.startswith("#"):
                rules.append(parse_rule(line_no, line))
    label_vendors: dict[str, set[str]] = {}
    for rule in rules:
        vendor = rule.conditions.get("ATTRS{idVendor}")
        if rule.goto and vendor:
            label_vendors.setdefault(rule.goto, set()).add(vendor.lower())
    reach: set[str] = set()         # empty = any vendor (no vendor check seen yet)
    falls_through = True
    for rule in rules:
        if rule.label is not None:
            entering = label_vendors.get(rule.label, set())
            reach = (reach | entering) if falls_through else set(entering)
            falls_through = True
        rule.vendors = set(reach)
        if rule.goto and not rule.conditions and not rule.negated:
            falls_through = False   # an unconditional jump: the next label is entered only by GOTOs
    return rules


def rule_vendors(rule: Rule) -> set[str]:
    own = rule.conditions.get("ATTRS{idVendor}")
    return {own.lower()} if own else rule.vendors


def interface_number(rule: Rule) -> int | None:
    value = rule.conditions.get("ENV{.MM_USBIFNUM}") or rule.conditions.get("ATTRS{bInterfaceNumber}")
    if value is None or not re.fullmatch(r"[0-9a-fA-F]{1,2}", value):
        return None
    return int(value, 16)


def interface_class(rule: Rule) -> tuple | None:
    keys = ("ATTRS{bInterfaceClass}", "ATTRS{bInterfaceSubClass}", "ATTRS{bInterfaceProtocol}")
    values = [rule.conditions.get(key) for key in keys]
    return None if all(value is None for value in values) else tuple(
        None if value is None else value.lower() for value in values)


def is_hex_id(value: str | None) -> bool:
    return value is not None and re.fullmatch(r"[0-9a-fA-F]{4}", value) is not None


def apply_rule(kb: KnowledgeBase, rule: Rule, source: str, file_name: str) -> int:
    """Add one rule's facts; returns how many facts it gave."""
    tags = {key[4:-1]: value for key, value in rule.assignments.items()
            if key.startswith("ENV{ID_MM_")}
    if not tags:
        return 0
    vendors = rule_vendors(rule)
    product = rule.conditions.get("ATTRS{idProduct}")
    number, classes = interface_number(rule), interface_class(rule)
    where = f"{file_name}:{rule.line}"
    if not vendors or not all(is_hex_id(v) for v in vendors) or (product and not is_hex_id(product)):
        kb.problems.append(f"{where}: no plain USB vendor/product to attach {sorted(tags)} to")
        return 0
    facts = 0
    for vendor in sorted(vendors):
        if product is None:
            facts += apply_vendor_rule(kb, int(vendor, 16), tags, classes, source, where)
            continue
        vid, pid = int(vendor, 16), int(product, 16)
        for tag, value in sorted(tags.items()):
            role = PORT_TYPE_ROLES.get(tag)
            if role and number is not None:
                kb.add_role(vid, pid, number, role, source)
            elif role and classes is not None:
                kb.device(vid, pid).interface_classes.append(
                    {"class": classes[0], "subclass": classes[1], "protocol": classes[2],
                     "role": role, "source": source})
            else:
                kb.add_hint(vid, pid, tag, value, source, number)
            facts += 1
    return facts


def apply_vendor_rule(kb: KnowledgeBase, vid: int, tags: dict, classes: tuple | None,
                      source: str, where: str) -> int:
    """A rule that names a vendor but no product: a vendor protocol when it names class codes."""
    facts = 0
    for tag, value in sorted(tags.items()):
        role = PORT_TYPE_ROLES.get(tag)
        if role and classes is not None:
            kb.vendor_protocols.append({"vid": hex4(vid), "class": classes[0], "subclass": classes[1],
                                        "protocol": classes[2], "role": role, "source": source})
            facts += 1
        else:
            kb.problems.append(f"{where}: vendor-wide {tag}={value} for {hex4(vid)} "
                               f"(class {classes}) has no place in the schema; not recorded")
    return facts


def source_id_for(path: str) -> str:
    name = os.path.basename(path)
    name = re.sub(r"^\d+-mm-", "", name)
    name = re.sub(r"(-port-types)?\.rules$", "", name)
    return f"mm-rules-{name}"


def add_rules(kb: KnowledgeBase, rules_dir: str, version: str) -> dict[str, int]:
    counts = {}
    for path in sorted(glob.glob(os.path.join(rules_dir, "77-mm-*.rules"))):
        file_name = os.path.basename(path)
        source = kb.cite(source_id_for(path), f"ModemManager {version.split('-')[0]} udev rules "
                         f"{file_name} (Debian modemmanager {version}, /lib/udev/rules.d/{file_name})")
        facts = sum(apply_rule(kb, rule, source, file_name) for rule in read_rules(path))
        counts[source] = facts
        if facts == 0:
            del kb.sources[source]
    return counts


# ---- FCC unlock ------------------------------------------------------------------------------

def fcc_unlock_method(script: str) -> tuple[str, str]:
    """(quirk, method) from what the unlock script runs."""
    if "qmicli" in script and "fcc-authentication" in script:
        flags = sorted(set(re.findall(r"--dms-[\w-]*set-fcc-authentication[\w-]*", script)))
        method = "qmi-dms " + " then ".join(flag[2:] for flag in sorted(flags, reverse=True))
        return "fcc-unlock-qmi-over-mbim", method
    flags = sorted(set(re.findall(r"(?:mbimcli|qmicli)[^\n]*?(--[a-z][\w-]*(?:=\S+)?)\s*$", script, re.M)))
    tool = "mbim" if "mbimcli" in script else "qmi" if "qmicli" in script else "script"
    method = f"{tool} " + " ".join(flag.lstrip("-").strip('"') for flag in flags)
    return "fcc-unlock", method.strip()


def add_fcc_unlock(kb: KnowledgeBase, directory: str, version: str) -> int:
    source = kb.cite("mm-fcc-unlock", f"ModemManager {version.split('-')[0]} FCC unlock scripts "
                     f"(Debian modemmanager {version}, /usr/share/ModemManager/fcc-unlock.available.d/)")
    count = 0
    for path in sorted(glob.glob(os.path.join(directory, "*"))):
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as handle:
            quirk, method = fcc_unlock_method(handle.read())
        if not re.fullmatch(r"[0-9a-f]{4}:[0-9a-f]{4}", name):
            kb.problems.append(f"fcc-unlock {name}: vendor-wide script ({quirk}, {method}); "
                               "only its vid:pid links are recorded")
            continue
        vid, pid = (int(part, 16) for part in name.split(":"))
        kb.add_quirk(vid, pid, quirk, source, method=method)
        count += 1
    return count

"""Reads a Linux `struct usb_device_id` table out of a driver's C source.

Only the table's data is read: each `{ ... }` entry becomes a `TableEntry` with the
vendor/product, the interface class triple or interface number it matches, the raw
`.driver_info` expression, the name of the match macro it used, and the comments written
beside it (drivers name the product there).  Names such as `HUAWEI_VENDOR_ID` are resolved
through the file's own `#define`s plus the USB class constants below.
"""

import re
from dataclasses import dataclass, field

# Class and subclass codes used by the tables we read (USB-IF class codes and the CDC 1.2
# subclass codes; the kernel spells them in include/uapi/linux/usb/ch9.h and cdc.h).
USB_CONSTANTS = {
    "USB_CLASS_COMM": 0x02,
    "USB_CLASS_MASS_STORAGE": 0x08,
    "USB_CLASS_CDC_DATA": 0x0A,
    "USB_CLASS_WIRELESS_CONTROLLER": 0xE0,
    "USB_CLASS_MISC": 0xEF,
    "USB_CLASS_VENDOR_SPEC": 0xFF,
    "USB_SUBCLASS_VENDOR_SPEC": 0xFF,
    "USB_CDC_SUBCLASS_ACM": 0x02,
    "USB_CDC_SUBCLASS_ETHERNET": 0x06,
    "USB_CDC_SUBCLASS_MDLM": 0x0A,
    "USB_CDC_SUBCLASS_NCM": 0x0D,
    "USB_CDC_SUBCLASS_MBIM": 0x0E,
    "USB_CDC_PROTO_NONE": 0x00,
}

# Generic match macros of include/linux/usb.h: macro name -> the fields its arguments fill.
GENERIC_MACROS = {
    "USB_DEVICE": ("vid", "pid"),
    "USB_DEVICE_INTERFACE_CLASS": ("vid", "pid", "cls"),
    "USB_DEVICE_INTERFACE_PROTOCOL": ("vid", "pid", "proto"),
    "USB_DEVICE_INTERFACE_NUMBER": ("vid", "pid", "ifnum"),
    "USB_DEVICE_AND_INTERFACE_INFO": ("vid", "pid", "cls", "subcls", "proto"),
    "USB_VENDOR_AND_INTERFACE_INFO": ("vid", "cls", "subcls", "proto"),
    "USB_INTERFACE_INFO": ("cls", "subcls", "proto"),
}

# Designated initialisers some tables use instead of the macros.
DESIGNATED_FIELDS = {
    "idVendor": "vid",
    "idProduct": "pid",
    "bInterfaceClass": "cls",
    "bInterfaceSubClass": "subcls",
    "bInterfaceProtocol": "proto",
    "bInterfaceNumber": "ifnum",
}


@dataclass
class TableEntry:
    """One `{ ... }` of a usb_device_id table, with symbols resolved to integers."""

    macro: str                      # match macro used (driver-specific or generic), or "designated"
    vid: int | None = None
    pid: int | None = None
    cls: int | None = None
    subcls: int | None = None
    proto: int | None = None
    ifnum: int | None = None
    driver_info: str = ""           # the raw expression after `.driver_info =`
    comments: list[str] = field(default_factory=list)
    text: str = ""                  # the entry's source text without comments


def read_defines(source: str) -> dict[str, str]:
    """Every object-like `#define NAME value` of the file (function-like macros are skipped)."""
    defines = {}
    for match in re.finditer(r"^#define\s+([A-Za-z_]\w*)[ \t]+([^\n]*)$", source, re.M):
        value = re.sub(r"/\*.*?\*/|//.*", "", match.group(2)).strip()
        defines[match.group(1)] = value
    return defines


def resolve_number(token: str, defines: dict[str, str], depth: int = 0) -> int | None:
    """An integer from a literal, a USB constant or a chain of #defines; None if unknown."""
    token = re.sub(r"/\*.*?\*/", "", token).strip().strip("()").strip()
    if re.fullmatch(r"0[xX][0-9a-fA-F]+|\d+", token):
        return int(token, 0)
    if token in USB_CONSTANTS:
        return USB_CONSTANTS[token]
    if token in defines and depth < 8:
        return resolve_number(defines[token], defines, depth + 1)
    return None


def table_body(source: str, table_name: str | None = None) -> str:
    """The text between the braces of the (named or first) usb_device_id array."""
    name = re.escape(table_name) if table_name else r"\w+"
    start = re.search(r"struct\s+usb_device_id\s+" + name + r"\s*\[\s*\]\s*=\s*\{", source)
    if not start:
        raise ValueError(f"no usb_device_id table {table_name or ''} found")
    depth, index = 1, start.end()
    while depth:
        char = source[index]
        depth += {"{": 1, "}": -1}.get(char, 0)
        index += 1
    return source[start.end():index - 1]


def split_entries(body: str) -> list[tuple[str, list[str]]]:
    """Top-level `{...}` entries of a table body with their comments.

    A comment belongs to the entry it sits in, or to the entry that ends earlier on the same
    line (drivers write `{ USB_DEVICE(...) },  /* product */`).
    """
    entries: list[tuple[str, list[str]]] = []
    lines = [line for line in body.split("\n") if not line.lstrip().startswith("#")]
    text = "\n".join(lines)
    depth, current, comments = 0, [], []
    last_closed_line = -1
    line_no, index = 0, 0
    while index < len(text):
        if text.startswith("/*", index) or text.startswith("//", index):
            end = text.find("*/", index) + 2 if text[index + 1] == "*" else text.find("\n", index)
            end = len(text) if end <= 1 else end
            comment = text[index:end].strip("/* \t\n")
            comment = " ".join(comment.split())
            if depth > 0:
                comments.append(comment)
            elif line_no == last_closed_line and entries:
                entries[-1][1].append(comment)
            line_no += text.count("\n", index, end)
            index = end
            continue
        char = text[index]
        if char == "\n":
            line_no += 1
        if char == "{":
            depth += 1
            if depth == 1:
                current, comments = [], []
                index += 1
                continue
        elif char == "}":
            depth -= 1
            if depth == 0:
                entries.append(("".join(current), comments))
                last_closed_line = line_no
                index += 1
                continue
        if depth > 0:
            current.append(char)
        index += 1
    return [(entry_text, notes) for entry_text, notes in entries if entry_text.strip()]


def split_arguments(text: str) -> list[str]:
    """Comma-separated macro arguments, respecting nested parentheses."""
    arguments, depth, current = [], 0, []
    for char in text:
        if char == "," and depth == 0:
            arguments.append("".join(current).strip())
            current = []
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        current.append(char)
    arguments.append("".join(current).strip())
    return arguments


def macro_call(text: str) -> tuple[str, list[str]] | None:
    """The first `NAME(args)` call at the start of an entry."""
    match = re.match(r"\s*([A-Z][A-Z0-9_]*)\s*\(", text)
    if not match:
        return None
    depth, index = 1, match.end()
    while depth and index < len(text):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        index += 1
    return match.group(1), split_arguments(text[match.end():index - 1])


def parse_entry(text: str, comments: list[str], defines: dict[str, str],
                driver_macros: dict[str, tuple[str, ...]]) -> TableEntry | None:
    """Turn one entry's text into a TableEntry, or None when it matches nothing we can read."""
    entry = TableEntry(macro="designated", comments=comments, text=" ".join(text.split()))
    info = re.search(r"\.driver_info\s*=\s*(.+?)\s*(?:,\s*\.\w+\s*=|,?\s*$)", text, re.S)
    if info:
        entry.driver_info = " ".join(info.group(1).split())
    call = macro_call(text)
    if call:
        name, arguments = call
        fields = driver_macros.get(name) or GENERIC_MACROS.get(name)
        if fields is None:
            return None
        entry.macro = name
        for field_name, argument in zip(fields, arguments):
            setattr(entry, field_name, resolve_number(argument, defines))
        return entry
    found = False
    for c_name, field_name in DESIGNATED_FIELDS.items():
        match = re.search(r"\." + c_name + r"\s*=\s*([^,}]+)", text)
        if match:
            setattr(entry, field_name, resolve_number(match.group(1), defines))
            found = True
    return entry if found else None


def read_table(path: str, driver_macros: dict[str, tuple[str, ...]] | None = None,
               table_name: str | None = None) -> tuple[list[TableEntry], list[str]]:
    """All entries of a driver's id table, plus the entries that could not be read."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        source = handle.read()
    defines = read_defines(source)
    entries, unreadable = [], []
    for text, comments in split_entries(table_body(source, table_name)):
        entry = parse_entry(text, comments, defines, driver_macros or {})
        if entry is None:
            unreadable.append(" ".join(text.split()))
        else:
            entries.append(entry)
    return entries, unreadable

#!/usr/bin/env python3
"""Generate data/knowledge-base/generated.json from machine-readable public sources.

Sources (all Debian 12 packages; install them with
`apt-get install linux-source-6.1 modemmanager usb.ids usb-modeswitch-data`):

* linux-source-6.1 — /usr/src/linux-source-6.1.tar.xz.  Only the USB device id tables of
  drivers/net/usb/{qmi_wwan,cdc_mbim,cdc_ether,cdc_ncm,rndis_host}.c and
  drivers/usb/serial/{option,qcserial}.c are read; they are extracted to a temporary
  directory, never into the repository.
* modemmanager — /lib/udev/rules.d/77-mm-*.rules (port roles and hints) and
  /usr/share/ModemManager/fcc-unlock.available.d/ (FCC unlock methods).
* usb.ids — /usr/share/misc/usb.ids (vendor and product names).
* usb-modeswitch-data — /usr/share/usb_modeswitch/configPack.tar.gz (devices that first
  appear as storage, and the command that switches them).

Only facts (ids, interface numbers, layouts, names) are carried over.  The exact package
versions are written into "sources" and "generatedFrom".

Re-run from the repository root:
    python3 tools/knowledge-base/generate.py            # writes data/knowledge-base/generated.json
    python3 tools/knowledge-base/generate.py --check    # validates the written file
"""

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter

sys.dont_write_bytecode = True     # keep __pycache__ out of the repository

import kernel_facts  # noqa: E402  (after the line above on purpose)
import modemmanager  # noqa: E402
import other_sources  # noqa: E402
from knowledge import KnowledgeBase  # noqa: E402

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_OUTPUT = os.path.join(REPO_ROOT, "data", "knowledge-base", "generated.json")
# Bump when a source version or this generator's output changes (kept fixed so re-runs on
# the same inputs give the same bytes).
DATA_VERSION = "2026-11-21"

LINUX_TARBALL = "/usr/src/linux-source-6.1.tar.xz"
LINUX_FILES = [f"drivers/net/usb/{name}.c" for name in ("qmi_wwan", *kernel_facts.NET_DRIVERS)] + [
    "drivers/usb/serial/option.c", "drivers/usb/serial/qcserial.c"]
MM_RULES_DIR = "/lib/udev/rules.d"
MM_FCC_UNLOCK_DIR = "/usr/share/ModemManager/fcc-unlock.available.d"
USB_IDS = "/usr/share/misc/usb.ids"
MODESWITCH_PACK = "/usr/share/usb_modeswitch/configPack.tar.gz"

ROLES = {"qmi", "mbim-control", "mbim-data", "ecm-control", "ecm-data", "ncm-control", "ncm-data",
         "rndis-control", "rndis-data", "at-primary", "at-secondary", "ppp", "at", "gps", "diag", "adb",
         "audio", "firmware-download", "storage", "ignore", "serial"}
QUIRKS = {"needs-dtr", "no-control-lines", "zlp", "first-protocol-wins", "fcc-unlock-qmi-over-mbim",
          "fcc-unlock", "qcserial-claims-cdc", "raw-ip-only", "re-enumerates", "dynamic-interfaces"}


def package_version(package: str) -> str:
    result = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                            capture_output=True, text=True, check=True)
    return result.stdout.strip()


def extract_linux_files(tarball: str, target: str) -> str:
    """Extract only the driver sources we read; returns the kernel tree's root."""
    with tarfile.open(tarball) as archive:
        prefix = "linux-source-6.1/"
        wanted = {prefix + name for name in LINUX_FILES}
        members = [member for member in archive if member.name in wanted]
        archive.extractall(target, members=members, filter="data")
    missing = wanted - {m.name for m in members}
    if missing:
        raise SystemExit(f"{tarball} lacks {sorted(missing)}: is it the linux-source-6.1 package?")
    return os.path.join(target, prefix)


def build(linux_tarball: str) -> tuple[dict, dict, KnowledgeBase]:
    kb = KnowledgeBase()
    versions = {package: package_version(package) for package in
                ("linux-source-6.1", "modemmanager", "usb.ids", "usb-modeswitch-data")}
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="wwan-kb-") as temporary:
        root = extract_linux_files(linux_tarball, temporary)
        counts.update(kernel_facts.add_kernel(kb, root, versions["linux-source-6.1"]))
    counts.update(modemmanager.add_rules(kb, MM_RULES_DIR, versions["modemmanager"]))
    counts["mm-fcc-unlock"] = modemmanager.add_fcc_unlock(kb, MM_FCC_UNLOCK_DIR, versions["modemmanager"])
    counts["usb-modeswitch-data"] = other_sources.read_modeswitch(kb, MODESWITCH_PACK,
                                                                  versions["usb-modeswitch-data"])
    kb.cite("usb-ids", f"usb.ids {versions['usb.ids']} (Debian usb.ids, /usr/share/misc/usb.ids): "
            "vendor and product names")
    counts["usb-ids"] = other_sources.read_usb_ids(kb, USB_IDS)
    generated_from = {"linux": versions["linux-source-6.1"].split("-")[0],
                      "modemmanager": versions["modemmanager"].split("-")[0]}
    return kb.to_json(DATA_VERSION, generated_from), counts, kb


def write_json(document: dict, path: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=2, ensure_ascii=False)
        handle.write("\n")


# ---- self-check ------------------------------------------------------------------------------

def is_hex(value, digits: int) -> bool:
    return isinstance(value, str) and len(value) == digits and all(c in "0123456789abcdef" for c in value)


def check_device(device: dict, sources: dict) -> list[str]:
    ident = f"{device.get('vid')}:{device.get('pid')}"
    errors = []
    if not is_hex(device.get("vid"), 4) or not is_hex(device.get("pid"), 4):
        errors.append(f"{ident}: vid/pid must be 4 lower-case hex digits")
    if device.get("bcdDevice") is not None and not is_hex(device["bcdDevice"], 4):
        errors.append(f"{ident}: bcdDevice must be null or 4 hex digits")
    numbers = [item["number"] for item in device.get("interfaces", [])]
    if len(numbers) != len(set(numbers)):
        errors.append(f"{ident}: an interface number appears twice")
    for item in device.get("interfaces", []):
        if item["role"] not in ROLES:
            errors.append(f"{ident}: unknown role {item['role']}")
    for quirk in device.get("quirks", []):
        if quirk["name"] not in QUIRKS:
            errors.append(f"{ident}: unknown quirk {quirk['name']}")
    for driver in device.get("kernelDrivers", []):
        if driver["match"] not in ("interfaces", "device", "class"):
            errors.append(f"{ident}: unknown match {driver['match']}")
    for group in ("interfaces", "kernelDrivers", "quirks", "modeSwitches", "interfaceClasses",
                  "modemManagerHints"):
        for item in device.get(group, []):
            if item.get("source") not in sources:
                errors.append(f"{ident}: {group} item cites unknown source {item.get('source')!r}")
    return errors


def check(document: dict) -> list[str]:
    errors = []
    if document.get("schemaVersion") != 1:
        errors.append("schemaVersion must be 1")
    sources = document.get("sources", {})
    keys = set()
    for device in document.get("devices", []):
        key = (device.get("vid"), device.get("pid"), device.get("bcdDevice"), device.get("configuration"))
        if key in keys:
            errors.append(f"{key}: duplicate device entry")
        keys.add(key)
        errors += check_device(device, sources)
    for group in ("vendorProtocols", "vendorKernelDrivers"):
        for item in document.get(group, []):
            if not is_hex(item.get("vid"), 4):
                errors.append(f"{group}: bad vid {item.get('vid')!r}")
            if item.get("source") not in sources:
                errors.append(f"{group}: unknown source {item.get('source')!r}")
            if "role" in item and item["role"] not in ROLES:
                errors.append(f"{group}: unknown role {item['role']}")
    return errors


# ---- report ----------------------------------------------------------------------------------

def report(document: dict, counts: dict, kb: KnowledgeBase) -> None:
    devices = document["devices"]
    print(f"{len(devices)} device entries, {len(document['vendorProtocols'])} vendor protocols, "
          f"{len(document['vendorKernelDrivers'])} vendor-wide kernel matches")
    print("facts read per source:", json.dumps(counts, indent=1, sort_keys=True))
    per_source = Counter()
    for device in devices:
        cited = {item["source"] for group in ("interfaces", "kernelDrivers", "quirks", "modeSwitches",
                                              "interfaceClasses", "modemManagerHints")
                 for item in device.get(group, [])}
        per_source.update(cited)
    print("devices citing each source:", json.dumps(dict(sorted(per_source.items())), indent=1))
    vendors = Counter(f"{d['vid']} {d['vendor']}" for d in devices)
    print("top vendors:", json.dumps(vendors.most_common(10), indent=1))
    print(f"{len(kb.problems)} notes (unread or disagreeing facts):")
    for problem in kb.problems:
        print("  -", problem)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", default=DEFAULT_OUTPUT)
    parser.add_argument("--linux-tarball", default=LINUX_TARBALL)
    parser.add_argument("--check", action="store_true", help="only validate the existing output file")
    parser.add_argument("--quiet", action="store_true", help="do not print the summary and notes")
    args = parser.parse_args()
    if not args.check:
        document, counts, kb = build(args.linux_tarball)
        write_json(document, args.output)
        if not args.quiet:
            report(document, counts, kb)
    with open(args.output, encoding="utf-8") as handle:
        errors = check(json.load(handle))
    for error in errors:
        print("check:", error, file=sys.stderr)
    print(f"check: {'FAILED with ' + str(len(errors)) + ' errors' if errors else 'ok'} ({args.output})")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

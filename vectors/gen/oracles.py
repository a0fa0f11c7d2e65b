#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Re-run the Ceph 16.2.15 tools that confirmed the tests flagged
"Oracle" (optional: needs ceph-common's monmaptool and ceph on PATH).

  addr, addrvec  the bytes become mon.a's public_addrs in a monmap that
                 monmaptool wrote; `monmaptool --print` decodes it
                 (entity_addr_t::decode / entity_addrvec_t::decode)
  addr_text,     `monmaptool --create --addv a TEXT` (entity_addrvec_t::
  addrvec_text   parse, which stops where the address ends; m2 checks
                 that the whole text was used)
  mon_host       `ceph -m TEXT --debug-monc 10`: MonClient::
                 build_initial_monmap logs the monmap it built; the client
                 then tries to reach those monitors, so only loopback
                 addresses are allowed here, and each run is killed after
                 a few seconds.

  ceph_conf      `ceph-conf -c FILE -L` (the sections, or the parse error)
                 and `ceph-conf -c FILE -l SECTION --filter-key-value
                 KEY=VALUE` for every entry m2gen found (get_val_from_conf_file
                 without metavariable expansion)
  keyring        `ceph-authtool FILE -l`: KeyRing::print of what it read

Usage: oracles.py [--vectors DIR].  Exit status 0 when every flagged test
agrees (or the tools are missing), 1 otherwise.  No network: loopback only.
"""

import argparse
import json
import os
import pathlib
import re
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
FSID = "11111111-2222-3333-4444-555555555555"


def ceph_text(dump):
    """m2's always-bracketed vector dump -> Ceph's operator<< form."""
    inner = dump[1:-1]
    if inner == "":
        return ""
    depth = 0
    parts = 1
    for ch in inner:
        depth += ch == "["
        depth -= ch == "]"
        parts += ch == "," and depth == 0
    return inner if parts == 1 else dump


class MonmapOracle:
    def __init__(self, tmp):
        self.tmp = tmp
        base = tmp / "base"
        subprocess.run(["monmaptool", "--create", "--fsid", FSID, "--addv",
                        "a", "[v2:127.0.0.1:13300,v1:127.0.0.1:16789]",
                        str(base)], check=True, capture_output=True)
        self.base = base.read_bytes()
        av = bytes.fromhex(
            "0202000000"
            "0101011c00000002000000000000001000000002"
            "0033f47f0000010000000000000000"
            "0101011c00000001000000000000001000000002"
            "0041957f0000010000000000000000")
        self.i = self.base.index(av)
        self.av_len = len(av)
        self.hdr = self.i - 5 - 6        # mon_info_t header, name "a"
        assert self.base[self.hdr:self.hdr + 2] == b"\x05\x01"

    def print_addrs(self, av):
        b = bytearray(self.base[:self.i] + av +
                      self.base[self.i + self.av_len:])
        n = struct.unpack_from("<I", b, self.hdr + 2)[0]
        struct.pack_into("<I", b, self.hdr + 2, n + len(av) - self.av_len)
        struct.pack_into("<I", b, 2, len(b) - 6)
        path = self.tmp / "t"
        path.write_bytes(bytes(b))
        r = subprocess.run(["monmaptool", "--print", str(path)],
                           capture_output=True, text=True)
        for line in r.stdout.splitlines():
            m = re.match(r"0: (.*) mon\.a$", line)
            if m:
                return m.group(1)
        return None

    def addv(self, text):
        path = self.tmp / "g"
        if path.exists():
            path.unlink()
        r = subprocess.run(["monmaptool", "--create", "--addv", "a", text,
                            str(path), "--print"], capture_output=True,
                           text=True)
        for line in r.stdout.splitlines():
            m = re.match(r"0: (.*) mon\.a$", line)
            if m:
                return m.group(1)
        return None


def ceph_monmap(text, tmp):
    """The monmap `ceph -m TEXT` builds, as {name: Ceph address text}."""
    if re.search(r"\d+\.\d+\.\d+\.\d+", text) and \
            any(not ip.startswith("127.")
                for ip in re.findall(r"\d+\.\d+\.\d+\.\d+", text)):
        raise ValueError(f"not loopback: {text!r}")
    conf = tmp / "c.conf"
    conf.write_text(f"[global]\nfsid = {FSID}\n")
    try:
        r = subprocess.run(["ceph", "-c", str(conf), "-m", text,
                            "--connect-timeout", "1", "--debug-monc", "10",
                            "--log-to-stderr", "true", "--no-mon-config",
                            "-k", "/dev/null", "status"],
                           capture_output=True, text=True, timeout=6)
        out = r.stdout + r.stderr
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode() + (e.stderr or b"").decode()
    mons = {}
    for line in out.splitlines():
        m = re.match(r"\d+: (.*) mon\.(\S+)$", line)
        if m:
            mons[m.group(2)] = m.group(1)
    return mons


def _unesc(s):
    """The dump's escaping undone."""
    out = []
    i = 0
    while i < len(s):
        if s[i] == "\\" and s[i + 1] == "x":
            out.append(chr(int(s[i + 2:i + 4], 16)))
            i += 4
        elif s[i] == "\\":
            out.append(s[i + 1])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def conf_entries(dump):
    """[(section, key, value)] and [sections] from a ceph_conf dump."""
    ents, secs, sec = [], [], None
    i = 0
    while i < len(dump):
        if dump[i] == " ":
            i += 1
            continue
        if dump[i] == "[":
            j = i + 1
            while dump[j] != "]":
                j += 2 if dump[j] == "\\" else 1
            sec = _unesc(dump[i + 1:j])
            secs.append(sec)
            i = j + 1
            continue
        j = i
        while dump[j] != "=":
            j += 2 if dump[j] == "\\" else 1
        key = _unesc(dump[i:j])
        k = j + 2
        while dump[k] != '"':
            k += 2 if dump[k] == "\\" else 1
        ents.append((sec, key, _unesc(dump[j + 2:k])))
        i = k + 1
    return secs, ents


def ceph_conf_check(text, dump, tmp):
    """None if Ceph agrees with |dump| (None: must refuse), else why."""
    path = tmp / "ceph.conf"
    path.write_bytes(text.encode())
    base = ["ceph-conf", "-c", str(path), "--no-mon-config"]
    r = subprocess.run(base + ["-L"], capture_output=True, text=True)
    if dump is None:
        return None if r.returncode != 0 else "Ceph accepted it"
    if r.returncode != 0:
        return "Ceph refused it: " + r.stderr.strip()[-200:]
    secs, ents = conf_entries(dump)
    got = [x for x in r.stdout.split("\n") if x != ""]
    if got != sorted(secs):
        return f"sections {got!r} != {sorted(secs)!r}"
    for sec, key, val in ents:
        r = subprocess.run(base + ["-l", sec, "--filter-key-value",
                                   f"{key}={val}"],
                           capture_output=True, text=True)
        if sec not in r.stdout.split("\n"):
            return f"[{sec}] {key}={val!r} not confirmed"
    return None


def authtool_check(text, dump, tmp):
    path = tmp / "keyring"
    path.write_bytes(text.encode())
    r = subprocess.run(["ceph-authtool", str(path), "-l"],
                       capture_output=True, text=True)
    if dump is None:
        return None if r.returncode != 0 else "Ceph accepted it"
    if r.returncode != 0:
        return "Ceph refused it: " + (r.stdout + r.stderr).strip()[-200:]
    return None if r.stdout == dump else f"Ceph printed {r.stdout!r}"


def conf_main(vec, tmp):
    """The ceph_conf and keyring files; returns (checked, bad)."""
    checked = bad = 0
    for codec, fn in (("ceph_conf", ceph_conf_check),
                      ("keyring", authtool_check)):
        doc = json.loads((vec / f"{codec}.json").read_text())
        for g in doc["testGroups"]:
            for test in g["tests"]:
                if "Oracle" not in test.get("flags", ()):
                    continue
                checked += 1
                if test["result"] == "invalid":
                    want = None
                elif test["result"] == "acceptable":
                    # Ceph must accept; m2 gives no dump to compare.
                    want = test.get("dump")
                    if want is None:
                        r = (ceph_conf_accepts if codec == "ceph_conf"
                             else authtool_accepts)(test["input"], tmp)
                        why = None if r else "Ceph refused it"
                        print(f"{'ok ' if why is None else 'BAD'} {codec} "
                              f"tc{test['tcId']}: {why or 'Ceph accepts'}")
                        bad += why is not None
                        continue
                else:
                    want = test["dump"]
                why = fn(test["input"], want, tmp)
                print(f"{'ok ' if why is None else 'BAD'} {codec} "
                      f"tc{test['tcId']}: {why or 'agrees'}")
                bad += why is not None
    return checked, bad


def ceph_conf_accepts(text, tmp):
    path = tmp / "ceph.conf"
    path.write_bytes(text.encode())
    return subprocess.run(["ceph-conf", "-c", str(path), "--no-mon-config",
                           "-L"], capture_output=True).returncode == 0


def authtool_accepts(text, tmp):
    path = tmp / "keyring"
    path.write_bytes(text.encode())
    return subprocess.run(["ceph-authtool", str(path), "-l"],
                          capture_output=True).returncode == 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vectors", default=str(HERE.parent))
    args = ap.parse_args()
    if not shutil.which("monmaptool") or not shutil.which("ceph"):
        print("oracles: monmaptool or ceph not installed, nothing checked")
        return 0
    vec = pathlib.Path(args.vectors)
    bad = 0
    checked = 0
    with tempfile.TemporaryDirectory() as t:
        tmp = pathlib.Path(t)
        mm = MonmapOracle(tmp)
        for codec in ("addr", "addrvec", "addr_text", "addrvec_text",
                      "mon_host"):
            doc = json.loads((vec / f"{codec}.json").read_text())
            for g in doc["testGroups"]:
                for test in g["tests"]:
                    if "Oracle" not in test.get("flags", ()):
                        continue
                    checked += 1
                    want = test.get("dump") if test["result"] != "invalid" \
                        else None
                    if codec in ("addr", "addrvec"):
                        b = bytes.fromhex(test["input"])
                        if codec == "addr":
                            b = b"\x02\x01\x00\x00\x00" + b
                            want = None if want is None else want
                        else:
                            want = None if want is None else ceph_text(want)
                        got = mm.print_addrs(b)
                    elif codec == "addr_text":
                        got = mm.addv(test["input"])
                    elif codec == "addrvec_text":
                        got = mm.addv(test["input"])
                        want = None if want is None else ceph_text(want)
                    else:
                        # In rank order, as Ceph prints the monmap.
                        mons = ceph_monmap(test["input"], tmp)
                        got = " ".join(f"{k}={v if v.startswith('[') else '[' + v + ']'}"
                                       for k, v in mons.items())
                    ok = got == want
                    print(f"{'ok ' if ok else 'BAD'} {codec} "
                          f"tc{test['tcId']}: m2gen {want!r}, Ceph {got!r}")
                    bad += not ok
        if shutil.which("ceph-conf") and shutil.which("ceph-authtool"):
            c2, b2 = conf_main(vec, tmp)
            checked += c2
            bad += b2
    print(f"oracles: {checked} checked, {bad} disagree")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""pcap2json.py: turn a loopback capture of msgr2 sessions into
vectors/captures/<name>.json, one file per TCP stream.

  pcap2json.py --pcap F --conf CEPH.CONF --server-ports P[,P] --prefix X
               [--plan PLAN.tsv] [--probe PROBE.jsonl] [--mon-log LOG]
               --out DIR

The pcap reader is written for this project (classic pcap only: run
tshark with -F pcap): link types Ethernet (1), Linux cooked (113) and
Linux cooked v2 (276); IPv4 and IPv6; TCP.  Each connection is keyed by its
4-tuple and begins with a SYN; each direction is reassembled by sequence
number from its SYN's ISN, retransmitted bytes are dropped (after checking
they repeat what was already seen), and a hole is an error.

Streams are named from two logs capture.sh writes: probe.py prints the
local port of each of its sessions (--probe), and the plan (--plan, tab
separated: name, start epoch, end epoch, command) gives the time window
of each CLI command; a CLI command's connections are numbered c1, c2, ...
in the order of their SYNs.  An unnamed stream is an error.

With --mon-log (the monitor's log at debug_ms 20) each stream's decoded
frames are compared with what the monitor logged for that connection, and
the agreeing log lines go into the stream's "notes" (a disagreement stops
the run).
"""

import argparse
import json
import os
import re
import struct
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "gen"))
from m2gen import captures as C  # noqa: E402

CEPH_VERSION = "16.2.15 (618f440892089921c3e944a991122ddc44e60516) pacific"


# -- pcap ------------------------------------------------------------------

def read_pcap(path):
    """Yields (ts, ip_payload_proto, src, dst, l4 bytes) for TCP packets."""
    with open(path, "rb") as fp:
        data = fp.read()
    if len(data) < 24:
        raise ValueError("no pcap header")
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        raise ValueError("not a classic pcap file (pcapng? use -F pcap)")
    nano = magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d")
    linktype = struct.unpack(e + "I", data[20:24])[0]
    off = 24
    while off < len(data):          # bounded: off grows by >= 16
        if off + 16 > len(data):
            raise ValueError("truncated record header")
        sec, frac, incl, orig = struct.unpack(e + "IIII", data[off:off + 16])
        off += 16
        pkt = data[off:off + incl]
        off += incl
        if len(pkt) != incl or incl != orig:
            raise ValueError("truncated packet (snaplen?)")
        ts = sec + frac / (1e9 if nano else 1e6)
        if linktype == 1:
            proto, l3 = struct.unpack(">H", pkt[12:14])[0], pkt[14:]
        elif linktype == 113:
            proto, l3 = struct.unpack(">H", pkt[14:16])[0], pkt[16:]
        elif linktype == 276:
            proto, l3 = struct.unpack(">H", pkt[0:2])[0], pkt[20:]
        else:
            raise ValueError("link type %d" % linktype)
        if proto == 0x0800:
            ihl = (l3[0] & 0xF) * 4
            total = struct.unpack(">H", l3[2:4])[0]
            frag = struct.unpack(">H", l3[6:8])[0]
            if frag & 0x3FFF:
                raise ValueError("IP fragment")
            if l3[9] != 6:
                continue
            src, dst = l3[12:16], l3[16:20]
            l4 = l3[ihl:total]
        elif proto == 0x86DD:
            plen = struct.unpack(">H", l3[4:6])[0]
            if l3[6] != 6:
                continue                # no extension headers on lo
            src, dst = l3[8:24], l3[24:40]
            l4 = l3[40:40 + plen]
        else:
            continue
        yield ts, src, dst, l4


def tcp_fields(l4):
    sport, dport, seq, ack = struct.unpack(">HHII", l4[:12])
    doff = (l4[12] >> 4) * 4
    flags = l4[13]
    return sport, dport, seq, flags, l4[doff:]


SYN, FIN, RST, ACK = 0x02, 0x01, 0x04, 0x10


class Dir:
    def __init__(self):
        self.isn = None
        self.segs = []

    def assemble(self):
        out = bytearray()
        for off, data in sorted(self.segs, key=lambda s: s[0]):
            if off > len(out):
                raise ValueError("hole at byte %d" % len(out))
            overlap = len(out) - off
            if overlap > 0 and bytes(out[off:off + min(overlap, len(data))]) \
                    != data[:overlap]:
                raise ValueError("retransmission differs at %d" % off)
            if off + len(data) > len(out):
                out += data[max(overlap, 0):]
        return bytes(out)


class Conn:
    def __init__(self, ts, client, server):
        self.syn_ts = ts
        self.client, self.server = client, server   # (ip, port)
        self.c2s, self.s2c = Dir(), Dir()
        self.closed = False


def streams(pcap, server_ports):
    conns, live = [], {}
    for ts, src, dst, l4 in read_pcap(pcap):
        sport, dport, seq, flags, payload = tcp_fields(l4)
        if dport in server_ports:
            key, to_server = (src, sport, dst, dport), True
        elif sport in server_ports:
            key, to_server = (dst, dport, src, sport), False
        else:
            continue
        c = live.get(key)
        if flags & SYN and not flags & ACK and to_server:
            c = Conn(ts, (src, sport), (dst, dport))
            live[key] = c
            conns.append(c)
        if c is None:
            raise ValueError("packet of a connection whose SYN was not "
                             "captured (port %d)" % key[1])
        d = c.c2s if to_server else c.s2c
        if flags & SYN:
            d.isn = (seq + 1) & 0xFFFFFFFF
            continue
        if d.isn is None:
            raise ValueError("data before SYN")
        if payload:
            d.segs.append(((seq - d.isn) & 0xFFFFFFFF, payload))
        if flags & (FIN | RST):
            c.closed = True
    return conns


# -- naming ----------------------------------------------------------------

def load_plan(path):
    plan = []
    if not path:
        return plan
    with open(path) as fp:
        for line in fp:
            if line.strip():
                name, t0, t1, cmd = line.rstrip("\n").split("\t")
                plan.append((name, float(t0), float(t1), cmd))
    return plan


def load_probe(path):
    out = {}
    if not path:
        return out
    with open(path) as fp:
        for line in fp:
            if line.strip():
                rec = json.loads(line)
                if not rec.get("ok"):
                    raise ValueError("probe session failed: %s" % line)
                out[rec["local_port"]] = rec
    return out


def mon_conf(path):
    """The [global] and [mon] options of ceph.conf that shape the wire:
    everything but paths and the fsid."""
    out, section = {}, None
    skip = ("fsid", "keyring", "run_dir", "admin_socket", "log_file",
            "mon_cluster_log_file", "pid_file", "mon_data")
    with open(path) as fp:
        for line in fp:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("["):
                section = line.strip("[]")
                continue
            if section not in ("global", "mon") or "=" not in line:
                continue
            k, v = (s.strip() for s in line.split("=", 1))
            if k not in skip:
                out[k] = v
    return out


# -- the monitor's log -------------------------------------------------------
#
# Lines look like "2026-..+0000 7f7b80ff96c0 10 --2- [...] >>  conn(0xA 0xB
# ...).func text" for the messenger and "2026-... 7f7b80ff96c0 10 mon.a@0
# ... text" for the monitor's own subsystems.  A messenger line names its
# AsyncConnection (0xA); a monitor or auth line does not, but runs on the
# worker thread that is handling that connection's event, so it is counted
# as the connection's if the last conn(...) line of its thread was.

LOG_ACCEPT = re.compile(r"conn\((0x[0-9a-f]+) .*\)\.accept sd=\d+ "
                        r"listen_addr \S+ peer_addr v2:[^ ]*:(\d+)/0")
LOG_CONN = re.compile(r"conn\((0x[0-9a-f]+) ")


def log_lines_for(lines, port):
    """The log lines of the monitor's connection that accepted the TCP
    connection from |port|, from its accept line to the next accept that
    reuses the same object (or the end)."""
    conn, out, current = None, [], {}
    for ln in lines:
        f = ln.split(" ", 3)
        thread = f[1] if len(f) > 2 else ""
        m = LOG_ACCEPT.search(ln)
        if conn is None:
            if m and int(m.group(2)) == port:
                conn = m.group(1)
                out.append(ln)
                current[thread] = conn
            continue
        if m and m.group(1) == conn:
            break
        c = LOG_CONN.search(ln)
        if c:
            current[thread] = c.group(1)
            if c.group(1) == conn:
                out.append(ln)
        elif current.get(thread) == conn:
            out.append(ln)
    return out


def short(ln):
    """A log line without its timestamp, thread and connection prefix."""
    m = re.search(r"\)\.([A-Za-z_0-9]+ .*)$", ln)
    if m:
        return m.group(1)
    return ln.split(" ", 3)[3] if ln.count(" ") >= 3 else ln


def utime_text(sec, nsec):
    """utime_t's operator<< in UTC (these machines run in UTC): the
    microseconds are nsec / 1000, truncated."""
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(sec)) + \
        ".%06d+0000" % (nsec // 1000)


def crosscheck(st, lines):
    """Compare the decoded stream with the monitor's log of it.  Returns
    the agreeing log lines (shortened); raises on a disagreement."""
    notes = []

    def find(pattern):
        rx = re.compile(pattern)
        for i, ln in enumerate(lines):
            m = rx.search(ln)
            if m:
                return i, m
        return None, None

    def need(what, pattern, *want):
        """The first line matching |pattern| must exist; its groups must
        equal |want| (as strings)."""
        i, m = find(pattern)
        if m is None:
            raise ValueError("%s: %s: mon log lacks /%s/"
                             % (st.name, what, pattern))
        got = m.groups()
        if tuple(str(w) for w in want) != got[:len(want)]:
            raise ValueError("%s: %s: decoded %r, mon log says %r"
                             % (st.name, what, want, got))
        notes.append("%s: %s" % (what, short(lines[i])))
        return i

    _, csup, creq = st.banner["client_to_server"]
    need("client banner", r"_handle_peer_banner_payload supported=(\w+) "
         r"required=(\w+)", "%x" % csup, "%x" % creq)
    for fr in st.frames["client_to_server"]:
        if fr.tag == C.TAG_MESSAGE:
            continue
        _, f, _, _ = C.decode_payload(fr.tag, fr.segs[0])
        if fr.tag == 1:
            need("client HELLO", r"received hello: peer_type=(\d+) "
                 r"peer_addr_for_me=(\S+)", f["entity_type"],
                 f["peer_addr"].text())
        elif fr.tag == 2:
            need("client AUTH_REQUEST", r"AuthRequest\(method=(\d+), "
                 r"preferred_modes=\[([0-9, ]*)\], payload_len=(\d+)\)",
                 f["method"], ", ".join(str(m) for m in f["modes"]),
                 len(f["payload"]))
        elif fr.tag == 5:
            p = f["payload"]
            # CEPHX_GET_AUTH_SESSION_KEY: le16 request_type, then
            # CephXAuthenticate: u8 struct_v, le64 client_challenge,
            # le64 key, ...
            rtype, = struct.unpack("<H", p[0:2])
            key, = struct.unpack("<Q", p[11:19])
            if rtype != 0x0100:
                raise ValueError("request_type %x" % rtype)
            need("client AUTH_REQUEST_MORE", r"checking key: req\.key="
                 r"(\w+) expected_key=(\w+)", "%x" % key, "%x" % key)
        elif fr.tag == 7:
            need("client AUTH_SIGNATURE", r"sig_frame\.signature\(\)="
                 r"(\w+)", f["sig"].hex())
        elif fr.tag == 8:
            need("client CLIENT_IDENT", r"received client identification: "
                 r"addrs=(\S+) target=(\S+) gid=(\S+) global_seq=(\d+) "
                 r"features_supported=(\w+) features_required=(\w+) "
                 r"flags=(\w+) cookie=(\w+)", f["addrs"].ceph_text(),
                 f["target_addr"].text(), f["gid"], f["global_seq"],
                 "%x" % f["features_supported"],
                 "%x" % f["features_required"], "%x" % f["flags"],
                 "%x" % f["cookie"])
        elif fr.tag == 18:
            need("client KEEPALIVE2", r"got KEEPALIVE2 (\S+)",
                 utime_text(f["sec"], f["nsec"]))
    for fr in st.frames["server_to_client"]:
        if fr.tag == C.TAG_MESSAGE:
            continue
        _, f, _, _ = C.decode_payload(fr.tag, fr.segs[0])
        if fr.tag == 1:
            need("monitor HELLO", r"getsockname says I am \S+ when talking "
                 r"to (\S+)", f["peer_addr"].text())
        elif fr.tag == 3:
            need("monitor AUTH_BAD_METHOD", r"_auth_bad_method auth_method "
                 r"(\d+) r \((\d+)\)", f["method"], -f["result"])
        elif fr.tag == 4:
            p = f["payload"]                # CephXServerChallenge
            if p[0] != 1 or len(p) != 9:
                raise ValueError("server challenge %s" % p.hex())
            ch, = struct.unpack("<Q", p[1:9])
            need("monitor AUTH_REPLY_MORE", r"start_session server_challenge"
                 r" (\w+)", "%x" % ch)
        elif fr.tag == 6:
            need("monitor AUTH_DONE", r"start_session entity_name=\S+ "
                 r"global_id=(\d+)", f["global_id"])
        elif fr.tag == 9:
            need("monitor SERVER_IDENT", r"sending identification: "
                 r"addrs=(\S+) gid=(\S+) global_seq=(\d+) "
                 r"features_supported=(\w+) features_required=(\w+) "
                 r"flags=(\w+) cookie=(\w+)", f["addrs"].ceph_text(),
                 f["gid"], f["global_seq"], "%x" % f["features_supported"],
                 "%x" % f["features_required"], "%x" % f["flags"],
                 "%x" % f["cookie"])
    # MESSAGE frames: the monitor logs each one it reads (lengths, type,
    # seq) and each one it writes (seq; the type where it was queued).
    for fr in st.frames["client_to_server"]:
        if fr.tag != C.TAG_MESSAGE:
            continue
        _, h = C.decode_header2(fr.segs[0])
        lens = [len(s) for s in fr.segs[1:]] + [0, 0, 0]
        i = need("client MESSAGE seq %d" % h["seq"], r"received message "
                 r"m=\S+ seq=%d from=\S+ type=(\d+)" % h["seq"], h["type"])
        # The lengths are in the nearest "got ... byte message" line before.
        rx = re.compile(r"got (\d+) \+ (\d+) \+ (\d+) byte message\. "
                        r"envelope type=(\d+) ")
        m = None
        for ln in reversed(lines[:i]):
            m = rx.search(ln)
            if m:
                break
        want = (str(lens[0]), str(lens[1]), str(lens[2]), str(h["type"]))
        if m is None or m.groups() != want:
            raise ValueError("%s: client MESSAGE seq %d: decoded %r, log %r"
                             % (st.name, h["seq"], want,
                                m and m.groups()))
        notes.append("client MESSAGE seq %d: %s" % (h["seq"], m.group(0)))
    for fr in st.frames["server_to_client"]:
        if fr.tag != C.TAG_MESSAGE:
            continue
        _, h = C.decode_header2(fr.segs[0])
        i = need("monitor MESSAGE seq %d" % h["seq"], r"write_message "
                 r"sending m=(0x[0-9a-f]+) seq=%d src=\S+ off=(\d+)"
                 % h["seq"])
        ptr = re.search(r"sending m=(0x[0-9a-f]+)", lines[i]).group(1)
        typ = None
        for ln in lines[:i]:
            m = re.search(r"enqueueing message m=%s type=(\d+)" % ptr, ln)
            if m:
                typ = int(m.group(1))
        if typ != h["type"]:
            raise ValueError("%s: monitor MESSAGE seq %d: type %d, log %r"
                             % (st.name, h["seq"], h["type"], typ))
        notes.append("monitor MESSAGE seq %d: queued as type=%d"
                     % (h["seq"], typ))
    return notes


PROBE_SESSIONS = {
    "bad_method_rev1": "rev1 banner (supported 0x1), HELLO, AUTH_REQUEST "
    "method 0 with modes [crc] and an empty payload; the monitor answers "
    "HELLO and AUTH_BAD_METHOD and keeps the connection open; probe.py "
    "closes it",
    "bad_method_rev0": "the same with a rev0 banner (supported 0x0): the "
    "monitor answers in msgr2.0-crc framing",
    "none_rev1": "rev1, auth none: AUTH_REQUEST method 1, modes [crc], "
    "payload {u8 10, EntityName client.admin, le64 global_id 0} -> "
    "AUTH_DONE and AUTH_SIGNATURE (32 zero bytes); AUTH_SIGNATURE (zeros), "
    "CLIENT_IDENT -> SERVER_IDENT; KEEPALIVE2 -> KEEPALIVE2_ACK",
    "none_rev0": "the same in msgr2.0-crc framing (rev0 banner)",
    "cephx_rev1": "rev1, cephx: AUTH_REQUEST method 2, modes [crc], "
    "payload {u8 10, EntityName client.admin, le64 global_id 0} -> "
    "AUTH_REPLY_MORE (CephXServerChallenge); probe.py then closes",
    "cephx_rev0": "the same in msgr2.0-crc framing (rev0 banner)",
}

CLI_CONN = {
    1: "; the CLI's first connection fetches the monmap and config "
       "(MESSAGE mon_getmap, mon_subscribe) and closes",
    2: "; the CLI's second connection subscribes to the maps, asks for "
       "the command descriptions (a 73 KB reply) and runs the command",
}


# -- main -------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pcap", required=True)
    ap.add_argument("--conf", required=True)
    ap.add_argument("--server-ports", required=True)
    ap.add_argument("--prefix", required=True)
    ap.add_argument("--plan")
    ap.add_argument("--probe")
    ap.add_argument("--mon-log")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    ports = {int(p) for p in args.server_ports.split(",")}
    plan = load_plan(args.plan)
    probe = load_probe(args.probe)
    conf = mon_conf(args.conf)
    log = []
    if args.mon_log:
        with open(args.mon_log, errors="replace") as fp:
            log = fp.read().splitlines()

    per_cmd = {}
    for c in streams(args.pcap, ports):
        port = c.client[1]
        if port in probe:
            rec = probe[port]
            name = "%s_probe_%s" % (args.prefix, rec["name"])
            if rec["name"] == "msgr1_port":
                name = "msgr1_port"
            command = ("vectors/captures/probe.py --auth %s (session %s)"
                       % (conf.get("auth_client_required"), rec["name"]))
            desc = "probe.py session %s: %s" % (
                rec["name"], PROBE_SESSIONS.get(rec["name"], ""))
        else:
            hit = [p for p in plan if p[1] <= c.syn_ts <= p[2]]
            if len(hit) != 1:
                raise ValueError("stream from port %d at %.6f matches %d "
                                 "plan entries" % (port, c.syn_ts, len(hit)))
            pname, _, _, command = hit[0]
            per_cmd[pname] = per_cmd.get(pname, 0) + 1
            name = "%s_cli_%s_c%d" % (args.prefix, pname, per_cmd[pname])
            desc = ("connection %d of the Debian ceph CLI (16.2.15) "
                    "running `%s`" % (per_cmd[pname], command))
            desc += CLI_CONN.get(per_cmd[pname], "")
        c2s, s2c = c.c2s.assemble(), c.s2c.assemble()
        if not c.closed:
            raise ValueError("%s: connection not closed in the capture"
                             % name)
        doc = {
            "description": desc,
            "ceph_version": CEPH_VERSION,
            "mon_conf": conf,
            "command": command,
            "client_to_server": c2s.hex(),
            "server_to_client": s2c.hex(),
            "notes": [],
        }
        if name == "msgr1_port":
            doc["description"] = ("the monitor's msgr1 greeting on its v1 "
                                  "port: banner 'ceph v027', then its own "
                                  "and the peer's legacy entity_addr_t "
                                  "(136 bytes each); the client sent "
                                  "nothing")
            doc["notes"] = [
                "raw bytes only; not msgr2",
                "layout: 9 bytes 'ceph v027', then two legacy "
                "entity_addr_t (decode_legacy_addr_after_marker): le32 "
                "type (written 0), le32 nonce, 128-byte sockaddr_storage "
                "with ss_family big-endian (00 02), port big-endian, IPv4 "
                "address, zeros",
                "first address: the monitor's own v1 address; second: the "
                "client's address as the monitor sees it (its source port)",
            ]
        else:
            st = C.Stream(name, doc)
            summary = []
            for d in ("client_to_server", "server_to_client"):
                summary.append("%s tags: %s" % (d, " ".join(
                    C.TAG_NAMES.get(f.tag, str(f.tag)).upper()
                    for f in st.frames[d])))
            doc["notes"] = summary + ["framing: %s (both banners)"
                                      % st.mode()]
            if port in probe:
                doc["notes"].append(
                    "client_to_server holds probe.py's bytes (written for "
                    "this project, not by Ceph); the monitor accepted "
                    "each frame (see its log below)")
            if log:
                lines = log_lines_for(log, port)
                if not lines:
                    raise ValueError("%s: no mon log lines for port %d"
                                     % (name, port))
                doc["notes"] += ["mon log agrees, " + n
                                 for n in crosscheck(st, lines)]
        path = os.path.join(args.out, name + ".json")
        with open(path, "w") as fp:
            json.dump(doc, fp, indent=1)
            fp.write("\n")
        print("%s: %d + %d bytes" % (name, len(c2s), len(s2c)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

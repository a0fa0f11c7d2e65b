# SPDX-License-Identifier: MIT
"""Cases for the monitor message fronts (mon_command, mon_command_ack,
mon_subscribe, mon_get_map, mon_map, mon_config) and the MonMap encoding
(monmap).  Captured fronts come from vectors/captures (split with
captures.py's reader); MonMaps also from `ceph mon getmap` and from maps
built here whose decoding and printing `monmaptool --print` (16.2.15,
TZ=UTC) confirmed (flag Oracle)."""

from . import addr as A
from . import captures
from . import mon
from .errors import BADVAL, COMPAT, LIMIT, TRAILING, TRUNC
from .vec import VecFile
from .wire import le16, le32, le64, s32, u8

FSID = bytes.fromhex("f014ea65b8854211afa19ba2f9a5a26e")

# type number -> codec of the front (segment 1)
TYPES = {50: "mon_command", 51: "mon_command_ack", 15: "mon_subscribe",
         5: "mon_get_map", 4: "mon_map", 62: "mon_config"}

DESCRIPTIONS = {
    "mon_command": "MMonCommand front (MSG_MON_COMMAND 50, header version "
                   "1, compat 1): PaxosServiceMessage fields (le64 version, "
                   "le16 deprecated_session_mon, signed, -1 when unset, "
                   "le64 deprecated_session_mon_tid), uuid_d fsid (16 raw "
                   "bytes), vector<string> cmd (le32 count, each le32 "
                   "length + bytes).",
    "mon_command_ack": "MMonCommandAck front (MSG_MON_COMMAND_ACK 51, "
                       "version 1, compat 1): PaxosServiceMessage fields, "
                       "errorcode32_t r (le32, signed), string rs, "
                       "vector<string> cmd.  The command's output is the "
                       "data segment, not part of the front.",
    "mon_subscribe": "MMonSubscribe front (CEPH_MSG_MON_SUBSCRIBE 15, "
                     "header version 3, compat 1): map<string, "
                     "ceph_mon_subscribe_item {le64 start, u8 flags}> what "
                     "(flags bit 0 CEPH_SUBSCRIBE_ONETIME), then string "
                     "hostname (header version 3; version 2 has none).  "
                     "Entries are kept in wire order (the kernel client "
                     "does not sort them).",
    "mon_get_map": "MMonGetMap front (CEPH_MSG_MON_GET_MAP 5, version 1, "
                   "compat 1): empty.",
    "mon_map": "MMonMap front (CEPH_MSG_MON_MAP 4, version 1, compat 1): "
               "bufferlist monmapbl (le32 length + the MonMap encoding, "
               "codec monmap).",
    "mon_config": "MConfig front (MSG_CONFIG 62, version 1, compat 1): "
                  "map<string,string> config.",
    "monmap": "MonMap::encode (Pacific, SERVER_NAUTILUS): ENCODE_START(9, "
              "6) { uuid fsid (16 raw bytes), le32 epoch, utime_t "
              "last_changed, utime_t created (le32 sec, le32 nsec), "
              "mon_feature_t persistent_features, mon_feature_t "
              "optional_features (each ENCODE_START(1, 1) le64 features), "
              "map<string, mon_info_t> mon_info, vector<string> ranks, u8 "
              "min_mon_release (v7), set<int32> removed_ranks, u8 strategy, "
              "set<string> disallowed_leaders (v8), bool "
              "stretch_mode_enabled, string tiebreaker_mon, set<string> "
              "stretch_marked_down_mons (v9) }.  mon_info_t: "
              "ENCODE_START(5, 1) { string name, entity_addrvec_t "
              "public_addrs, le16 priority (v2), le16 weight (v4), "
              "map<string,string> crush_loc (v5) }.  Bytes past the fields "
              "a struct's version knows are kept as its tail (Ceph skips "
              "them, DECODE_FINISH).  struct_v below 6 (pre-Nautilus "
              "layouts) is M2_E_BADVAL; a rank naming no monitor "
              "M2_E_BADVAL (Ceph asserts when it prints or looks it up).  "
              "Valid tests carry `print`: what `ceph mon dump` and "
              "`monmaptool --print` (after its first line) write for the "
              "map, in a UTC time zone.",
}
COMMON = (" Ceph's decode_payload ignores bytes after the last field: such "
          "tests are acceptable with M2_E_TRAILING.  Counts over the "
          "limits.h caps are M2_E_LIMIT; counts or lengths that pass the "
          "end M2_E_TRUNC.  A map or set naming a key twice is M2_E_BADVAL "
          "(acceptable: Ceph keeps the last).  Strings are dumped quoted, "
          "with \\\" \\\\ and \\xNN escapes.")

S_CMD = "hand: ceph messages/MMonCommand.h encode_payload"
S_ACK = "hand: ceph messages/MMonCommandAck.h encode_payload"
S_SUB = "hand: ceph messages/MMonSubscribe.h encode_payload"
S_GET = "hand: ceph messages/MMonGetMap.h"
S_MAP = "hand: ceph messages/MMonMap.h encode_payload"
S_CFG = "hand: ceph messages/MConfig.h encode_payload"
S_MM = "hand: ceph mon/MonMap.cc MonMap::encode, mon_info_t::encode"
S_MMD = "hand: ceph mon/MonMap.cc MonMap::decode, mon_info_t::decode"
ORACLE = ("; confirmed with monmaptool 16.2.15 --print (TZ=UTC): it "
          "decodes the map and prints `print`")
ORACLE_FAIL = "; confirmed with monmaptool 16.2.15 --print: it refuses the map"

# `ceph mon getmap -o` from ci/realmon.sh's monitor (v2 14300, v1 14301).
GETMAP = bytes.fromhex(
    "0906c300000074eef021f9d34847945b5ac6302ec1fd010000003d9d066ba65fa528"
    "3d9d066ba65fa528010108000000ff00000000000000010108000000000000000000"
    "0000010000000100000061050158000000010000006102020000000101011c000000"
    "020000000000000010000000020037dc7f00000100000000000000000101011c0000"
    "00010000000000000010000000020037dd7f00000100000000000000000000000000"
    "00000001000000010000006110000000000100000000000000000000000000")


def lstr(b):
    return le32(len(b)) + bytes(b)


def strvec(v):
    return le32(len(v)) + b"".join(lstr(x) for x in v)


def paxos(version=0, sm=-1, tid=0):
    return le64(version) + le16(sm & 0xFFFF) + le64(tid)


def captured_fronts():
    """[(codec, front bytes, comment, source, stream)] in capture order,
    and {stream name: [(monmap bytes, data of its `mon dump` ack)]}."""
    out = []
    for st in captures.load_streams():
        where = "capture: %s %s %s, vectors/captures/%s.json" % (
            captures.CEPH, st.mode(), st.auth(), st.name)
        for d in ("client_to_server", "server_to_client"):
            who = captures._who(st, d)
            for i, fr in enumerate(st.frames[d], 1):
                if fr.tag != captures.TAG_MESSAGE:
                    continue
                _, h = captures.decode_header2(fr.segs[0])
                codec = TYPES.get(h["type"])
                if codec is None:
                    continue
                front = fr.segs[1] if fr.nseg > 1 else b""
                data = fr.segs[3] if fr.nseg > 3 else b""
                out.append((codec, front, data, "%s front %s (%s), frame %d"
                            % (codec, who, st.name, i),
                            "%s, %s frame %d" % (where, d, i), st))
    return out


def add_captured(g, codec, seen):
    for c, front, _, comment, source, _ in captured_fronts():
        if c != codec or front in seen:
            continue
        seen.add(front)
        g.add(comment, front, source, flags=["Capture"])


def with_print(t, inp):
    if t["result"] == "valid":
        t["print"] = mon.MonMap.decode(
            mon.Reader(inp, "monmap")).print_plain()
    return t


def mon_command_file():
    f = VecFile("mon_command", DESCRIPTIONS["mon_command"] + COMMON)
    g = f.group()
    seen = set()
    add_captured(g, "mon_command", seen)
    s = S_CMD
    good = paxos() + FSID + strvec([b'{"prefix": "mon dump"}'])
    g.add("the CLI's `mon dump`, as m2 builds it (same bytes as the "
          "capture)", good, s + " (MonClient::_send_command)",
          dump='version=0 session_mon=-1 session_mon_tid=0 '
               'fsid=f014ea65-b885-4211-afa1-9ba2f9a5a26e '
               'cmd=["{\\"prefix\\": \\"mon dump\\"}"]')
    g.add("two strings, version and session fields set",
          paxos(7, 2, 99) + FSID + strvec([b"a", b"b c"]), s,
          dump='version=7 session_mon=2 session_mon_tid=99 '
               'fsid=f014ea65-b885-4211-afa1-9ba2f9a5a26e cmd=["a","b c"]')
    g.add("no strings, zero fsid", paxos() + bytes(16) + le32(0), s)
    g.add("a string with a backslash, a tab and bytes 0x7f 0xff",
          paxos() + FSID + strvec([b'x\\y\t\x7f\xff"']), s,
          dump='version=0 session_mon=-1 session_mon_tid=0 '
               'fsid=f014ea65-b885-4211-afa1-9ba2f9a5a26e '
               'cmd=["x\\\\y\\x09\\x7f\\xff\\""]')
    g.add("an empty string", paxos() + FSID + strvec([b""]), s)
    g.add("16 strings (the cap)", paxos() + FSID + strvec([b"x"] * 16), s,
          flags=["Limit"])
    g.add("17 strings", paxos() + FSID + strvec([b"x"] * 17), s, "invalid",
          LIMIT, flags=["Limit"])
    g.add("count 2, one string", paxos() + FSID + le32(2) + lstr(b"abcd"),
          s, "invalid", TRUNC)
    g.add("string length past the end",
          paxos() + FSID + le32(1) + le32(5) + b"abcd", s, "invalid", TRUNC)
    g.add("cut inside the fsid", (paxos() + FSID)[:25], s, "invalid", TRUNC,
          flags=["Truncated"])
    g.add("cut inside the paxos fields", paxos()[:9], s, "invalid", TRUNC,
          flags=["Truncated"])
    g.add("empty", b"", s, "invalid", TRUNC, flags=["Truncated"])
    g.add("one byte after the last field", good + b"\xee", s, "acceptable",
          TRAILING, flags=["Trailing"])
    return f


def mon_command_ack_file():
    f = VecFile("mon_command_ack", DESCRIPTIONS["mon_command_ack"] + COMMON)
    g = f.group()
    add_captured(g, "mon_command_ack", set())
    s = S_ACK
    good = (paxos(0, -1, 0) + s32(-22) + lstr(b"unrecognized command") +
            strvec([b'{"prefix": "nope"}']))
    g.add("r -22 (EINVAL) with a status string", good,
          s + " (Monitor::reply_command)",
          dump='version=0 session_mon=-1 session_mon_tid=0 r=-22 '
               'rs="unrecognized command" cmd=["{\\"prefix\\": \\"nope\\"}"]')
    g.add("version 5, r 0, empty rs, no cmd",
          paxos(5) + s32(0) + lstr(b"") + le32(0), s)
    g.add("r 0x7fffffff", paxos() + s32(0x7FFFFFFF) + lstr(b"") + le32(0), s)
    g.add("17 cmd strings", paxos() + s32(0) + lstr(b"") +
          strvec([b""] * 17), s, "invalid", LIMIT, flags=["Limit"])
    g.add("rs length past the end", paxos() + s32(0) + le32(3) + b"ab", s,
          "invalid", TRUNC)
    g.add("cut inside r", paxos() + b"\x00\x00", s, "invalid", TRUNC,
          flags=["Truncated"])
    g.add("no cmd count", paxos() + s32(0) + lstr(b""), s, "invalid", TRUNC,
          flags=["Truncated"])
    g.add("one byte after the last field", good + b"\xee", s, "acceptable",
          TRAILING, flags=["Trailing"])
    return f


def sub(what, host=b"vm"):
    b = le32(len(what))
    for k, start, flags in what:
        b += lstr(k) + le64(start) + u8(flags)
    return b if host is None else b + lstr(host)


def mon_subscribe_file():
    f = VecFile("mon_subscribe", DESCRIPTIONS["mon_subscribe"] + COMMON)
    g = f.group()
    add_captured(g, "mon_subscribe", set())
    s = S_SUB
    good = sub([(b"monmap", 4, 0), (b"osdmap", 11, 1), (b"mdsmap", 0, 0)],
               b"")
    g.add("the kernel client's order (monmap, osdmap, mdsmap: not sorted), "
          "osdmap onetime from epoch 11, empty hostname", good,
          s + "; kernel: net/ceph/mon_client.c __send_subscribe",
          dump='what=["monmap"={start=4 flags=0x0},"osdmap"={start=11 '
               'flags=0x1},"mdsmap"={start=0 flags=0x0}] hostname=""')
    g.add("no entries", sub([], b"host-1"), s,
          dump='what=[] hostname="host-1"')
    g.add("flags 0xff, start 2^64-1",
          sub([(b"config", 0xFFFFFFFFFFFFFFFF, 0xFF)]), s)
    g.add("32 entries (the cap)",
          sub([(b"k%02d" % i, 0, 0) for i in range(32)]), s,
          flags=["Limit"])
    g.add("33 entries", sub([(b"k%02d" % i, 0, 0) for i in range(33)]), s,
          "invalid", LIMIT, flags=["Limit"])
    g.add("the same name twice", sub([(b"osdmap", 0, 0), (b"osdmap", 5, 1)]),
          s, "acceptable", BADVAL, flags=["CephAccepts"])
    g.add("version 2 layout (no hostname): the hostname length is missing",
          sub([(b"monmap", 0, 0)], None), s, "invalid", TRUNC)
    g.add("count 2, one entry", le32(2) + lstr(b"monmap") + bytes(9) +
          lstr(b"vm"), s, "invalid", TRUNC)
    g.add("cut inside flags", sub([(b"monmap", 0, 0)])[:-7], s, "invalid",
          TRUNC, flags=["Truncated"])
    g.add("empty", b"", s, "invalid", TRUNC, flags=["Truncated"])
    g.add("one byte after the hostname", good + b"\xee", s, "acceptable",
          TRAILING, flags=["Trailing"])
    return f


def mon_get_map_file():
    f = VecFile("mon_get_map", DESCRIPTIONS["mon_get_map"] + COMMON)
    g = f.group()
    add_captured(g, "mon_get_map", set())
    g.add("one byte", b"\x00", S_GET, "acceptable", TRAILING,
          flags=["Trailing"])
    return f


def mon_map_file():
    f = VecFile("mon_map", DESCRIPTIONS["mon_map"] + COMMON)
    g = f.group()
    add_captured(g, "mon_map", set())
    s = S_MAP
    g.add("the monmap `ceph mon getmap` returned, as a front", lstr(GETMAP),
          s + " (MonMap bytes from ceph mon getmap 16.2.15)")
    g.add("an empty bufferlist", le32(0), s, dump="monmap=")
    g.add("length past the end", le32(4) + b"abc", s, "invalid", TRUNC)
    g.add("three bytes", b"\x00\x00\x00", s, "invalid", TRUNC,
          flags=["Truncated"])
    g.add("one byte after the bufferlist", le32(1) + b"\x09\xee", s,
          "acceptable", TRAILING, flags=["Trailing"])
    return f


def cfg(pairs):
    return le32(len(pairs)) + b"".join(lstr(k) + lstr(v) for k, v in pairs)


def mon_config_file():
    f = VecFile("mon_config", DESCRIPTIONS["mon_config"] + COMMON)
    g = f.group()
    add_captured(g, "mon_config", set())
    s = S_CFG
    good = cfg([(b"log_to_stderr", b"false"), (b"mon_host",
                                                b"[v2:127.0.0.1:3300]")])
    g.add("two options", good, s + " (ConfigMonitor::send_config)",
          dump='config=["log_to_stderr"="false","mon_host"='
               '"[v2:127.0.0.1:3300]"]')
    g.add("an empty value", cfg([(b"a", b"")]), s)
    g.add("not sorted: kept in wire order", cfg([(b"z", b"1"), (b"a", b"2")]),
          s)
    g.add("256 options (the cap)",
          cfg([(b"o%03d" % i, b"") for i in range(256)]), s, flags=["Limit"])
    g.add("257 options", cfg([(b"o%03d" % i, b"") for i in range(257)]), s,
          "invalid", LIMIT, flags=["Limit"])
    g.add("the same name twice", cfg([(b"a", b"1"), (b"a", b"2")]), s,
          "acceptable", BADVAL, flags=["CephAccepts"])
    g.add("count 1, key only", le32(1) + lstr(b"a"), s, "invalid", TRUNC,
          flags=["Truncated"])
    g.add("count 2, one option", le32(2) + lstr(b"a") + lstr(b"b"), s,
          "invalid", TRUNC)
    g.add("empty", b"", s, "invalid", TRUNC, flags=["Truncated"])
    g.add("one byte after the map", good + b"\xee", s, "acceptable",
          TRAILING, flags=["Trailing"])
    return f


# -- MonMap ---------------------------------------------------------------


def sample(v=9):
    """Three monitors: ranks c, a, b; a with two addresses, b with one
    and a crush location, c with none."""
    m = mon.MonMap()
    m.v = v
    m.fsid = bytes(range(16))
    m.epoch = 3
    m.last_changed = (123, 456000)
    m.created = (1764052021, 999999999)
    m.persistent = mon.Features(0xFF)
    a = A.AddrVec([A.ipv4(10, 0, 0, 1, 3300),
                   A.ipv4(10, 0, 0, 1, 6789, type=A.TYPE_LEGACY)])
    b = A.AddrVec([A.ipv4(10, 0, 0, 2, 3300)])
    m.mons = [(b"a", mon.MonInfo(b"a", a)),
              (b"b", mon.MonInfo(b"b", b, priority=5, weight=7,
                                 crush_loc=[(b"datacenter", b"dc1"),
                                            (b"host", b"h1")])),
              (b"c", mon.MonInfo(b"c", A.AddrVec([])))]
    m.ranks = [b"c", b"a", b"b"]
    m.min_mon_release = 17
    m.strategy = 3
    if v >= 8:
        m.disallowed_leaders = [b"c", b"a"]
    return m


def one_mon(addrs, name=b"a"):
    m = mon.MonMap()
    m.fsid = FSID
    m.epoch = 1
    m.last_changed = m.created = (1764052021, 5000)
    m.persistent = mon.Features(0xFF)
    m.mons = [(name, mon.MonInfo(name, addrs))]
    m.ranks = [name]
    m.min_mon_release = 16
    return m


def monmap_file():
    f = VecFile("monmap", DESCRIPTIONS["monmap"])
    g = f.group()
    seen = set()
    prints = {}
    checked = []
    for c, front, data, comment, source, st in captured_fronts():
        if c == "mon_map":
            prints[st.name] = mon.MonMap.decode(
                mon.Reader(front[4:], "monmap")).print_plain()
        if c == "mon_map" and front[4:] not in seen:
            seen.add(front[4:])
            t = g.add("MonMap in the " + comment, front[4:], source,
                      flags=["Capture"])
            with_print(t, front[4:])
        if c == "mon_command_ack" and b"mon dump" in front and data:
            # the ack's data segment is what `ceph mon dump` printed
            assert prints.get(st.name) == data.decode(), st.name
            checked.append(st.name)
    assert len(checked) == 2, checked
    t = g.add("`ceph mon getmap -o` from a live monitor", GETMAP,
              "ceph 16.2.15 mon getmap (ci/realmon.sh --v2port 14300 "
              "--v1port 14301); `ceph mon dump` printed `print`" + ORACLE,
              flags=["Oracle"])
    with_print(t, GETMAP)
    s = S_MM

    def ok(comment, m, src=s, flags=(), dump=None):
        inp = m.encode()
        t = g.add(comment, inp, src + ORACLE,
                  flags=["Oracle"] + list(flags), dump=dump)
        return with_print(t, inp)

    def bad(comment, inp, err, src=S_MMD, flags=(), oracle=True):
        return g.add(comment, inp, src + (ORACLE_FAIL if oracle else ""),
                     "invalid", err,
                     flags=(["Oracle"] if oracle else []) + list(flags))

    ok("three monitors; ranks c, a, b; no addresses, two, one with a "
       "crush location; disallowed leaders; strategy 3; min_mon_release "
       "17 (Pacific names it unknown)", sample())
    m = sample()
    m.stretch_mode_enabled = 1
    m.tiebreaker_mon = b"c"
    m.disallowed_leaders = []
    ok("stretch mode: tiebreaker and an empty disallowed_leaders line", m)
    m = sample()
    m.stretch_mode_enabled = 2
    m.stretch_marked_down_mons = [b"b"]
    m.removed_ranks = [2, -1]
    ok("stretch_mode_enabled byte 2 (a bool: printed 1), removed ranks, a "
       "marked-down monitor", m)
    for r in (0, 15):
        m = sample()
        m.min_mon_release = r
        ok("min_mon_release %d" % r, m)
    ok("struct_v 8: no stretch fields", sample(8))
    ok("struct_v 7: no strategy (printed 1), no disallowed leaders",
       sample(7))
    for feat in (0, 0x3F, 0xFF):
        m = sample(6)
        m.persistent = mon.Features(feat)
        ok("struct_v 6, persistent features 0x%x: min_mon_release inferred "
           "from them" % feat, m)
    m = sample()
    m.v, m.compat, m.tail = 10, 9, b"\x01\x02\x03"
    ok("struct_v 10 compat 9 with 3 unknown bytes: skipped, kept", m)
    m = sample()
    m.mons = list(reversed(m.mons))
    ok("mon_info keys not sorted: kept in wire order", m)
    m = sample()
    m.mons[0] = (b"a", mon.MonInfo(b"zz", m.mons[0][1].addrs))
    ok("a mon_info whose name differs from its key: ranks use the key", m)
    m = sample()
    m.mons[1] = (b"b", mon.MonInfo(b"b", m.mons[1][1].addrs, priority=9,
                                   v=3))
    ok("mon_info_t v3: no weight, no crush location", m)
    m = sample()
    m.mons[1] = (b"b", mon.MonInfo(b"b", m.mons[1][1].addrs, v=6, compat=5,
                                   tail=b"\xaa"))
    ok("mon_info_t v6 compat 5 with one unknown byte", m)
    leg = A.ipv4(10, 0, 0, 9, 6789, type=A.TYPE_LEGACY)
    leg.legacy = True
    lone = A.AddrVec([leg])
    lone.lone = True
    m = one_mon(lone)
    m.mons[0][1].v = 2
    ok("mon_info_t v2 with a lone legacy (marker 0) address", m)
    a1 = A.AddrVec([A.ipv4(127, 0, 0, 1, 3300)])
    a1.lone = True
    ok("mon_info_t v5 with a lone marker 1 address", one_mon(a1))
    m = one_mon(A.AddrVec([A.ipv6(bytes(15) + b"\x01", 3300)]))
    m.last_changed = (315359999, 0)
    m.created = (315360000, 5000)
    ok("IPv6, and times either side of ten years (printed raw below)", m)
    m = one_mon(A.AddrVec([A.ipv4(127, 0, 0, 1, 3300)]))
    m.persistent = mon.Features(0xFF, v=2, compat=1, tail=b"\x07")
    ok("mon_feature_t v2 with one unknown byte", m)
    m = mon.MonMap()
    m.fsid = FSID
    ok("no monitors at all", m)
    ms = sample()
    ms.mons = [(b"m%02d" % i, mon.MonInfo(b"m%02d" % i, A.AddrVec([])))
               for i in range(16)]
    ms.ranks = [k for k, _ in ms.mons]
    ok("16 monitors (the cap)", ms, flags=["Limit"])

    # invalid
    good = sample().encode()
    bad("struct compat 10", b"\x0a\x0a" + good[2:], COMPAT)
    bad("struct_v 5 (pre-Nautilus layout)", b"\x05\x03" + good[2:], BADVAL,
        oracle=False)
    m = sample()
    m.mons[0] = (b"a", mon.MonInfo(b"a", m.mons[0][1].addrs, v=6,
                                   compat=6))
    bad("mon_info_t compat 6", m.encode(), COMPAT)
    m = one_mon(A.AddrVec([]))
    m.optional = mon.Features(0, v=2, compat=2)
    bad("mon_feature_t compat 2", m.encode(), COMPAT)
    m = sample()
    m.ranks = [b"c", b"a", b"x"]
    bad("a rank naming no monitor", m.encode(), BADVAL,
        flags=["CephAborts"], oracle=False)
    m = sample()
    m.mons[2] = (b"a", m.mons[2][1])
    m.ranks = [b"a", b"b"]
    g.add("mon_info names a twice", m.encode(), S_MMD, "acceptable", BADVAL,
          flags=["CephAccepts"])
    m = sample()
    m.disallowed_leaders = [b"a", b"a"]
    g.add("disallowed_leaders names a twice", m.encode(), S_MMD,
          "acceptable", BADVAL, flags=["CephAccepts"])
    m = sample()
    m.removed_ranks = [1, 1]
    g.add("removed_ranks holds 1 twice", m.encode(), S_MMD, "acceptable",
          BADVAL, flags=["CephAccepts"])
    ms.mons.append((b"m16", mon.MonInfo(b"m16", A.AddrVec([]))))
    ms.ranks = [b"m00"]
    bad("17 monitors", ms.encode(), LIMIT, flags=["Limit"], oracle=False)
    bad("struct_len one past the end", good[:2] + le32(len(good) - 5) +
        good[6:], TRUNC)
    bad("struct_len one short: stretch_marked_down_mons runs past it",
        good[:2] + le32(len(good) - 7) + good[6:-1], TRUNC)
    m = sample()
    m.mons[0][1].name = b"abcdef"
    enc = m.encode()
    at = enc.index(b"\x06\x00\x00\x00abcdef")
    bad("mon_info_t name length past its struct_len",
        enc[:at] + le32(0x100) + enc[at + 4:], TRUNC)
    bad("cut inside the fsid", good[:10], TRUNC, flags=["Truncated"],
        oracle=False)
    bad("empty", b"", TRUNC, flags=["Truncated"], oracle=False)
    g.add("one byte after the envelope", good + b"\xee", S_MMD, "acceptable",
          TRAILING, flags=["Trailing"])
    return f


def mon_files():
    return [mon_command_file(), mon_command_ack_file(), mon_subscribe_file(),
            mon_get_map_file(), mon_map_file(), mon_config_file(),
            monmap_file()]

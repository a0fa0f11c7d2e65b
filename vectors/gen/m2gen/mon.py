# SPDX-License-Identifier: MIT
"""The front segments of the monitor messages a client and a minimal
monitor exchange, and the MonMap encoding.

Follows ceph 16.2.15 (Pacific), read from its source:
- PaxosServiceMessage::paxos_encode/paxos_decode: le64 version, le16
  deprecated_session_mon (signed, -1 when unset), le64
  deprecated_session_mon_tid.
- MMonCommand (MSG_MON_COMMAND 50): paxos fields, uuid_d fsid (encode_raw:
  16 bytes), vector<string> cmd.
- MMonCommandAck (MSG_MON_COMMAND_ACK 51): paxos fields, errorcode32_t r
  (le32, signed; the errno mapping is the identity on Linux), string rs,
  vector<string> cmd.  The command's output travels in the data segment.
- MMonSubscribe (CEPH_MSG_MON_SUBSCRIBE 15), header version 3:
  map<string, ceph_mon_subscribe_item {le64 start; u8 flags}>, then
  string hostname (version >= 3).  Version 2 has no hostname.
- MMonGetMap (CEPH_MSG_MON_GET_MAP 5): an empty front.
- MMonMap (CEPH_MSG_MON_MAP 4): bufferlist monmapbl.
- MConfig (MSG_CONFIG 62): map<string,string> config.
- MonMap::encode with SERVER_NAUTILUS (ENCODE_START(9, 6)) and
  MonMap::decode (DECODE_START_LEGACY_COMPAT_LEN_16(9, 3, 3)): uuid fsid
  raw, le32 epoch, utime_t last_changed, utime_t created, mon_feature_t
  persistent_features, mon_feature_t optional_features, map<string,
  mon_info_t> mon_info, vector<string> ranks, u8 min_mon_release (v7),
  set<int32> removed_ranks, u8 strategy, set<string> disallowed_leaders
  (v8), bool stretch_mode_enabled, string tiebreaker_mon, set<string>
  stretch_marked_down_mons (v9).  mon_feature_t: ENCODE_START(1, 1), le64
  features.  mon_info_t (DECODE_START(5)): string name, entity_addrvec_t
  public_addrs, le16 priority (v2), le16 weight (v4), map<string,string>
  crush_loc (v5).  utime_t: le32 sec, le32 nsec.  A struct's bytes past
  the fields its version knows are skipped (DECODE_FINISH); m2 keeps them
  as the struct's tail and writes them back.

What m2 decides where Ceph is silent:
- struct_v below 6 (the pre-Nautilus layouts with a legacy address map)
  is refused with M2_E_BADVAL: a Nautilus+ monitor never sends it to a
  Nautilus+ client.
- Counts are capped (limits.h, M2_E_LIMIT) and checked against the bytes
  left (M2_E_TRUNC) before any element is read.
- A map or set naming the same key twice is M2_E_BADVAL (Ceph keeps the
  last value: "acceptable").  Keys in any order are valid and kept in
  wire order (the kernel client's MMonSubscribe is not sorted).
- A rank naming no monitor of mon_info is M2_E_BADVAL (Ceph's
  MonMap::print and get_addrs ceph_assert on it).
- Bytes after the last field of a front are M2_E_TRAILING ("acceptable":
  Ceph's decode_payload never checks the end).
"""

import datetime

from . import addr as A
from .errors import Fail, BADVAL, COMPAT, LIMIT, TRAILING, TRUNC
from .wire import Reader, le16, le32, le64, s32, u8

# Caps: ref/include/m2/limits.h (read-only contract).
MAX_MON_CMD = 16            # strings in an MMonCommand(Ack) cmd vector
MAX_MON_SUBS = 32           # MMonSubscribe entries
MAX_CONFIG = 256            # MConfig entries
MAX_MONMAP_MONS = 16        # mon_info entries, ranks, and each set
MAX_CRUSH_LOC = 8           # crush_loc pairs of one mon_info_t
MAX_STRING = 16 << 20       # any string: M2_MAX_FRONT_LEN

MONMAP_COMPAT_MAX = 9       # DECODE_START_LEGACY_COMPAT_LEN_16(9, ...)
MONMAP_V_MIN = 6            # m2: the Nautilus+ layout
MON_INFO_COMPAT_MAX = 5     # DECODE_START(5)
MON_FEATURE_COMPAT_MAX = 1  # DECODE_START(1)

RELEASES = ["unknown", "argonaut", "bobtail", "cuttlefish", "dumpling",
            "emperor", "firefly", "giant", "hammer", "infernalis", "jewel",
            "kraken", "luminous", "mimic", "nautilus", "octopus", "pacific"]


def q(b):
    """A string in a dump: double quotes; \\" and \\\\ escaped; bytes
    outside 0x20..0x7e as \\xNN."""
    out = ['"']
    for c in bytes(b):
        if c == 0x22:
            out.append('\\"')
        elif c == 0x5C:
            out.append("\\\\")
        elif 0x20 <= c <= 0x7E:
            out.append(chr(c))
        else:
            out.append("\\x%02x" % c)
    out.append('"')
    return "".join(out)


def uuid_text(b):
    h = bytes(b).hex()
    return "%s-%s-%s-%s-%s" % (h[0:8], h[8:12], h[12:16], h[16:20], h[20:32])


def lstr(b):
    return le32(len(b)) + bytes(b)


def rd_string(r, field):
    n = r.le32(field + ".len")
    if n > MAX_STRING:
        raise Fail(LIMIT, f"{field}: {n} bytes")
    if n > r.left():
        raise Fail(TRUNC, f"{field}: {n} bytes, {r.left()} left")
    return r.take(n, field)


def rd_count(r, cap, elem_min, field):
    n = r.le32(field + ".count")
    if n > cap:
        raise Fail(LIMIT, f"{field}: {n} over {cap}")
    if elem_min and n > r.left() // elem_min:
        raise Fail(TRUNC, f"{field}: {n} elements in {r.left()} bytes")
    return n


def rd_strings(r, cap, field):
    return [rd_string(r, field) for _ in range(rd_count(r, cap, 4, field))]


def no_dups(keys, field):
    """Ceph's decode into std::map / std::set keeps one entry per key (the
    last); m2 refuses the input, and the vector is acceptable."""
    if len(set(keys)) != len(keys):
        e = Fail(BADVAL, f"{field}: a key appears twice")
        e.ceph_accepts = True
        raise e


def strs(v):
    return "[" + ",".join(q(x) for x in v) + "]"


def end(r, what):
    if r.left():
        raise Fail(TRAILING, f"{r.left()} bytes after the {what}")


# -- PaxosServiceMessage ------------------------------------------------------

class Paxos:
    def __init__(self, version=0, session_mon=-1, session_mon_tid=0):
        self.version = version
        self.session_mon = session_mon
        self.session_mon_tid = session_mon_tid

    @staticmethod
    def read(r):
        v = r.le64("version")
        sm = r.le16("session_mon")
        if sm >= 0x8000:
            sm -= 0x10000
        return Paxos(v, sm, r.le64("session_mon_tid"))

    def encode(self):
        return (le64(self.version) + le16(self.session_mon & 0xFFFF) +
                le64(self.session_mon_tid))

    def dump(self):
        return "version=%d session_mon=%d session_mon_tid=%d" % (
            self.version, self.session_mon, self.session_mon_tid)


class MonCommand:
    def __init__(self, paxos, fsid, cmd):
        self.paxos, self.fsid, self.cmd = paxos, bytes(fsid), list(cmd)

    @staticmethod
    def decode(r):
        p = Paxos.read(r)
        fsid = r.take(16, "fsid")
        return MonCommand(p, fsid, rd_strings(r, MAX_MON_CMD, "cmd"))

    def encode(self):
        return (self.paxos.encode() + self.fsid + le32(len(self.cmd)) +
                b"".join(lstr(c) for c in self.cmd))

    def dump(self):
        return "%s fsid=%s cmd=%s" % (self.paxos.dump(),
                                      uuid_text(self.fsid), strs(self.cmd))


class MonCommandAck:
    def __init__(self, paxos, r, rs, cmd):
        self.paxos, self.r, self.rs, self.cmd = paxos, r, bytes(rs), list(cmd)

    @staticmethod
    def decode(r):
        p = Paxos.read(r)
        rv = r.s32("r")
        rs = rd_string(r, "rs")
        return MonCommandAck(p, rv, rs, rd_strings(r, MAX_MON_CMD, "cmd"))

    def encode(self):
        return (self.paxos.encode() + s32(self.r) + lstr(self.rs) +
                le32(len(self.cmd)) + b"".join(lstr(c) for c in self.cmd))

    def dump(self):
        return "%s r=%d rs=%s cmd=%s" % (self.paxos.dump(), self.r,
                                          q(self.rs), strs(self.cmd))


class MonSubscribe:
    """Header version 3 (with hostname) unless |version| says 2."""

    def __init__(self, what, hostname, version=3):
        self.what, self.hostname, self.version = list(what), hostname, version

    @staticmethod
    def decode(r, version=3):
        if version < 2:
            raise Fail(BADVAL, "MMonSubscribe version < 2")
        n = rd_count(r, MAX_MON_SUBS, 4 + 9, "what")
        what = []
        for _ in range(n):
            k = rd_string(r, "what.key")
            start = r.le64("what.start")
            flags = r.u8("what.flags")
            what.append((k, start, flags))
        no_dups([w[0] for w in what], "what")
        host = rd_string(r, "hostname") if version >= 3 else None
        return MonSubscribe(what, host, version)

    def encode(self):
        b = le32(len(self.what))
        for k, start, flags in self.what:
            b += lstr(k) + le64(start) + u8(flags)
        if self.hostname is not None:
            b += lstr(self.hostname)
        return b

    def dump(self):
        s = "what=[" + ",".join("%s={start=%d flags=0x%x}" % (q(k), st, fl)
                                for k, st, fl in self.what) + "]"
        if self.hostname is not None:
            s += " hostname=" + q(self.hostname)
        return s


class MonGetMap:
    @staticmethod
    def decode(r):
        return MonGetMap()

    def encode(self):
        return b""

    def dump(self):
        return ""


class MonMapMsg:
    def __init__(self, monmap):
        self.monmap = bytes(monmap)

    @staticmethod
    def decode(r):
        n = r.le32("monmap.len")
        if n > r.left():
            raise Fail(TRUNC, "monmap bufferlist past the end")
        return MonMapMsg(r.take(n, "monmap"))

    def encode(self):
        return lstr(self.monmap)

    def dump(self):
        return "monmap=" + self.monmap.hex()


def rd_strmap(r, cap, field):
    n = rd_count(r, cap, 8, field)
    out = []
    for _ in range(n):
        k = rd_string(r, field + ".key")
        v = rd_string(r, field + ".value")
        out.append((k, v))
    no_dups([k for k, _ in out], field)
    return out


def enc_strmap(m):
    return le32(len(m)) + b"".join(lstr(k) + lstr(v) for k, v in m)


def dump_strmap(m):
    return "[" + ",".join("%s=%s" % (q(k), q(v)) for k, v in m) + "]"


class Config:
    def __init__(self, config):
        self.config = list(config)

    @staticmethod
    def decode(r):
        return Config(rd_strmap(r, MAX_CONFIG, "config"))

    def encode(self):
        return enc_strmap(self.config)

    def dump(self):
        return "config=" + dump_strmap(self.config)


# -- MonMap -------------------------------------------------------------------

def rd_envelope(r, max_compat, what):
    v = r.u8(what + ".struct_v")
    compat = r.u8(what + ".struct_compat")
    if compat > max_compat:
        raise Fail(COMPAT, f"{what}: compat {compat} over {max_compat}")
    n = r.le32(what + ".struct_len")
    if n > r.left():
        raise Fail(TRUNC, f"{what}: struct_len {n} past the end")
    return v, compat, r.sub(n, what)


def envelope(v, compat, body):
    return u8(v) + u8(compat) + le32(len(body)) + body


def tail_text(t):
    return " tail=" + t.hex() if t else ""


class Features:
    def __init__(self, features, v=1, compat=1, tail=b""):
        self.v, self.compat, self.features, self.tail = v, compat, \
            features, tail

    @staticmethod
    def decode(r, what):
        v, compat, b = rd_envelope(r, MON_FEATURE_COMPAT_MAX, what)
        f = b.le64(what + ".features")
        return Features(f, v, compat, b.rest())

    def encode(self):
        return envelope(self.v, self.compat, le64(self.features) + self.tail)

    def dump(self):
        return "{v=%d compat=%d features=0x%x%s}" % (
            self.v, self.compat, self.features, tail_text(self.tail))


def rd_addrvec(r):
    """entity_addrvec_t, remembering whether it came as a lone address."""
    if r.left() and r.data[r.off] in (0, 1):
        a = A.decode_addr(r)
        v = A.AddrVec([a])
        v.lone = True
        return v
    v = A.decode_addrvec(r)
    v.lone = False
    return v


def enc_addrvec(v):
    if getattr(v, "lone", False):
        return v.v[0].encode()
    return v.encode()


class MonInfo:
    def __init__(self, name, addrs, priority=0, weight=0, crush_loc=(),
                 v=5, compat=1, tail=b""):
        self.name, self.addrs = bytes(name), addrs
        self.priority, self.weight = priority, weight
        self.crush_loc = list(crush_loc)
        self.v, self.compat, self.tail = v, compat, tail

    @staticmethod
    def decode(r):
        v, compat, b = rd_envelope(r, MON_INFO_COMPAT_MAX, "mon_info")
        m = MonInfo(rd_string(b, "mon_info.name"), rd_addrvec(b), v=v,
                    compat=compat)
        if v >= 2:
            m.priority = b.le16("priority")
        if v >= 4:
            m.weight = b.le16("weight")
        if v >= 5:
            m.crush_loc = rd_strmap(b, MAX_CRUSH_LOC, "crush_loc")
        m.tail = b.rest()
        return m

    def encode(self):
        b = lstr(self.name) + enc_addrvec(self.addrs)
        if self.v >= 2:
            b += le16(self.priority)
        if self.v >= 4:
            b += le16(self.weight)
        if self.v >= 5:
            b += enc_strmap(self.crush_loc)
        return envelope(self.v, self.compat, b + self.tail)

    def dump(self):
        s = "{v=%d compat=%d name=%s public_addrs=%s" % (
            self.v, self.compat, q(self.name), self.addrs.text())
        if self.v >= 2:
            s += " priority=%d" % self.priority
        if self.v >= 4:
            s += " weight=%d" % self.weight
        if self.v >= 5:
            s += " crush_loc=" + dump_strmap(self.crush_loc)
        return s + tail_text(self.tail) + "}"


class MonMap:
    def __init__(self):
        self.v, self.compat = 9, 6
        self.fsid = bytes(16)
        self.epoch = 0
        self.last_changed = (0, 0)
        self.created = (0, 0)
        self.persistent = Features(0)
        self.optional = Features(0)
        self.mons = []              # [(key, MonInfo)]
        self.ranks = []
        self.min_mon_release = 0
        self.removed_ranks = []
        self.strategy = 1
        self.disallowed_leaders = []
        self.stretch_mode_enabled = 0
        self.tiebreaker_mon = b""
        self.stretch_marked_down_mons = []
        self.tail = b""

    @staticmethod
    def decode(r):
        m = MonMap()
        m.v, m.compat, b = rd_envelope(r, MONMAP_COMPAT_MAX, "monmap")
        if m.v < MONMAP_V_MIN:
            raise Fail(BADVAL, f"monmap struct_v {m.v}: pre-Nautilus")
        m.fsid = b.take(16, "fsid")
        m.epoch = b.le32("epoch")
        m.last_changed = (b.le32("last_changed"), b.le32("last_changed"))
        m.created = (b.le32("created"), b.le32("created"))
        m.persistent = Features.decode(b, "persistent_features")
        m.optional = Features.decode(b, "optional_features")
        n = rd_count(b, MAX_MONMAP_MONS, 4 + 6, "mon_info")
        for _ in range(n):
            k = rd_string(b, "mon_info.key")
            m.mons.append((k, MonInfo.decode(b)))
        no_dups([k for k, _ in m.mons], "mon_info")
        m.ranks = rd_strings(b, MAX_MONMAP_MONS, "ranks")
        if m.v >= 7:
            m.min_mon_release = b.u8("min_mon_release")
        if m.v >= 8:
            n = rd_count(b, MAX_MONMAP_MONS, 4, "removed_ranks")
            m.removed_ranks = [b.s32("removed_ranks") for _ in range(n)]
            no_dups(m.removed_ranks, "removed_ranks")
            m.strategy = b.u8("strategy")
            m.disallowed_leaders = rd_strings(b, MAX_MONMAP_MONS,
                                              "disallowed_leaders")
            no_dups(m.disallowed_leaders, "disallowed_leaders")
        if m.v >= 9:
            m.stretch_mode_enabled = b.u8("stretch_mode_enabled")
            m.tiebreaker_mon = rd_string(b, "tiebreaker_mon")
            m.stretch_marked_down_mons = rd_strings(
                b, MAX_MONMAP_MONS, "stretch_marked_down_mons")
            no_dups(m.stretch_marked_down_mons, "stretch_marked_down_mons")
        m.tail = b.rest()
        keys = set(k for k, _ in m.mons)
        for rk in m.ranks:
            if rk not in keys:
                raise Fail(BADVAL, f"rank {rk!r} names no monitor")
        return m

    def encode(self):
        b = self.fsid + le32(self.epoch)
        b += le32(self.last_changed[0]) + le32(self.last_changed[1])
        b += le32(self.created[0]) + le32(self.created[1])
        b += self.persistent.encode() + self.optional.encode()
        b += le32(len(self.mons))
        for k, mi in self.mons:
            b += lstr(k) + mi.encode()
        b += le32(len(self.ranks)) + b"".join(lstr(x) for x in self.ranks)
        if self.v >= 7:
            b += u8(self.min_mon_release)
        if self.v >= 8:
            b += le32(len(self.removed_ranks))
            b += b"".join(s32(x) for x in self.removed_ranks)
            b += u8(self.strategy)
            b += le32(len(self.disallowed_leaders))
            b += b"".join(lstr(x) for x in self.disallowed_leaders)
        if self.v >= 9:
            b += u8(self.stretch_mode_enabled) + lstr(self.tiebreaker_mon)
            b += le32(len(self.stretch_marked_down_mons))
            b += b"".join(lstr(x) for x in self.stretch_marked_down_mons)
        return envelope(self.v, self.compat, b + self.tail)

    def dump(self):
        s = ["v=%d compat=%d" % (self.v, self.compat),
             "fsid=" + uuid_text(self.fsid), "epoch=%d" % self.epoch,
             "last_changed=%d.%09d" % self.last_changed,
             "created=%d.%09d" % self.created,
             "persistent_features=" + self.persistent.dump(),
             "optional_features=" + self.optional.dump(),
             "mon_info=[" + ",".join("%s=%s" % (q(k), mi.dump())
                                     for k, mi in self.mons) + "]",
             "ranks=" + strs(self.ranks)]
        if self.v >= 7:
            s.append("min_mon_release=%d" % self.min_mon_release)
        if self.v >= 8:
            s.append("removed_ranks=[" + ",".join(
                str(x) for x in self.removed_ranks) + "]")
            s.append("strategy=%d" % self.strategy)
            s.append("disallowed_leaders=" + strs(self.disallowed_leaders))
        if self.v >= 9:
            s.append("stretch_mode_enabled=%d" % self.stretch_mode_enabled)
            s.append("tiebreaker_mon=" + q(self.tiebreaker_mon))
            s.append("stretch_marked_down_mons=" +
                     strs(self.stretch_marked_down_mons))
        return " ".join(s) + tail_text(self.tail)

    def release(self):
        """min_mon_release; before v7, infer_ceph_release_from_mon_features
        (the newest release whose bit is in persistent_features)."""
        if self.v >= 7:
            return self.min_mon_release
        for bit, rel in ((6, 16), (5, 15), (4, 14), (2, 13), (1, 12),
                         (0, 11)):
            if self.persistent.features & (1 << bit):
                return rel
        return 0

    # -- what `ceph mon dump` / `monmaptool --print` write ---------------
    def print_plain(self):
        """MonMap::print (Pacific), with utime_t printed the way
        operator<<(ostream&, utime_t) does in a UTC time zone."""
        out = ["epoch %d\n" % self.epoch,
               "fsid %s\n" % uuid_text(self.fsid),
               "last_changed %s\n" % utime_text(*self.last_changed),
               "created %s\n" % utime_text(*self.created),
               "min_mon_release %d (%s)\n" % (
                   self.release(), release_name(self.release())),
               "election_strategy: %d\n" % (
                   self.strategy if self.v >= 8 else 1)]
        if self.stretch_mode_enabled:
            out.append("stretch_mode_enabled 1\n")
            out.append("tiebreaker_mon %s\n" % self.tiebreaker_mon.decode(
                "latin-1"))
        if self.stretch_mode_enabled or self.disallowed_leaders:
            out.append("disallowed_leaders " + set_text(
                sorted(self.disallowed_leaders)) + "\n")
        info = dict(self.mons)
        for i, rk in enumerate(self.ranks):
            mi = info[rk]
            line = "%d: %s mon.%s" % (i, ceph_addrvec_text(mi.addrs),
                                      rk.decode("latin-1"))
            if mi.crush_loc:
                line += "; crush_location " + map_text(
                    sorted(mi.crush_loc))
            out.append(line + "\n")
        return "".join(out)


def set_text(items):
    """operator<<(ostream&, const std::set<std::string>&) (include/types.h):
    the elements joined by ",", no brackets."""
    return ",".join(x.decode("latin-1") for x in items)


def map_text(pairs):
    """operator<<(ostream&, const std::map<std::string,std::string>&)."""
    return "{" + ",".join("%s=%s" % (k.decode("latin-1"),
                                     v.decode("latin-1"))
                          for k, v in pairs) + "}"


def ceph_addrvec_text(v):
    """operator<<(ostream&, const entity_addrvec_t&): one address bare,
    more in brackets, none as "[]"."""
    if not v.v:
        return ""
    if len(v.v) == 1:
        return v.v[0].text()
    return "[" + ",".join(a.text() for a in v.v) + "]"


def release_name(r):
    return RELEASES[r] if r < len(RELEASES) else "unknown"


def utime_text(sec, nsec):
    """operator<<(ostream&, const utime_t&) -> utime_t::localtime(out,
    false) with TZ=UTC: seconds below ten years print as "sec.usec"."""
    usec = nsec // 1000
    if sec < 60 * 60 * 24 * 365 * 10:
        return "%d.%06d" % (sec, usec)
    t = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=sec)
    return "%04d-%02d-%02dT%02d:%02d:%02d.%06d+0000" % (
        t.year, t.month, t.day, t.hour, t.minute, t.second, usec)


# -- codec table --------------------------------------------------------------

DECODERS = {
    "mon_command": MonCommand.decode,
    "mon_command_ack": MonCommandAck.decode,
    "mon_subscribe": MonSubscribe.decode,
    "mon_get_map": MonGetMap.decode,
    "mon_map": MonMapMsg.decode,
    "mon_config": Config.decode,
    "monmap": MonMap.decode,
}


def decode(codec, inp):
    """Returns (value, trailing): trailing is True when bytes follow the
    last field (Ceph ignores them)."""
    r = Reader(inp, codec)
    v = DECODERS[codec](r)
    return v, r.left() > 0

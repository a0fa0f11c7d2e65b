# SPDX-License-Identifier: MIT
"""entity_addr_t and entity_addrvec_t: binary form, text form.

Follows ceph src/msg/msg_types.h and msg_types.cc (Linux build):
- entity_addr_t { __u32 type; __u32 nonce; union { sockaddr; sockaddr_in;
  sockaddr_in6; } u; }: the union is 28 bytes, u.sa.sa_family a host-order
  u16, the rest (port, address, ...) in network order as the kernel keeps it.
- entity_addr_t::encode(bl, features) with MSG_ADDR2 (always, in msgr2
  frames: msgr2_frame_assumed), the "new" form:
    u8 1 (marker) | ENCODE_START(1, 1): u8 1, u8 1, le32 struct_len |
    le32 type | le32 nonce | le32 elen = get_sockaddr_len() |
    le16 sa_family | elen - 2 bytes of sa_data
  get_sockaddr_len() is 16 for AF_INET, 28 for AF_INET6 and sizeof(u) = 28
  for any other family (AF_UNSPEC too).  SERVER_NAUTILUS is assumed, so
  TYPE_ANY is written as it is.
- entity_addr_t::decode: marker 0 is the legacy form (below), marker 1 the
  new one, anything else malformed_input.  DECODE_START(1): struct_compat
  > 1 throws; struct_len past the remaining bytes throws; a tail inside
  struct_len is skipped (DECODE_FINISH).  elen == 0 leaves the sockaddr
  zero (family 0); elen < 2 throws; elen > get_sockaddr_len() of the family
  just read throws; elen - 2 bytes are copied into sa_data, so a short elen
  leaves the rest zero.
- decode_legacy_addr_after_marker: the rest of a le32 type (ignored),
  le32 nonce, 128-byte sockaddr_storage whose ss_family is big-endian;
  set_sockaddr() copies sizeof(sockaddr_in) or sizeof(sockaddr_in6) bytes
  (zeroes u for AF_UNSPEC; leaves it zero for any other family); the type
  becomes TYPE_NONE if the family is then AF_UNSPEC, TYPE_LEGACY otherwise
  (confirmed with monmaptool 16.2.15).
- The legacy encode (features without MSG_ADDR2): le32 0, le32 nonce,
  get_sockaddr_storage() with ss_family big-endian.  m2 re-encodes an
  address that arrived in legacy form in legacy form (its contract), so a
  canonical legacy address round-trips.
"""

import struct
from dataclasses import dataclass, field

from . import inet, limits
from .errors import Fail, BADVAL, COMPAT, LIMIT, TRAILING, TRUNC
from .wire import Reader, le16, le32, u8

TYPE_NONE, TYPE_LEGACY, TYPE_MSGR2, TYPE_ANY, TYPE_CIDR = 0, 1, 2, 3, 4
TYPE_NAMES = {TYPE_NONE: "none", TYPE_LEGACY: "v1", TYPE_MSGR2: "v2",
              TYPE_ANY: "any", TYPE_CIDR: "cidr"}
AF_UNSPEC, AF_INET, AF_INET6 = 0, 2, 10
SA_DATA_LEN = limits.SOCKADDR_MAX - 2      # the union minus sa_family


def sockaddr_len(family):
    """entity_addr_t::get_sockaddr_len()."""
    if family == AF_INET:
        return 16
    if family == AF_INET6:
        return 28
    return limits.SOCKADDR_MAX


@dataclass
class Addr:
    type: int = TYPE_NONE
    nonce: int = 0
    family: int = AF_UNSPEC
    sa: bytes = bytes(SA_DATA_LEN)     # u.sa.sa_data and beyond: 26 bytes
    legacy: bool = False               # arrived in the marker-0 form
    lenient: bool = False              # text only Ceph's atoi() accepts

    # -- accessors (get_port / set_port) --
    def port(self):
        if self.family in (AF_INET, AF_INET6):
            return struct.unpack(">H", self.sa[0:2])[0]
        return 0

    def with_port(self, port):
        assert self.family in (AF_INET, AF_INET6)
        return Addr(self.type, self.nonce, self.family,
                    struct.pack(">H", port & 0xFFFF) + self.sa[2:],
                    self.legacy, self.lenient)

    def with_type(self, t):
        return Addr(t, self.nonce, self.family, self.sa, self.legacy,
                    self.lenient)

    def key(self):
        """What operator== compares: memcmp of type, nonce and u."""
        return (self.type, self.nonce, self.family, self.sa)

    # -- text: operator<<(ostream&, const entity_addr_t&) --
    def text(self):
        if self.type == TYPE_NONE:
            return "-"
        out = ""
        if self.type != TYPE_ANY:
            out += TYPE_NAMES.get(self.type, "???") + ":"
        return out + self.sockaddr_text() + "/%u" % self.nonce

    def sockaddr_text(self):
        """operator<<(ostream&, const sockaddr*)."""
        if self.family == AF_INET:
            return "%s:%u" % (inet.ntop4(self.sa[2:6]), self.port())
        if self.family == AF_INET6:
            return "[%s]:%u" % (inet.ntop6(self.sa[6:22]), self.port())
        return "(unrecognized address family %u)" % self.family

    # -- binary --
    def encode(self):
        """The new form, or the legacy form for an address that came in
        legacy form (see the module doc)."""
        if self.legacy:
            return self.encode_legacy()
        return self.encode_new()

    def encode_new(self):
        elen = sockaddr_len(self.family)
        body = le32(self.type) + le32(self.nonce) + le32(elen)
        body += le16(self.family) + self.sa[:elen - 2]
        return u8(1) + u8(1) + u8(1) + le32(len(body)) + body

    def encode_legacy(self):
        ss = struct.pack(">H", self.family) + self.sa
        ss += bytes(128 - len(ss))
        return le32(0) + le32(self.nonce) + ss


def ipv4(a, b, c, d, port=0, type=TYPE_MSGR2, nonce=0):
    sa = struct.pack(">H", port) + bytes([a, b, c, d])
    return Addr(type, nonce, AF_INET, sa + bytes(SA_DATA_LEN - len(sa)))


def ipv6(addr16, port=0, type=TYPE_MSGR2, nonce=0, flowinfo=0, scope=0):
    sa = (struct.pack(">HI", port, flowinfo) + bytes(addr16) +
          struct.pack(">I", scope))
    return Addr(type, nonce, AF_INET6, sa)


def decode_legacy_after_marker(r):
    """decode_legacy_addr_after_marker (the first type byte, 0, is read)."""
    r.take(3, "legacy.type")
    nonce = r.le32("legacy.nonce")
    ss = r.take(128, "legacy.sockaddr_storage")
    fam = struct.unpack(">H", ss[0:2])[0]
    if fam == AF_INET:
        sa = ss[2:16] + bytes(SA_DATA_LEN - 14)
    elif fam == AF_INET6:
        sa = ss[2:28]
    else:
        # AF_UNSPEC is zeroed; set_sockaddr() refuses other families and
        # leaves the fresh, zeroed union alone.
        fam, sa = AF_UNSPEC, bytes(SA_DATA_LEN)
    t = TYPE_NONE if fam == AF_UNSPEC else TYPE_LEGACY
    return Addr(t, nonce, fam, sa, legacy=True)


def decode_new_after_marker(r):
    """DECODE_START(1) ... DECODE_FINISH of entity_addr_t::decode (and of
    the marker-1 branch of entity_addrvec_t::decode, which is the same).
    Reads are bounded by struct_len: a field that runs past it is reported
    as M2_E_TRUNC (Ceph: DECODE_FINISH's "decode past end of struct")."""
    r.u8("struct_v")
    compat = r.u8("struct_compat")
    if compat > 1:
        raise Fail(COMPAT, f"entity_addr_t compat {compat}")
    n = r.le32("struct_len")
    if n > r.left():
        raise Fail(TRUNC, f"struct_len {n} past the end")
    body = r.sub(n, "entity_addr_t")
    t = body.le32("type")
    nonce = body.le32("nonce")
    elen = body.le32("elen")
    fam, sa = AF_UNSPEC, bytes(SA_DATA_LEN)
    if elen:
        if elen < 2:
            raise Fail(BADVAL, "elen smaller than family len")
        fam = body.le16("sa_family")
        if elen > sockaddr_len(fam):
            raise Fail(BADVAL, f"elen {elen} exceeds sockaddr len")
        data = body.take(elen - 2, "sa_data")
        sa = data + bytes(SA_DATA_LEN - len(data))
    # DECODE_FINISH skips whatever is left inside struct_len.
    return Addr(t, nonce, fam, sa)


def decode_addr(r):
    """entity_addr_t::decode."""
    marker = r.u8("marker")
    if marker == 0:
        return decode_legacy_after_marker(r)
    if marker != 1:
        raise Fail(BADVAL, f"entity_addr_t marker {marker}")
    return decode_new_after_marker(r)


# -- entity_addrvec_t ------------------------------------------------------

MIN_ADDR_LEN = 1 + 6 + 12       # marker, envelope, type, nonce, elen = 0


@dataclass
class AddrVec:
    v: list = field(default_factory=list)

    def text(self):
        """The m2 dump: always bracketed (SCHEMA.md), unlike Ceph's
        operator<<, which prints one address bare and none as nothing."""
        return "[" + ",".join(a.text() for a in self.v) + "]"

    def encode(self):
        """entity_addrvec_t::encode with MSG_ADDR2: marker 2, le32 count,
        each address (encode(std::vector))."""
        return u8(2) + le32(len(self.v)) + b"".join(a.encode()
                                                    for a in self.v)


def decode_addrvec(r):
    """entity_addrvec_t::decode: marker 0 is one legacy address, marker 1
    one new-form address, marker 2 a vector (le32 count, then each with its
    own marker), anything above 2 malformed_input.  Ceph resizes the vector
    to the count before reading; m2 caps it (M2_MAX_ADDRS, M2_E_LIMIT) and
    checks it against the bytes left (M2_E_TRUNC) first."""
    marker = r.u8("addrvec.marker")
    if marker == 0:
        return AddrVec([decode_legacy_after_marker(r)])
    if marker == 1:
        return AddrVec([decode_new_after_marker(r)])
    if marker != 2:
        raise Fail(BADVAL, f"entity_addrvec_t marker {marker}")
    n = r.le32("addrvec.count")
    if n > limits.MAX_ADDRS:
        raise Fail(LIMIT, f"{n} addresses")
    if n > r.left() // MIN_ADDR_LEN:
        raise Fail(TRUNC, f"{n} addresses in {r.left()} bytes")
    return AddrVec([decode_addr(r) for _ in range(n)])


# -- text ------------------------------------------------------------------

def parse_addr(s, pos=0, default_type=TYPE_MSGR2):
    """entity_addr_t::parse(s, &end, default_type) from s[pos:]: returns
    (Addr, end) or None.  The default type is TYPE_DEFAULT = TYPE_MSGR2
    (msg_types.h: parse(..., int default_type=TYPE_DEFAULT))."""
    start = pos
    newtype = default_type
    if s.startswith("v1:", pos):
        start += 3
        newtype = TYPE_LEGACY
    elif s.startswith("v2:", pos):
        start += 3
        newtype = TYPE_MSGR2
    elif s.startswith("any:", pos):
        start += 4
        newtype = TYPE_ANY
    elif s.startswith("-", pos):
        return Addr(TYPE_NONE), pos + 1
    brackets = False
    if s.startswith("[", start):
        start += 1
        brackets = True
    # buf4[39]: at most 39 characters of [0-9.]; buf6[64]: at most 64
    # of [0-9a-fA-F:].
    p = start
    while p < len(s) and p - start < 39 and (s[p] == "." or "0" <= s[p] <= "9"):
        p += 1
    buf4 = s[start:p]
    p = start
    while p < len(s) and p - start < 64 and (s[p] == ":" or s[p] in inet.HEX):
        p += 1
    buf6 = s[start:p]
    a4 = inet.pton4(buf4)
    if a4 is not None:
        a = ipv4(*a4, type=newtype)
        p = start + len(buf4)
    else:
        a6 = inet.pton6(buf6)
        if a6 is None:
            return None
        a = ipv6(a6, type=newtype)
        p = start + len(buf6)
    if brackets:
        if not s.startswith("]", p):
            return None
        p += 1
    if s.startswith(":", p):
        p += 1
        port = inet.c_atoi(s[p:])
        if port > 65535:
            return None
        a = a.with_port(port & 0xFFFF)       # set_port: htons((int)port)
        q = p
        while p < len(s) and "0" <= s[p] <= "9":
            p += 1
        if p > q and int(s[q:p]) != port:
            a.lenient = True                 # atoi overflowed into range
    if s.startswith("/", p):
        p += 1
        a.nonce = inet.c_atoi(s[p:]) & 0xFFFFFFFF
        q = p
        while p < len(s) and "0" <= s[p] <= "9":
            p += 1
        if p > q and int(s[q:p]) != a.nonce:
            a.lenient = True                 # atoi wrapped the nonce
    a.type = newtype
    return a, p


def parse_addrvec(s, pos=0):
    """entity_addrvec_t::parse(s, &end): returns (AddrVec, end) or None.
    A leading '[' opens a vector unless what follows parses as a lone
    IPv6 address ("[::1]:3300")."""
    orig = pos
    brackets = False
    if s.startswith("[", pos):
        r = parse_addr(s, pos)
        if r is None or r[0].family != AF_INET6:
            brackets = True
            pos += 1
    v = []
    end = pos
    for _ in range(len(s) + 1):             # each pass consumes a byte
        if pos >= len(s):
            break
        r = parse_addr(s, pos)
        if r is None:
            if brackets:
                return None
            break
        v.append(r[0])
        pos = end = r[1]
        if not brackets:
            break
        if not s.startswith(",", pos):
            break
        pos += 1
    if brackets:
        if s.startswith("]", pos):
            pos += 1
            end = pos
        else:
            return None
    if not v:
        return None
    del orig
    return AddrVec(v), end


def parse_addr_text(s):
    """entity_addr_t::parse(std::string_view): the whole string."""
    r = parse_addr(s, 0)
    if r is None:
        raise Fail(BADVAL, f"not an address: {s!r}")
    if r[1] != len(s):
        # Ceph's parse(string_view) fails when *end is not the end; an
        # address was read, so m2 names the leftover: M2_E_TRAILING.
        raise Fail(TRAILING, f"text after the address: {s[r[1]:]!r}")
    return r[0]


def parse_addrvec_text(s):
    """entity_addrvec_t::parse with *end == '\\0' required."""
    r = parse_addrvec(s, 0)
    if r is None:
        raise Fail(BADVAL, f"not an address vector: {s!r}")
    if r[1] != len(s):
        raise Fail(TRAILING, f"text after the vector: {s[r[1]:]!r}")
    if len(r[0].v) > limits.MAX_ADDRS:
        raise Fail(LIMIT, f"{len(r[0].v)} addresses")
    return r[0]

# SPDX-License-Identifier: MIT
"""Cases for addr, addrvec, addr_text, addrvec_text and mon_host."""

import struct

from . import addr as A
from . import monhost
from . import inet
from .errors import BADVAL, COMPAT, LIMIT, TRAILING, TRUNC
from .vec import VecFile
from .wire import le16, le32, u8

S_DEC = "hand: ceph msg_types.h entity_addr_t::decode"
S_ENC = "hand: ceph msg_types.h entity_addr_t::encode"
S_LEG = "hand: ceph msg_types.h entity_addr_t::decode_legacy_addr_after_marker"
S_VDEC = "hand: ceph msg_types.cc entity_addrvec_t::decode"
S_PARSE = "hand: ceph msg_types.cc entity_addr_t::parse"
S_VPARSE = "hand: ceph msg_types.cc entity_addrvec_t::parse"
S_MON = ("hand: ceph MonMap::build_initial -> init_with_ips, "
         "parse_ip_port_vec, _add_ambiguous_addr (for_mkfs=false, as "
         "MonClient::build_initial_monmap calls it)")
MONMAPTOOL = ("; confirmed with monmaptool 16.2.15: the bytes as mon.a's "
              "public_addrs in a monmap, monmaptool --print")
REAL_MONMAP = bytes.fromhex(
    "0202000000"
    "0101011c00000002000000000000001000000002" "0033f47f0000010000000000000000"
    "0101011c00000001000000000000001000000002" "0041957f0000010000000000000000")
LOOP6 = bytes(15) + b"\x01"
FE80 = bytes.fromhex("fe800000000000000000000000000001")


def new_form(type_, nonce, family, sa, elen=None, v=1, compat=1,
             struct_len=None, tail=b""):
    """entity_addr_t::encode's bytes with every knob exposed."""
    if elen is None:
        elen = len(sa) + 2 if sa is not None else 0
    body = le32(type_) + le32(nonce) + le32(elen)
    if sa is not None:
        body += le16(family) + sa
    body += tail
    if struct_len is None:
        struct_len = len(body)
    return u8(1) + u8(v) + u8(compat) + le32(struct_len) + body


def sin(port, a, b, c, d, zero=bytes(8)):
    return struct.pack(">H", port) + bytes([a, b, c, d]) + zero


def sin6(port, addr16, flow=0, scope=0):
    return struct.pack(">HI", port, flow) + addr16 + struct.pack(">I", scope)


def legacy(nonce, family_be, rest, type_bytes=b"\x00\x00\x00"):
    ss = struct.pack(">H", family_be) + rest
    ss += bytes(128 - len(ss))
    return b"\x00" + type_bytes + le32(nonce) + ss


def addr_file():
    f = VecFile("addr",
                "entity_addr_t, binary.  Marker 1 (new form): ENCODE_START"
                "(1, 1) envelope, le32 type, le32 nonce, le32 elen, then "
                "elen bytes of sockaddr: le16 family (2 AF_INET, 10 "
                "AF_INET6), then port and address in network order.  Marker "
                "0 (legacy, 136 bytes): the rest of a le32 type (ignored), "
                "le32 nonce, a 128-byte sockaddr_storage with a big-endian "
                "family.  m2 writes back a legacy address in legacy form "
                "and everything else in the new form, with elen = "
                "get_sockaddr_len() (16, 28, or 28 for any other family) "
                "and struct_v 1.  A field running past struct_len is "
                "M2_E_TRUNC (Ceph: DECODE_FINISH \"decode past end of "
                "struct encoding\").")
    g = f.group()
    v4 = sin(3300, 127, 0, 0, 1)
    g.add("v2:127.0.0.1:3300/0, 35 bytes", new_form(2, 0, 2, v4),
          S_ENC + MONMAPTOOL, flags=["Oracle"],
          dump="v2:127.0.0.1:3300/0")
    g.add("v2:127.0.0.1:13300/0, the first entry of the monmap "
          "monmaptool wrote in REAL-CEPH.md", REAL_MONMAP[5:40],
          "monmaptool 16.2.15 --create --addv a "
          "'[v2:127.0.0.1:13300,v1:127.0.0.1:16789]' (REAL-CEPH.md)",
          dump="v2:127.0.0.1:13300/0")
    g.add("v1:10.1.2.3:6789/1234", new_form(1, 1234, 2,
                                            sin(6789, 10, 1, 2, 3)),
          S_ENC + MONMAPTOOL, flags=["Oracle"])
    g.add("v2:[::1]:3300/0, 47 bytes", new_form(2, 0, 10,
                                               sin6(3300, LOOP6)),
          S_ENC + MONMAPTOOL, flags=["Oracle"], dump="v2:[::1]:3300/0")
    g.add("IPv6 with flowinfo and scope_id set: kept, not printed",
          new_form(2, 9, 10, sin6(6800, FE80, 0x12345, 3)),
          S_ENC + MONMAPTOOL, flags=["Oracle"],
          dump="v2:[fe80::1]:6800/9")
    g.add("TYPE_ANY: printed without a prefix",
          new_form(3, 5, 2, sin(0, 127, 0, 0, 1)), S_ENC + MONMAPTOOL,
          flags=["Oracle"], dump="127.0.0.1:0/5")
    g.add("TYPE_NONE, AF_UNSPEC: elen 28 (sizeof the sockaddr union), "
          "family 0 and 26 zero bytes, 47 bytes", new_form(0, 0, 0,
                                                           bytes(26)),
          S_ENC + " (get_sockaddr_len)" + MONMAPTOOL, flags=["Oracle"],
          dump="-")
    g.add("TYPE_MSGR2 with family 0", new_form(2, 0, 0, bytes(26)),
          S_ENC + MONMAPTOOL, flags=["Oracle"],
          dump="v2:(unrecognized address family 0)/0")
    g.add("family 1 (AF_UNIX), elen 28: kept, printed as unrecognized",
          new_form(2, 0, 1, b"/tmp/sock" + bytes(17)), S_DEC + MONMAPTOOL,
          flags=["Oracle"], dump="v2:(unrecognized address family 1)/0")
    g.add("TYPE_CIDR (4), the nonce holding a prefix length",
          new_form(4, 8, 2, sin(0, 10, 0, 0, 0)), S_ENC + MONMAPTOOL,
          flags=["Oracle"], dump="cidr:10.0.0.0:0/8")
    g.add("type 7: printed as ???", new_form(7, 0, 2, sin(1, 1, 2, 3, 4)),
          S_DEC + MONMAPTOOL, flags=["Oracle"], dump="???:1.2.3.4:1/0")
    g.add("nonce 0xffffffff", new_form(2, 0xFFFFFFFF, 2,
                                       sin(65535, 255, 255, 255, 255)),
          S_ENC)
    g.add("sin_zero bytes not zero: copied and kept",
          new_form(2, 0, 2, sin(1, 1, 2, 3, 4, b"ABCDEFGH")), S_DEC)
    # legacy
    g.add("legacy form, v1:1.2.3.4:6789/7",
          legacy(7, 2, sin(6789, 1, 2, 3, 4)), S_LEG + MONMAPTOOL,
          flags=["Legacy", "Oracle"], dump="v1:1.2.3.4:6789/7")
    g.add("legacy form, IPv6", legacy(7, 10, sin6(6789, LOOP6)),
          S_LEG + MONMAPTOOL, flags=["Legacy", "Oracle"],
          dump="v1:[::1]:6789/7")
    g.add("legacy form, family 0: TYPE_NONE",
          legacy(0, 0, bytes(26)), S_LEG + MONMAPTOOL,
          flags=["Legacy", "Oracle"], dump="-")
    g.add("legacy form, type bytes 00 aa bb cc: ignored (written back as "
          "zero)", legacy(7, 2, sin(6789, 1, 2, 3, 4), b"\xaa\xbb\xcc"),
          S_LEG + MONMAPTOOL, flags=["Legacy", "NonCanonical", "Oracle"],
          dump="v1:1.2.3.4:6789/7")
    g.add("legacy form, family 1: set_sockaddr refuses it, the address "
          "stays blank, TYPE_NONE", legacy(3, 1, b"\x01" * 20),
          S_LEG + MONMAPTOOL, flags=["Legacy", "NonCanonical", "Oracle"],
          dump="-")
    g.add("legacy form, IPv4 with bytes past sockaddr_in: dropped",
          legacy(7, 2, sin(6789, 1, 2, 3, 4) + b"\xff" * 10), S_LEG,
          flags=["Legacy", "NonCanonical"])
    g.add("legacy form cut to 135 bytes",
          legacy(7, 2, sin(6789, 1, 2, 3, 4))[:135], S_LEG, "invalid",
          TRUNC, flags=["Legacy", "Truncated"])
    # envelope and elen
    good = new_form(2, 0, 2, v4)
    g.add("marker 2 (an entity_addrvec_t marker)", u8(2) + good[1:], S_DEC,
          "invalid", BADVAL)
    g.add("marker 3", u8(3) + good[1:], S_DEC, "invalid", BADVAL)
    g.add("struct_compat 2", new_form(2, 0, 2, v4, compat=2),
          S_DEC + " (DECODE_START)" + MONMAPTOOL, "invalid", COMPAT,
          flags=["Oracle"])
    g.add("struct_v 5, compat 1: decoded", new_form(2, 0, 2, v4, v=5),
          S_DEC + " (DECODE_START)" + MONMAPTOOL,
          flags=["NonCanonical", "Oracle"], dump="v2:127.0.0.1:3300/0")
    g.add("struct_len 100, 28 bytes follow", new_form(2, 0, 2, v4,
                                                      struct_len=100),
          S_DEC + " (DECODE_START)", "invalid", TRUNC)
    g.add("struct_len 36: 8 unknown bytes after the sockaddr, skipped",
          new_form(2, 0, 2, v4, tail=b"NEWFIELD"),
          S_DEC + " (DECODE_FINISH)" + MONMAPTOOL,
          flags=["NonCanonical", "Oracle"], dump="v2:127.0.0.1:3300/0")
    g.add("struct_len 12: the sockaddr lies past the struct",
          new_form(2, 0, 2, v4, struct_len=12), S_DEC + " (DECODE_FINISH)" +
          MONMAPTOOL, "invalid", TRUNC, flags=["Oracle"])
    g.add("elen 0: no sockaddr, family 0 (written back with elen 28)",
          new_form(2, 0, 0, None, elen=0), S_DEC + MONMAPTOOL,
          flags=["NonCanonical", "Oracle"],
          dump="v2:(unrecognized address family 0)/0")
    g.add("elen 1: smaller than the family", new_form(2, 0, 0, None,
                                                     elen=1) + b"\x02",
          S_DEC + MONMAPTOOL, "invalid", BADVAL, flags=["Oracle"])
    g.add("elen 17 for AF_INET: exceeds sockaddr_in",
          new_form(2, 0, 2, v4 + b"\x00"), S_DEC + MONMAPTOOL, "invalid",
          BADVAL, flags=["Oracle"])
    g.add("elen 29 for AF_INET6: exceeds sockaddr_in6",
          new_form(2, 0, 10, sin6(3300, LOOP6) + b"\x00"),
          S_DEC + MONMAPTOOL, "invalid", BADVAL, flags=["Oracle"])
    g.add("elen 29 for family 1: exceeds the union",
          new_form(2, 0, 1, bytes(27)), S_DEC, "invalid", BADVAL)
    g.add("elen 8 for AF_INET: port and address only, the rest zero "
          "(written back with elen 16)",
          new_form(2, 0, 2, sin(3300, 127, 0, 0, 1)[:6]),
          S_DEC + MONMAPTOOL, flags=["NonCanonical", "Oracle"],
          dump="v2:127.0.0.1:3300/0")
    g.add("elen 2: the family alone", new_form(2, 0, 2, b""),
          S_DEC + MONMAPTOOL, flags=["NonCanonical", "Oracle"],
          dump="v2:0.0.0.0:0/0")
    g.add("elen 16, 10 sockaddr bytes present",
          new_form(2, 0, 2, v4)[:29], S_DEC, "invalid", TRUNC,
          flags=["Truncated"])
    g.add("marker only", b"\x01", S_DEC, "invalid", TRUNC,
          flags=["Truncated"])
    g.add("empty", b"", S_DEC, "invalid", TRUNC, flags=["Truncated"])
    return f


def addrvec_file():
    f = VecFile("addrvec",
                "entity_addrvec_t, binary.  Marker 2: le32 count, then each "
                "entity_addr_t with its own marker; marker 1: a single "
                "new-form address; marker 0: a single legacy address; "
                "higher markers are malformed.  m2 writes every vector back "
                "in the marker 2 form, each address as the addr codec "
                "does.  At most M2_MAX_ADDRS (16) entries.")
    g = f.group()
    a1 = A.ipv4(127, 0, 0, 1, 3300)
    a2 = A.ipv4(127, 0, 0, 1, 6789, A.TYPE_LEGACY)
    g.add("the monmap address vector monmaptool wrote (REAL-CEPH.md)",
          REAL_MONMAP, "monmaptool 16.2.15 --create --addv a "
          "'[v2:127.0.0.1:13300,v1:127.0.0.1:16789]' (REAL-CEPH.md)",
          dump="[v2:127.0.0.1:13300/0,v1:127.0.0.1:16789/0]")
    g.add("empty vector", u8(2) + le32(0), S_VDEC + MONMAPTOOL,
          flags=["Oracle"], dump="[]")
    g.add("one address", A.AddrVec([a1]).encode(), S_VDEC + MONMAPTOOL,
          flags=["Oracle"], dump="[v2:127.0.0.1:3300/0]")
    g.add("IPv4 and IPv6", A.AddrVec([a1, A.ipv6(LOOP6, 3300)]).encode(),
          S_VDEC + MONMAPTOOL, flags=["Oracle"])
    g.add("marker 1: a lone new-form address, written back as a vector",
          a1.encode(), S_VDEC + MONMAPTOOL,
          flags=["NonCanonical", "Oracle"], dump="[v2:127.0.0.1:3300/0]")
    g.add("marker 1 with struct_v 2 and a tail: skipped like "
          "entity_addr_t's", new_form(2, 0, 2, sin(3300, 127, 0, 0, 1),
                                      v=2, tail=b"\x00" * 4),
          S_VDEC + MONMAPTOOL, flags=["NonCanonical", "Oracle"])
    lg = legacy(7, 2, sin(6789, 1, 2, 3, 4))
    g.add("marker 0: a lone legacy address, written back as a vector "
          "holding it in legacy form", lg, S_VDEC + MONMAPTOOL,
          flags=["Legacy", "NonCanonical", "Oracle"],
          dump="[v1:1.2.3.4:6789/7]")
    g.add("a vector holding a legacy address", u8(2) + le32(2) +
          a1.encode() + lg, S_VDEC + MONMAPTOOL, flags=["Legacy", "Oracle"],
          dump="[v2:127.0.0.1:3300/0,v1:1.2.3.4:6789/7]")
    g.add("16 addresses (the cap)",
          A.AddrVec([A.ipv4(10, 0, 0, i, 6800 + i) for i in range(16)])
          .encode(), S_VDEC, flags=["Limit"])
    g.add("17 addresses", u8(2) + le32(17) + a1.encode() * 17, S_VDEC,
          "invalid", LIMIT, flags=["Limit"])
    g.add("count 0xffffffff", u8(2) + le32(0xFFFFFFFF), S_VDEC, "invalid",
          LIMIT, flags=["Limit"])
    g.add("count 3, two addresses", u8(2) + le32(3) + a1.encode() * 2,
          S_VDEC, "invalid", TRUNC)
    g.add("count 2, one address and a half", u8(2) + le32(2) + a1.encode() +
          a2.encode()[:20], S_VDEC, "invalid", TRUNC)
    g.add("marker 3", u8(3) + le32(0), S_VDEC + MONMAPTOOL, "invalid",
          BADVAL, flags=["Oracle"])
    g.add("an entry with struct_compat 2", u8(2) + le32(1) +
          new_form(2, 0, 2, sin(3300, 127, 0, 0, 1), compat=2),
          S_VDEC + MONMAPTOOL, "invalid", COMPAT, flags=["Oracle"])
    g.add("an entry with marker 2", u8(2) + le32(1) + u8(2) +
          a1.encode()[1:],
          S_VDEC + " (entity_addr_t::decode)", "invalid", BADVAL)
    g.add("marker and half a count", u8(2) + b"\x01\x00", S_VDEC, "invalid",
          TRUNC, flags=["Truncated"])
    g.add("empty", b"", S_VDEC, "invalid", TRUNC, flags=["Truncated"])
    return f


ADDV = ("; confirmed with monmaptool 16.2.15: monmaptool --create --addv a "
        "'{}' --print")
TEXT_NOTE = (" The dump is Ceph's operator<< text; `output`, when present, "
             "is that text (what m2 prints back), which differs from the "
             "input when the input left out defaults or used another "
             "spelling.  Every failure is M2_E_BADVAL.")


def addr_text_file():
    f = VecFile("addr_text",
                "entity_addr_t::parse(s) over the whole string: an optional "
                "\"v1:\", \"v2:\" or \"any:\" prefix (without one the type is "
                "TYPE_DEFAULT = TYPE_MSGR2, v2; a lone \"-\" is TYPE_NONE), "
                "an IPv4 address (tried first, inet_pton) or an IPv6 one, "
                "optionally in brackets, an optional \":port\" (atoi, at "
                "most 65535) and \"/nonce\" (atoi).  An IPv6 address with a "
                "port must be bracketed." + TEXT_NOTE, encoding="text")
    g = f.group()
    ok = [
        ("v2:1.2.3.4:3300/0", "the canonical form", "v2:1.2.3.4:3300/0"),
        ("v1:1.2.3.4:6789/0", "v1 prefix", None),
        ("any:1.2.3.4:6789/0", "any prefix: TYPE_ANY, printed without one",
         "1.2.3.4:6789/0"),
        ("-", "a lone dash: TYPE_NONE", "-"),
        ("1.2.3.4", "no prefix, port or nonce: v2, port 0, nonce 0",
         "v2:1.2.3.4:0/0"),
        ("1.2.3.4:3300", "no prefix, port 3300", "v2:1.2.3.4:3300/0"),
        ("1.2.3.4/7", "nonce without a port", "v2:1.2.3.4:0/7"),
        ("1.2.3.4:6789/4294967295", "the largest nonce", None),
        ("v2:0.0.0.0:0/0", "the blank IPv4 address", None),
        ("[1.2.3.4]:3300", "an IPv4 address in brackets",
         "v2:1.2.3.4:3300/0"),
        ("[::1]:3300", "IPv6 in brackets with a port", "v2:[::1]:3300/0"),
        ("v1:[::1]:6789/7", "v1, IPv6, port and nonce", None),
        ("::1", "a bare IPv6 address without a port", "v2:[::1]:0/0"),
        ("fe80::1:2", "a bare IPv6 address: \":2\" is its last group, not "
         "a port", "v2:[fe80::1:2]:0/0"),
        ("[::]:0/0", "the blank IPv6 address", "v2:[::]:0/0"),
        ("[FE80::A:B]:3300", "upper-case hex, printed in lower case",
         "v2:[fe80::a:b]:3300/0"),
        ("[::ffff:102:304]:1", "an IPv4-mapped address, printed dotted by "
         "inet_ntop", "v2:[::ffff:1.2.3.4]:1/0"),
        ("[1:2:3:4:5:6:7:8]:65535", "eight groups, the largest port", None),
        ("1.2.3.4:65535", "port 65535", None),
        ("1.2.3.4:", "a colon and no digits: atoi(\"\") is 0",
         "v2:1.2.3.4:0/0"),
    ]
    for text, why, dump in ok:
        flags = ["CephQuirk"] if text in ("1.2.3.4:", "fe80::1:2") else []
        source = S_PARSE
        if not text.startswith("["):
            # entity_addrvec_t::parse, which --addv calls, reads a leading
            # '[' as a vector bracket unless an IPv6 address follows.
            flags.append("Oracle")
            source += ADDV.format(text)
        g.add(f"{why}: {text}", text, source, dump=dump, flags=flags)
    g.add("port 4294970596: atoi truncates it to int, 3300, and Ceph "
          "accepts it", "1.2.3.4:4294970596", S_PARSE +
          " (atoi)" + ADDV.format("1.2.3.4:4294970596"),
          "acceptable", BADVAL, flags=["CephQuirk", "Oracle"],
          dump="v2:1.2.3.4:3300/0")
    g.add("nonce 4294967296: atoi wraps it to 0, and Ceph accepts it",
          "v2:1.2.3.4:3300/4294967296", S_PARSE + " (atoi)" +
          ADDV.format("v2:1.2.3.4:3300/4294967296"), "acceptable", BADVAL,
          flags=["CephQuirk", "Oracle"], dump="v2:1.2.3.4:3300/0")
    bad = [
        ("1.2.3.4:65536", "port 65536"),
        ("1.2.3.4:99999999999", "port 99999999999 (atoi gives "
         "1215752191, over 65535)"),
        ("01.2.3.4", "a leading zero (inet_pton refuses it)"),
        ("1.2.3", "three octets"),
        ("256.1.1.1", "an octet over 255"),
        ("1.2.3.4.5", "five octets"),
        ("::ffff:1.2.3.4", "a dotted IPv6 tail: the IPv6 scan stops at "
         "'.', leaving \".2.3.4\"", TRAILING),
        ("[::1", "an unclosed bracket"),
        ("[::1]x", "a character after the bracket", TRAILING),
        ("1:2:3:4:5:6:7:8:9", "nine IPv6 groups"),
        ("v3:1.2.3.4", "an unknown prefix"),
        ("V2:1.2.3.4", "an upper-case prefix"),
        ("v2:-", "a dash after a prefix"),
        ("-1.2.3.4", "a dash then an address", TRAILING),
        ("1.2.3.4 ", "a trailing space", TRAILING),
        (" 1.2.3.4", "a leading space"),
        ("1.2.3.4:+5", "a sign before the port (atoi reads it, the parser "
         "does not skip it)", TRAILING),
        ("1.2.3.4/x", "a letter as the nonce: the parse stops at it", TRAILING),
        ("localhost", "a host name"),
        ("garbage", "garbage"),
        ("", "the empty string"),
    ]
    # A third element names the error where an address was read and text
    # follows it (Ceph's parse(string_view) fails on *end != end; m2 says
    # M2_E_TRAILING); otherwise nothing was read: M2_E_BADVAL.
    for text, why, *err in bad:
        g.add(f"{why}: {text!r}", text, S_PARSE, "invalid",
              err[0] if err else BADVAL)
    return f


def addrvec_text_file():
    f = VecFile("addrvec_text",
                "entity_addrvec_t::parse(s) over the whole string: a lone "
                "address (see addr_text; type v2 unless prefixed), or "
                "\"[a,b,...]\" (comma, no spaces).  A leading '[' that opens "
                "a valid bracketed IPv6 address (\"[::1]\", \"[::1]:3300\") "
                "is that address, not a vector.  \"[]\" and the empty "
                "string are not vectors.  The dump is always bracketed "
                "(SCHEMA.md), also for one address.  At most M2_MAX_ADDRS "
                "(16) addresses." + TEXT_NOTE, encoding="text")
    g = f.group()
    ok = [
        ("[v2:1.2.3.4:3300/0,v1:1.2.3.4:6789/0]", "two addresses",
         "[v2:1.2.3.4:3300/0,v1:1.2.3.4:6789/0]"),
        ("[v2:127.0.0.1:13300,v1:127.0.0.1:16789]", "the mon_host of "
         "REAL-CEPH.md", "[v2:127.0.0.1:13300/0,v1:127.0.0.1:16789/0]"),
        ("v2:1.2.3.4:3300/0", "a lone address", "[v2:1.2.3.4:3300/0]"),
        ("1.2.3.4", "a lone address without prefix: v2", "[v2:1.2.3.4:0/0]"),
        ("[1.2.3.4]", "a bracketed IPv4 address: a vector of one",
         "[v2:1.2.3.4:0/0]"),
        ("[::1]", "a bracketed IPv6 address: one address, not a vector",
         "[v2:[::1]:0/0]"),
        ("[::1]:3300", "a bracketed IPv6 address with a port",
         "[v2:[::1]:3300/0]"),
        ("[::1,::2]", "not an IPv6 address, so a vector of two",
         "[v2:[::1]:0/0,v2:[::2]:0/0]"),
        ("[[::1]:3300,[::2]:3300]", "a vector of bracketed IPv6 addresses",
         "[v2:[::1]:3300/0,v2:[::2]:3300/0]"),
        ("[v1:[::1]:6789/0]", "a vector of one v1 IPv6 address", None),
        ("[-,1.2.3.4]", "a TYPE_NONE entry", "[-,v2:1.2.3.4:0/0]"),
        ("[any:1.2.3.4:3300/1]", "a TYPE_ANY entry", "[1.2.3.4:3300/1]"),
    ]
    # The table names each monitor; monitors are dumped in rank order
    # (what `ceph -m ... --debug-monc 10` prints, checked by oracles.py in
    # order), so the table's lists are put in that order here.
    for text, why, dump in ok:
        g.add(f"{why}: {text}", text, S_VPARSE + ADDV.format(text),
              dump=dump, flags=["Oracle"])
    sixteen = "[" + ",".join(f"10.0.0.{i}:6800" for i in range(16)) + "]"
    g.add("16 addresses (the cap)", sixteen, S_VPARSE + ADDV.format(sixteen),
          flags=["Limit", "Oracle"])
    seventeen = "[" + ",".join(f"10.0.0.{i}:6800" for i in range(17)) + "]"
    g.add("17 addresses", seventeen, S_VPARSE, "invalid", LIMIT,
          flags=["Limit"])
    bad = [
        ("[]", "empty brackets"),
        ("", "the empty string"),
        ("[1.2.3.4,]", "a trailing comma"),
        ("[1.2.3.4", "an unclosed vector"),
        ("[1.2.3.4, 1.2.3.5]", "a space after the comma"),
        ("1.2.3.4,1.2.3.5", "two addresses without brackets", TRAILING),
        ("[1.2.3.4]]", "two closing brackets", TRAILING),
        ("[1.2.3.4:65536]", "a bad port inside"),
        ("[::1]:3300,[::2]:3300", "two bracketed IPv6 addresses without "
         "vector brackets", TRAILING),
        ("[garbage]", "garbage in brackets"),
    ]
    for text, why, *err in bad:
        g.add(f"{why}: {text!r}", text, S_VPARSE, "invalid",
              err[0] if err else BADVAL)
    return f


CEPH_M = "; confirmed with ceph 16.2.15: ceph -m '{}' --debug-monc 10 " \
         "(MonClient::build_initial_monmap prints the monmap)"


def _rank_ordered(text, dump):
    """The table's monitors for |text| in rank order; the set must be the
    decoder's exactly."""
    if dump is None:
        return None
    got = monhost.parse(text).dump()
    if sorted(got.split(" ")) != sorted(dump.split(" ")):
        raise AssertionError(f"mon_host {text!r}: {got!r} != {dump!r}")
    return got


def mon_host_file():
    f = VecFile("mon_host",
                "A mon_host (or -m) string turned into the initial monitor "
                "list the way a client does it: MonMap::build_initial "
                "(for_mkfs=false, MonClient::build_initial_monmap) -> "
                "init_with_ips: split on ' ' and ';', each item a "
                "comma-separated list of addresses (parsed with default "
                "type TYPE_ANY) or bracketed vectors; entry i is named "
                "noname-<'a'+i>.  A lone address without v1:/v2: becomes "
                "v2 if its port is 3300, v1 named <name>-legacy if 6789, "
                "v2:3300 plus v1:6789 (<name>-legacy) if it has no port, "
                "and v2 plus v1 (<name>-legacy) on any other port; a lone "
                "v1:/v2: address without a port gets 6789/3300; an address "
                "some monitor already has is skipped; a bracketed vector of "
                "two or more is taken as written.  The dump lists the "
                "monitors in the order they were added.  m2 resolves no "
                "host names (Ceph would fall back to getaddrinfo): text "
                "that is not a list of addresses is M2_E_BADVAL, as is a "
                "list giving no monitor.  At most M2_MAX_MONS (16) entries "
                "and M2_MON_HOST_MAX (4096) bytes.  monmaptool --generate "
                "(for_mkfs=true) differs: it keeps one entry per address "
                "(\"1.2.3.4\" -> one monitor holding [v2:3300, v1:6789]) and "
                "never adds -legacy entries.  There is no encoder: tests "
                "carry no `output`.", encoding="text")
    g = f.group()
    ok = [
        ("127.0.0.1", "one bare IP: v2:3300 and v1:6789, two monitors",
         "noname-a=[v2:127.0.0.1:3300/0] "
         "noname-a-legacy=[v1:127.0.0.1:6789/0]"),
        ("127.0.0.1:3300", "IP:3300: v2", "noname-a=[v2:127.0.0.1:3300/0]"),
        ("127.0.0.1:6789", "IP:6789: v1, named -legacy",
         "noname-a-legacy=[v1:127.0.0.1:6789/0]"),
        ("127.0.0.1:13300", "IP and another port: v2 and v1 on it",
         "noname-a=[v2:127.0.0.1:13300/0] "
         "noname-a-legacy=[v1:127.0.0.1:13300/0]"),
        ("v1:127.0.0.1", "v1: without a port: 6789",
         "noname-a=[v1:127.0.0.1:6789/0]"),
        ("v2:127.0.0.1", "v2: without a port: 3300",
         "noname-a=[v2:127.0.0.1:3300/0]"),
        ("v1:127.0.0.1:3300", "v1: on port 3300: as written",
         "noname-a=[v1:127.0.0.1:3300/0]"),
        ("any:127.0.0.1", "any: prefix: like no prefix", None),
        ("127.0.0.1/5", "a nonce is kept",
         "noname-a=[v2:127.0.0.1:3300/5] "
         "noname-a-legacy=[v1:127.0.0.1:6789/5]"),
        ("[v2:127.0.0.1:13300,v1:127.0.0.1:16789]", "a bracketed vector "
         "(the REAL-CEPH.md mon_host): one monitor, as written",
         "noname-a=[v2:127.0.0.1:13300/0,v1:127.0.0.1:16789/0]"),
        ("[v2:127.0.0.1:13300/0,v1:127.0.0.1:16789/0]", "the same, as "
         "ceph config generate-minimal-conf prints it", None),
        ("[127.0.0.1:3300]", "a bracketed IPv4 address: "
         "entity_addr_t::parse takes the brackets, so it is one address "
         "(type any), here on port 3300", "noname-a=[v2:127.0.0.1:3300/0]"),
        ("[127.0.0.1]", "a bracketed IPv4 address without a port: one "
         "address, like a bare IP", "noname-a=[v2:127.0.0.1:3300/0] "
         "noname-a-legacy=[v1:127.0.0.1:6789/0]"),
        ("[v2:127.0.0.1]", "a vector of one typed address without a port: "
         "v2 gets 3300", "noname-a=[v2:127.0.0.1:3300/0]"),
        ("[127.0.0.1,127.0.0.2]", "a vector of two without ports: taken "
         "as written, port 0", "noname-a=[v2:127.0.0.1:0/0,v2:127.0.0.2:0/0]"),
        ("127.0.0.1,127.0.0.2 127.0.0.3;127.0.0.4", "four monitors "
         "separated by ',', ' ' and ';'", None),
        ("127.0.0.1:3300 ; 127.0.0.2:3300", "separators with spaces around",
         "noname-a=[v2:127.0.0.1:3300/0] noname-b=[v2:127.0.0.2:3300/0]"),
        ("  127.0.0.1:3300  ", "leading and trailing spaces",
         "noname-a=[v2:127.0.0.1:3300/0]"),
        ("127.0.0.1:3300,[v2:127.0.0.2:3300,v1:127.0.0.2:6789],"
         "127.0.0.3:6789", "addresses and a vector mixed",
         "noname-a=[v2:127.0.0.1:3300/0] "
         "noname-b=[v2:127.0.0.2:3300/0,v1:127.0.0.2:6789/0] "
         "noname-c-legacy=[v1:127.0.0.3:6789/0]"),
        ("::1", "bare IPv6", "noname-a=[v2:[::1]:3300/0] "
         "noname-a-legacy=[v1:[::1]:6789/0]"),
        ("[::1]:3300", "bracketed IPv6 with port 3300",
         "noname-a=[v2:[::1]:3300/0]"),
        ("[::1]", "bracketed IPv6 without a port: an address, not a vector",
         None),
        ("v2:[::1]:13300", "v2: IPv6 on another port",
         "noname-a=[v2:[::1]:13300/0]"),
        ("127.0.0.1:3300,127.0.0.1:3300,127.0.0.2:3300", "a repeated "
         "address is skipped; names still count entries",
         "noname-a=[v2:127.0.0.1:3300/0] noname-c=[v2:127.0.0.2:3300/0]"),
        ("127.0.0.1,127.0.0.1:3300", "v2:3300 already added by the bare "
         "address", "noname-a=[v2:127.0.0.1:3300/0] "
         "noname-a-legacy=[v1:127.0.0.1:6789/0]"),
        ("-,127.0.0.1:3300", "\"-\" (TYPE_NONE, no port) adds nothing "
         "(_add_ambiguous_addr: \"wth\")", "noname-b=[v2:127.0.0.1:3300/0]"),
    ]
    # The table names each monitor; monitors are dumped in rank order
    # (what `ceph -m ... --debug-monc 10` prints, checked by oracles.py in
    # order), so the table's lists are put in that order here.
    # The table names each monitor; monitors are dumped in rank order
    # (what `ceph -m ... --debug-monc 10` prints, checked by oracles.py in
    # order), so the table's lists are put in that order here.
    for text, why, dump in ok:
        dump = _rank_ordered(text, dump)
        flags = ["Oracle"]
        if text.startswith("-,"):
            flags.append("CephQuirk")
        g.add(f"{why}: {text}", text, S_MON + CEPH_M.format(text),
              dump=dump, flags=flags)
    sixteen = ",".join(f"v2:127.0.0.{i + 1}:3300" for i in range(16))
    g.add("16 typed entries (the cap): noname-a .. noname-p", sixteen,
          S_MON + CEPH_M.format(sixteen), flags=["Limit", "Oracle"])
    seventeen = ",".join(f"v2:127.0.0.{i + 1}:3300" for i in range(17))
    g.add("17 entries", seventeen, S_MON, "invalid", LIMIT, flags=["Limit"])
    long_text = "127.0.0.1:3300" + " " * 4083
    assert len(long_text) == 4097
    g.add("4097 bytes (one address and spaces)", long_text, S_MON,
          "invalid", LIMIT, flags=["Limit"])
    bad = [
        ("localhost", "a host name: Ceph resolves it with getaddrinfo "
         "(init_with_hosts); m2 does not"),
        ("mon1.example.com:6789", "a host name with a port"),
        ("", "empty: Ceph skips mon_host and looks at [mon.X] sections, "
         "then DNS SRV"),
        ("   ", "only spaces: no entry (init_with_ips returns -ENOENT)"),
        ("-", "only \"-\": no monitor"),
        (",127.0.0.1", "a leading comma: init_with_ips fails; Ceph then "
         "succeeds through init_with_hosts, which resolves \"127.0.0.1\""),
        ("127.0.0.1:65536", "port 65536: init_with_ips fails (Ceph then "
         "tries init_with_hosts)"),
        ("[127.0.0.1:3300", "an unclosed vector"),
        ("127.0.0.1:3300,[v2:127.0.0.1:3300,v1:127.0.0.1:6789]",
         "a vector repeating an earlier address: MonMap::add "
         "ceph_assert()s (monmaptool 16.2.15 aborts on it)"),
    ]
    for text, why in bad:
        flags = ["CephAborts"] if "ceph_assert" in why else []
        g.add(f"{why}: {text!r}", text, S_MON, "invalid", BADVAL,
              flags=flags)
    return f


def addr_files():
    return [addr_file(), addrvec_file(), addr_text_file(),
            addrvec_text_file(), mon_host_file()]

# SPDX-License-Identifier: MIT
"""mon_host / -m: the initial monitor list a client builds.

Follows ceph MonMap::build_initial(cct, for_mkfs=false, ...), the call
MonClient::build_initial_monmap makes (src/mon/MonMap.cc):
- init_with_ips(mon_host, for_mkfs=false, "noname-"):
  parse_ip_port_vec(s, addrs, TYPE_ANY) (src/common/ceph_argparse.cc):
  split on ' ' and ';' (get_str_list, empty items dropped); in each item,
  repeatedly: entity_addr_t::parse(s, &end, TYPE_ANY) -> one address, else
  entity_addrvec_t::parse(s, &end) (whose addresses default to TYPE_MSGR2)
  -> a vector, else fail; then skip one ','.
  Entry i is named "noname-" + ('a' + i).  A one-address entry goes through
  _add_ambiguous_addr, a longer one is added as written (add()).
- _add_ambiguous_addr(name, addr, 0, for_mkfs=false):
  typed (v1:/v2:, or "-"): port 0 -> 6789 for v1, 3300 for v2, nothing
  at all for TYPE_NONE ("wth"); then add(name, [addr]) unless some monitor
  already has that exact address (contains()).
  untyped (TYPE_ANY): port 6789 -> v1, named name + "-legacy"; port 3300
  -> v2, named name; port 0 -> v2:3300 as name and v1:6789 as
  name + "-legacy"; any other port -> v2 as name and v1 on the same port
  as name + "-legacy"; each skipped if already contained.
- add() ceph_assert()s that no address of a new vector is already known:
  a bracketed vector repeating an earlier address aborts the process.
What m2 adds: no host-name resolution (Ceph falls back to init_with_hosts,
getaddrinfo, when init_with_ips fails: m2 reports M2_E_BADVAL), caps
M2_MON_HOST_MAX bytes of text and M2_MAX_MONS entries (M2_E_LIMIT), and an
empty result (empty text, only "-") is M2_E_BADVAL (Ceph would go on to
the config file's [mon.X] sections and DNS SRV records).
"""

import struct

from . import addr as A
from . import limits
from .errors import Fail, BADVAL, LIMIT

PORT_IANA = 3300            # CEPH_MON_PORT_IANA
PORT_LEGACY = 6789          # CEPH_MON_PORT_LEGACY


def parse_ip_port_vec(s):
    """parse_ip_port_vec(s, vec, TYPE_ANY): a list of AddrVec, or None."""
    items = [x for x in s.replace(";", " ").split(" ") if x]
    out = []
    for item in items:
        pos = 0
        for _ in range(len(item) + 1):      # each pass consumes a byte
            if pos >= len(item):
                break
            r = A.parse_addr(item, pos, A.TYPE_ANY)
            if r is not None:
                out.append(A.AddrVec([r[0]]))
                pos = r[1]
            else:
                rv = A.parse_addrvec(item, pos)
                if rv is None:
                    return None
                out.append(rv[0])
                pos = rv[1]
            if item.startswith(",", pos):
                pos += 1
    return out


class MonMap:
    def __init__(self):
        self.mons = []          # [(name, AddrVec)] in the order added

    def contains(self, a):
        return any(a.key() == b.key() for _, av in self.mons for b in av.v)

    def add(self, name, av):
        for a in av.v:
            if self.contains(a):
                raise Fail(BADVAL, f"{a.text()} already in the monmap "
                           "(MonMap::add would ceph_assert)")
        self.mons.append((name, av))

    def add_ambiguous(self, name, a):
        """_add_ambiguous_addr(name, addr, 0, for_mkfs=false)."""
        if a.type != A.TYPE_ANY:
            if a.port() == 0:
                if a.type == A.TYPE_LEGACY:
                    a = a.with_port(PORT_LEGACY)
                elif a.type == A.TYPE_MSGR2:
                    a = a.with_port(PORT_IANA)
                else:
                    return
            if not self.contains(a):
                self.add(name, A.AddrVec([a]))
            return
        port = a.port()
        if port == PORT_LEGACY:
            a = a.with_type(A.TYPE_LEGACY)
            if not self.contains(a):
                self.add(name + "-legacy", A.AddrVec([a]))
        elif port == PORT_IANA:
            a = a.with_type(A.TYPE_MSGR2)
            if not self.contains(a):
                self.add(name, A.AddrVec([a]))
        elif port == 0:
            a2 = a.with_type(A.TYPE_MSGR2).with_port(PORT_IANA)
            if not self.contains(a2):
                self.add(name, A.AddrVec([a2]))
            a1 = a.with_type(A.TYPE_LEGACY).with_port(PORT_LEGACY)
            if not self.contains(a1):
                self.add(name + "-legacy", A.AddrVec([a1]))
        else:
            a2 = a.with_type(A.TYPE_MSGR2)
            if not self.contains(a2):
                self.add(name, A.AddrVec([a2]))
            a1 = a.with_type(A.TYPE_LEGACY)
            if not self.contains(a1):
                self.add(name + "-legacy", A.AddrVec([a1]))

    def dump(self):
        """The monitors in rank order, as `ceph mon dump` and monmaptool
        print them: MonMap::calc_legacy_ranks sorts by each monitor's
        first v1 address (else its first), compared as entity_addr_t's
        operator< does (a memcmp of the struct on little-endian Linux:
        le32 type, le32 nonce, le16 family, the sockaddr bytes), then by
        name."""
        def rank_key(item):
            name, av = item
            a = next((x for x in av.v if x.type == A.TYPE_LEGACY), av.v[0])
            img = (struct.pack("<IIH", a.type, a.nonce, a.family) +
                   bytes(a.sa) + bytes(26 - len(a.sa)))
            return (img, name)
        mons = sorted(self.mons, key=rank_key)
        return " ".join(f"{n}={av.text()}" for n, av in mons)


def parse(s):
    """MonMap::init_with_ips(s, for_mkfs=false, "noname-") plus the m2
    rules in the module doc."""
    if len(s.encode()) > limits.MON_HOST_MAX:
        raise Fail(LIMIT, f"{len(s)} bytes of mon_host")
    addrs = parse_ip_port_vec(s)
    if addrs is None:
        raise Fail(BADVAL, "not a list of addresses (Ceph would resolve it "
                   "as host names)")
    if not addrs:
        raise Fail(BADVAL, "no monitor")
    if len(addrs) > limits.MAX_MONS:
        raise Fail(LIMIT, f"{len(addrs)} monitors")
    m = MonMap()
    for i, av in enumerate(addrs):
        name = "noname-" + chr(ord("a") + i)
        if len(av.v) == 1:
            m.add_ambiguous(name, av.v[0])
        else:
            m.add(name, av)
    if not m.mons:
        raise Fail(BADVAL, "no monitor")
    return m

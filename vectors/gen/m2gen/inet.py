# SPDX-License-Identifier: MIT
"""glibc's inet_pton / inet_ntop, which entity_addr_t::parse and
operator<<(ostream&, const sockaddr*) call (src/msg/msg_types.cc).  Written
out here (resolv/inet_pton.c, resolv/inet_ntop.c) so that the vectors do
not depend on the machine; selftest.py checks them against socket.inet_*.
"""

HEX = "0123456789abcdefABCDEF"


def pton4(s):
    """inet_pton4: exactly four decimal octets <= 255, no leading zeros
    ("01" is refused), no empty parts.  Returns 4 bytes or None."""
    saw_digit = False
    octets = 0
    tmp = [0, 0, 0, 0]
    i = 0
    for ch in s:
        if "0" <= ch <= "9":
            new = tmp[i] * 10 + (ord(ch) - 48)
            if saw_digit and tmp[i] == 0:
                return None
            if new > 255:
                return None
            tmp[i] = new
            if not saw_digit:
                octets += 1
                if octets > 4:
                    return None
                saw_digit = True
        elif ch == "." and saw_digit:
            if octets == 4:
                return None
            i += 1
            tmp[i] = 0
            saw_digit = False
        else:
            return None
    if octets < 4:
        return None
    return bytes(tmp)


def pton6(s):
    """inet_pton6: up to eight groups of 1..4 hex digits, one "::", an
    optional dotted IPv4 tail.  Returns 16 bytes or None."""
    tmp = bytearray(16)
    tp = 0
    colonp = None
    n = len(s)
    pos = 0
    if n == 0:
        return None
    if s[0] == ":":
        pos = 1
        if pos == n or s[pos] != ":":
            return None
    curtok = pos
    xdigits_seen = 0
    val = 0
    while pos < n:
        ch = s[pos]
        pos += 1
        if ch in HEX:
            if xdigits_seen == 4:
                return None
            val = (val << 4) | int(ch, 16)
            if val > 0xFFFF:
                return None
            xdigits_seen += 1
            continue
        if ch == ":":
            curtok = pos
            if xdigits_seen == 0:
                if colonp is not None:
                    return None
                colonp = tp
                continue
            if pos == n:
                return None
            if tp + 2 > 16:
                return None
            tmp[tp] = (val >> 8) & 0xFF
            tmp[tp + 1] = val & 0xFF
            tp += 2
            xdigits_seen = 0
            val = 0
            continue
        if ch == "." and tp + 4 <= 16:
            v4 = pton4(s[curtok:])
            if v4 is not None:
                tmp[tp:tp + 4] = v4
                tp += 4
                xdigits_seen = 0
                break
        return None
    if xdigits_seen > 0:
        if tp + 2 > 16:
            return None
        tmp[tp] = (val >> 8) & 0xFF
        tmp[tp + 1] = val & 0xFF
        tp += 2
    if colonp is not None:
        if tp == 16:
            return None
        moved = bytes(tmp[colonp:tp])
        tmp[colonp:16] = bytes(16 - colonp)
        tmp[16 - len(moved):16] = moved
        tp = 16
    if tp != 16:
        return None
    return bytes(tmp)


def ntop4(b):
    return "%u.%u.%u.%u" % (b[0], b[1], b[2], b[3])


def ntop6(b):
    """inet_ntop6: lowercase hex, the longest run (first on a tie) of two
    or more zero groups as "::", and the dotted form of the last 4 bytes
    for ::a.b.c.d and ::ffff:a.b.c.d."""
    words = [(b[i] << 8) | b[i + 1] for i in range(0, 16, 2)]
    best_base, best_len = -1, 0
    cur_base, cur_len = -1, 0
    for i in range(8):
        if words[i] == 0:
            if cur_base == -1:
                cur_base, cur_len = i, 1
            else:
                cur_len += 1
        elif cur_base != -1:
            if best_base == -1 or cur_len > best_len:
                best_base, best_len = cur_base, cur_len
            cur_base = -1
    if cur_base != -1 and (best_base == -1 or cur_len > best_len):
        best_base, best_len = cur_base, cur_len
    if best_base != -1 and best_len < 2:
        best_base = -1
    out = ""
    for i in range(8):
        if best_base != -1 and best_base <= i < best_base + best_len:
            if i == best_base:
                out += ":"
            continue
        if i != 0:
            out += ":"
        if (i == 6 and best_base == 0 and
                (best_len == 6 or (best_len == 5 and words[5] == 0xFFFF))):
            out += ntop4(b[12:16])
            break
        out += "%x" % words[i]
    if best_base != -1 and best_base + best_len == 8:
        out += ":"
    return out


def c_atoi(s):
    """glibc atoi(s) == (int) strtol(s, NULL, 10): leading white space, an
    optional sign, decimal digits; strtol saturates at LONG_MIN/LONG_MAX
    (64-bit) and the cast to int keeps the low 32 bits, signed."""
    i = 0
    n = len(s)
    while i < n and s[i] in " \t\n\v\f\r":
        i += 1
    neg = False
    if i < n and s[i] in "+-":
        neg = s[i] == "-"
        i += 1
    v = 0
    while i < n and "0" <= s[i] <= "9":
        v = v * 10 + ord(s[i]) - 48
        i += 1
    v = -v if neg else v
    v = max(-(1 << 63), min((1 << 63) - 1, v))
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v & 0x80000000 else v

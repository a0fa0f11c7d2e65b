# SPDX-License-Identifier: MIT
"""ceph.conf and keyrings, from Ceph 16.2.15's source:

  common/ConfUtils.cc  IniGrammer (Boost.Spirit Qi), conf_line_t,
                       conf_section_t, ConfFile, normalize_key_name
  common/utf8.c        check_utf8
  auth/KeyRing.cc      decode_plaintext, set_modifier, print
  auth/Crypto.cc       CryptoKey::decode, _set_secret
  common/armor.c       ceph_unarmor, ceph_armor
  common/entity_name.cc, msg/msg_types.h  EntityName, entity types

Qi's rules: a rule declared with the skipper (key, values, key_val,
heading, section, conf_file) runs the skipper before each token it reads;
a rule without one (blanks, empty_line, text_char, comment) skips once
when called from a rule that has one, then not inside.  The skipper is
continue_marker ('\\' eol) | comment (*blank, '#' or ';', to the line
end).  eol is CRLF, CR or LF.  An expectation (a > b) that fails makes the
whole file an error.

Limits are m2's (ref/include/m2/limits.h); error tokens from errors.py.
"""

from .errors import Fail, BADVAL, LIMIT

TEXT_MAX = 16384
LINE_MAX = 4096
KEY_MAX = 256
VALUE_MAX = 4096
SECTION_MAX = 256
MAX_SECTIONS = 64
MAX_ENTRIES = 256
KR_MAX_ENTRIES = 16
KR_MAX_CAPS = 8
KR_SVC_MAX = 32
KEY_SECRET_MAX = 32
KEY_B64_MAX = 96

SPACE = b" \t\n\v\f\r"          # isspace, C locale


class _NoMatch(Exception):
    pass


class Strict(Fail):
    """Text Ceph reads and m2 refuses (the vector is acceptable)."""


def utf8_error(b):
    """check_utf8 as Ceph 16.2.15 behaves (ceph-conf -L): strict RFC 3629
    UTF-8; U+FFFE and U+FFFF are accepted.  Offset of the first bad
    sequence, or None."""
    i = 0
    while i < len(b):
        if b[i] < 0x80:
            i += 1
            continue
        for ln in (4, 3, 2):
            try:
                ch = b[i:i + ln].decode("utf-8")
            except UnicodeDecodeError:
                continue
            if len(ch) == 1:
                break
        else:
            return i
        i += ln
    return None


def normalize_key(k):
    """normalize_key_name: trim isspace, each inner run becomes '_'."""
    out = bytearray()
    pending = False
    for ch in k:
        if ch in SPACE:
            pending = True
            continue
        if pending and out:
            out += b"_"
        pending = False
        out.append(ch)
    return bytes(out)


class _Grammar:
    def __init__(self, b):
        self.b = b
        self.n = len(b)

    def eol(self, i):
        b = self.b
        if i >= self.n:
            return 0
        if b[i] == 0x0d:
            return 2 if i + 1 < self.n and b[i + 1] == 0x0a else 1
        return 1 if b[i] == 0x0a else 0

    def at(self, i):
        return self.b[i] if i < self.n else None

    def skip(self, i):
        while True:
            if self.at(i) == 0x5c and self.eol(i + 1):
                i += 1 + self.eol(i + 1)
                continue
            j = i
            while self.at(j) in (0x20, 0x09):
                j += 1
            if j < self.n and self.b[j] > 0x7f:
                # Qi's standard::isblank asserts 0 <= ch < 128 on a signed
                # char: ceph-conf 16.2.15 aborts here.
                raise Fail(BADVAL, f"the skipper meets byte {self.b[j]:#x} "
                           "at {j}: Ceph aborts")
            if self.at(j) in (0x23, 0x3b):
                while j < self.n and not self.eol(j):
                    j += 1
                i = j
                continue
            return i

    def text_char(self, i):
        """(char, width) or None; no skipping."""
        c = self.at(i)
        if c is None:
            return None
        if c == 0x5c and i + 1 < self.n and not self.eol(i + 1):
            return self.b[i + 1], 2
        if c in (0x23, 0x3b) or self.eol(i):
            return None
        return c, 1

    def blanks(self, i):
        i = self.skip(i)
        while self.at(i) in (0x20, 0x09):
            i += 1
        return i

    def empty_line(self, i):
        i = self.blanks(i)
        k = self.eol(i)
        return i + k if k else None

    def empty_lines(self, i, what):
        j = self.empty_line(i)
        if j is None:
            raise Fail(BADVAL, f"{what}: the line goes on at {i}")
        while j is not None:
            i = j
            j = self.empty_line(i)
        return i

    def word(self, i):
        """+(text_char - char_("=[ ")); returns end or None."""
        got = False
        while True:
            j = self.skip(i)
            if self.at(j) in (0x3d, 0x5b, 0x20):
                return i if got else None
            t = self.text_char(j)
            if t is None:
                return j if got else None
            i = j + t[1]
            got = True

    def sep(self, i):
        j = self.skip(i)
        if self.at(j) not in (0x20, 0x09):
            return None
        i = j + 1
        while True:
            j = self.skip(i)
            if self.at(j) not in (0x20, 0x09):
                return j
            i = j + 1

    def key(self, i):
        start = self.skip(i)
        end = self.word(start)
        if end is None:
            raise _NoMatch()
        while True:
            j = self.sep(end)
            if j is None:
                break
            e2 = self.word(j)
            if e2 is None:
                break
            end = e2
        raw = self.b[start:end]
        k = normalize_key(raw)
        return k, b"\\" in raw, end

    def value(self, i):
        i = self.skip(i)
        out = bytearray()
        q = self.at(i)
        if q in (0x22, 0x27):
            i += 1
            while self.at(i) != q:
                t = self.text_char(i)
                if t is None:
                    raise Fail(BADVAL, f"no closing quote at {i}")
                out.append(t[0])
                i += t[1]
            i += 1
        else:
            while True:
                i = self.skip(i)
                t = self.text_char(i)
                if t is None:
                    break
                out.append(t[0])
                i += t[1]
        v = bytes(out).strip(SPACE)
        if len(v) > VALUE_MAX:
            raise Fail(LIMIT, "value too long")
        return v, i

    def key_val(self, i):
        """(key, value, end); _NoMatch before the '='."""
        i = self.blanks(i)
        k, escaped, i = self.key(i)
        i = self.skip(self.blanks(i))
        if self.at(i) != 0x3d:
            raise _NoMatch()
        if escaped:
            # Ceph keeps such a key raw (escapes and continuations as
            # written); m2 refuses it.
            raise Strict(BADVAL, f"key {k!r} holds '\\'")
        if not k:
            raise Strict(BADVAL, "key of whitespace only")
        if len(k) > KEY_MAX:
            raise Fail(LIMIT, "key too long")
        i = self.blanks(i + 1)
        v, i = self.value(i)
        i = self.empty_lines(i, "key = value")
        return k, v, i

    def heading(self, i):
        i = self.skip(i)
        if self.at(i) != 0x5b:
            raise _NoMatch()
        i += 1
        name = bytearray()
        while True:
            j = self.skip(i)
            if self.at(j) == 0x5d:
                break
            t = self.text_char(j)
            if t is None:
                i = j
                break
            name.append(t[0])
            i = j + t[1]
        if not name:
            raise Fail(BADVAL, "empty section name")
        if len(name) > SECTION_MAX:
            raise Fail(LIMIT, "section name too long")
        i = self.skip(i)
        if self.at(i) != 0x5d:
            raise Fail(BADVAL, "no ']'")
        return bytes(name), self.empty_lines(i + 1, "[section]")

    def eols(self, i):
        while True:
            j = self.skip(i)
            k = self.eol(j)
            if not k:
                return i
            i = j + k


class Conf:
    """{section: {key: value}} as ConfFile holds it (bytes)."""

    def __init__(self):
        self.sections = {}

    def add(self, sec, key=None, val=None):
        if sec not in self.sections:
            if len(self.sections) == MAX_SECTIONS:
                raise Fail(LIMIT, "too many sections")
            self.sections[sec] = {}
        if key is not None:
            if key not in self.sections[sec] and \
                    sum(len(s) for s in self.sections.values()) == \
                    MAX_ENTRIES:
                raise Fail(LIMIT, "too many entries")
            self.sections[sec][key] = val

    def items(self):
        for s in sorted(self.sections):
            yield s, sorted(self.sections[s].items())

    def dump(self):
        parts = []
        for s, kv in self.items():
            parts.append("[" + _esc(s) + "]")
            for k, v in kv:
                parts.append(_esc(k) + '="' + _esc(v) + '"')
        return " ".join(parts)

    def encode(self):
        out = []
        for s, kv in self.items():
            out.append("[" + _besc(s, b"]\\#;") + "]\n")
            for k, v in kv:
                out.append("\t" + k.decode() + ' = "' +
                           _besc(v, b'"\\#;') + '"\n')
        return "".join(out)

    def get(self, sections, name):
        k = normalize_key(name.encode())
        for s in sections:
            v = self.sections.get(s.encode(), {}).get(k)
            if v is not None:
                return v
        return None


def _esc(b):
    out = []
    for ch in b.decode("utf-8", "surrogateescape"):
        o = ord(ch)
        if o < 0x20 or o == 0x7f:
            out.append(f"\\x{o:02x}")
        elif ch in '\\"]=':
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _besc(b, special):
    out = bytearray()
    for c in b:
        if c in special:
            out.append(0x5c)
        out.append(c)
    return out.decode()


def parse_conf(text):
    """ConfFile::parse_buffer on |text| (str or bytes) -> Conf."""
    b = text.encode() if isinstance(text, str) else text
    if len(b) > TEXT_MAX:
        raise Fail(LIMIT, "text too long")
    if 0 in b:
        raise Strict(BADVAL, "NUL byte (m2 refuses; Ceph reads it)")
    for line in b.replace(b"\r", b"\n").split(b"\n"):
        if len(line) > LINE_MAX:
            raise Fail(LIMIT, "line too long")
    if utf8_error(b) is not None:
        raise Fail(BADVAL, "invalid UTF-8")
    g = _Grammar(b)
    cf = Conf()
    # conf_file = (key_val | (*eol >> *section)) > eoi
    try:
        k, v, i = g.key_val(0)
        cf.add(b"global", k, v)     # a file of one bare line: [global]
    except _NoMatch:
        i = g.eols(0)
        while True:
            try:
                name, i = g.heading(i)
            except _NoMatch:
                break
            cf.add(name)
            while True:
                j = g.skip(i)
                if g.at(j) == 0x5b:
                    break
                try:
                    k, v, i = g.key_val(i)
                except _NoMatch:
                    break
                cf.add(name, k, v)
            i = g.eols(i)
    if g.skip(i) != g.n:
        raise Fail(BADVAL, f"a line Ceph's grammar refuses at {g.skip(i)}")
    return cf


# --- metavariables (config.cc md_config_t::_expand_meta) ----------------

VAR_CHARS = "abcdefghijklmnopqrstuvwxyz_"


def expand(s, meta):
    """|meta|: dict of cluster, type, id, name, host, pid, home."""
    out = ""
    pos = s.find("$")
    last = 0
    while pos != -1:
        out += s[last:pos]
        var = ""
        end = pos + 1
        if s[pos + 1:pos + 2] == "{":
            end = pos + 2
            while end < len(s) and s[end] in VAR_CHARS:
                end += 1
            if end < len(s) and s[end] == "}":
                var = s[pos + 2:end]
                end += 1
            elif end == len(s):
                end = None
        else:
            while end < len(s) and s[end] in VAR_CHARS:
                end += 1
            var = s[pos + 1:end]
        last = end
        if not var:
            out += "$"
        elif var in ("type", "cluster", "name", "host", "pid"):
            out += meta.get(var) or ""
        elif var in ("num", "id"):
            out += meta.get("id") or ""
        elif var == "home":
            out = meta.get("home") or ""
        else:
            out += s[pos:end if end is not None else len(s)]
        if last is None:
            return out
        pos = s.find("$", last)
    return out + s[last:]


# --- keyrings ------------------------------------------------------------

ENTITY_TYPES = {"mon": 0x01, "mds": 0x02, "osd": 0x04, "client": 0x08,
                "mgr": 0x10, "auth": 0x20}
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def unarmor(t):
    """ceph_unarmor."""
    def bits(c):
        if c == "-":
            return 62
        if c == "_":
            return 63
        if c == "=":
            return 0
        return B64.find(c)
    out = bytearray()
    i = 0
    while i < len(t):
        if t[i] == "\n":
            i += 1
            continue
        if i + 4 > len(t):
            raise Fail(BADVAL, "base64: a short group")
        a, b, c, d = (bits(x) for x in t[i:i + 4])
        if min(a, b, c, d) < 0:
            raise Fail(BADVAL, "base64: a bad character")
        if len(out) + 3 > KEY_B64_MAX:
            raise Fail(LIMIT, "key text too long")
        out.append(((a << 2) | (b >> 4)) & 0xff)
        if t[i + 2] == "=":
            return bytes(out)
        out.append(((b & 15) << 4 | (c >> 2)) & 0xff)
        if t[i + 3] == "=":
            return bytes(out)
        out.append(((c & 3) << 6 | d) & 0xff)
        i += 4
    return bytes(out)


def armor(b):
    out = []
    for i in range(0, len(b), 3):
        chunk = b[i:i + 3]
        v = int.from_bytes(chunk.ljust(3, b"\0"), "big")
        q = [B64[v >> 18], B64[(v >> 12) & 63], B64[(v >> 6) & 63],
             B64[v & 63]]
        if len(chunk) < 3:
            q[3] = "="
        if len(chunk) < 2:
            q[2] = "="
        out.append("".join(q))
    return "".join(out)


def cryptokey(text):
    """CryptoKey::decode_base64 -> (type, sec, nsec, secret)."""
    raw = unarmor(text)
    if len(raw) < 12:
        raise Fail(BADVAL, "key shorter than its header")
    typ = int.from_bytes(raw[0:2], "little")
    sec = int.from_bytes(raw[2:6], "little")
    nsec = int.from_bytes(raw[6:10], "little")
    ln = int.from_bytes(raw[10:12], "little")
    if ln > KEY_SECRET_MAX:
        raise Fail(LIMIT, "secret longer than m2 keeps")
    if len(raw) - 12 < ln:
        raise Fail(BADVAL, "secret cut short")
    secret = raw[12:12 + ln]
    if ln and not (typ == 0 or (typ == 1 and ln >= 16)):
        raise Fail(BADVAL, f"key type {typ} with {ln} bytes")
    return typ, sec, nsec, secret


def key_text(k):
    typ, sec, nsec, secret = k
    return armor(typ.to_bytes(2, "little") + sec.to_bytes(4, "little") +
                 nsec.to_bytes(4, "little") + len(secret).to_bytes(2, "little")
                 + secret)


class Keyring:
    def __init__(self):
        self.ents = {}          # (type number, id bytes) -> [key, caps]

    def print(self):
        out = []
        for (t, ident), (key, caps) in sorted(self.ents.items()):
            tn = [n for n, v in ENTITY_TYPES.items() if v == t][0]
            out.append(f"[{tn}.{ident.decode()}]\n\tkey = {key_text(key)}\n")
            for svc in sorted(caps):
                v = caps[svc].decode().replace('"', '\\"')
                out.append(f"\tcaps {svc.decode()} = \"{v}\"\n")
        return "".join(out)


def parse_keyring(text):
    cf = parse_conf(text)
    kr = Keyring()
    for name, kv in cf.items():
        if name == b"global":
            continue
        dot = name.find(b".")
        tn = name[:dot].decode() if dot >= 0 else None
        if tn not in ENTITY_TYPES:
            raise Fail(BADVAL, f"bad entity name {name!r}")
        if any(c in name for c in b"]\\#;"):
            # KeyRing::print writes the name bare: Ceph could not read
            # its own output back.
            raise Strict(BADVAL, f"entity name {name!r}")
        key = (0, 0, 0, b"")
        caps = {}
        added = False
        for k, v in kv:
            k = k.replace(b"_", b" ")
            if k == b"key":
                key = cryptokey(v.decode())
                added = True
            elif k.startswith(b"caps ") and len(k) > 5:
                if len(k) - 5 > KR_SVC_MAX:
                    raise Fail(LIMIT, "caps service name too long")
                if len(caps) == KR_MAX_CAPS:
                    raise Fail(LIMIT, "too many caps")
                svc = k[5:]
                if svc.startswith(b" ") or svc.endswith(b" ") or \
                        b"  " in svc:
                    # print writes "caps SVC = ": it would not read back.
                    raise Strict(BADVAL, f"caps service {svc!r}")
                if any(c in v for c in b"\\#;"):
                    # print quotes it, escaping only '"'.
                    raise Strict(BADVAL, f"caps {v!r}")
                caps[k[5:]] = v
                added = True
            elif k == b"auid":
                pass
            else:
                raise Fail(BADVAL, f"unknown keyring key {k!r}")
        if added:
            if len(kr.ents) == KR_MAX_ENTRIES:
                raise Fail(LIMIT, "too many entities")
            kr.ents[(ENTITY_TYPES[tn], name[dot + 1:])] = (key, caps)
    return kr

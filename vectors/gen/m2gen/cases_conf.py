# SPDX-License-Identifier: MIT
"""Cases for ceph_conf and keyring (conf.py).  Tests flagged Oracle were
run through Ceph 16.2.15's own tools by oracles.py: ceph-conf for conf
text, ceph-authtool -l for keyrings."""

from .conf import key_text
from .errors import BADVAL, LIMIT
from .vec import VecFile

S_CONF = "hand: ConfUtils.cc IniGrammer, ConfFile::parse_buffer"
S_KEYRING = "hand: KeyRing.cc KeyRing::decode_plaintext, KeyRing::print"
CEPH_CONF = ("; confirmed with ceph-conf 16.2.15 -c FILE -L (sections, or "
             "the parse error) and -l SECTION --filter-key-value KEY=VALUE "
             "per entry")
AUTHTOOL = "; confirmed with ceph-authtool 16.2.15 FILE -l"

FSID = "2f1e5bd3-6c2a-4a53-9c39-0d9a1b6c2f11"

REALMON = f"""# written by ci/realmon.sh
[global]
fsid = {FSID}
mon_host = [v2:127.0.0.1:14300,v1:127.0.0.1:14789]
mon_initial_members = a
auth_cluster_required = cephx
auth_service_required = cephx
auth_client_required = cephx
ms_bind_msgr1 = true
ms_bind_msgr2 = true
ms_client_mode = crc secure
ms_mon_client_mode = secure crc
keyring = /tmp/m2/keyring
admin_socket = /tmp/m2/run/\\$cluster-\\$name.asok
log_file = /tmp/m2/log/$cluster-$name.log

[mon]

[mon.a]
public_addrv = [v2:127.0.0.1:14300,v1:127.0.0.1:14789]
"""


def conf_file():
    f = VecFile(
        "ceph_conf",
        "ceph.conf text as Ceph 16.2.15's ConfFile::parse_buffer reads it "
        "(the Boost.Spirit grammar of ConfUtils.cc): [section] headings, "
        "key = value lines, '#' and ';' comments, \"...\" and '...' values, "
        "'\\' escapes, '\\' line continuations in bare values.  Keys are "
        "normalized (whitespace runs become '_'; dashes stay), the last "
        "line of a key wins, repeated sections merge, values are trimmed.  "
        "The dump lists sections in byte order, each as [name] followed by "
        "key=\"value\" per key in byte order, one space apart; '\\', '\"', "
        "']' and '=' are written with a '\\' before them and control bytes "
        "as \\xHH.  Any line the grammar refuses makes the whole file an "
        "error, as Ceph refuses to start on it.  m2 also refuses (Ceph "
        "reads them: result acceptable) keys holding '\\', '#' or ';' and "
        "NUL bytes, and enforces M2_CONF_* caps (text 16384 bytes, line "
        "4096, key 256, value 4096, section name 256, 64 sections, 256 "
        "entries).  Inputs are JSON text, so invalid UTF-8 (which Ceph "
        "refuses) is tested in ref/tests/t_conf.c.  No `output`: a "
        "checker re-encodes and reads back.", encoding="text")
    g = f.group()
    ok = [
        (REALMON, "the ceph.conf ci/realmon.sh writes (with $ metavariables, "
         "one escaped, and empty sections)", []),
        ("[global]\nmon host = 127.0.0.1\n", "'mon host' is stored as "
         "mon_host", []),
        ("[global]\n\tmon  \t host\t=\t1.2.3.4\t\n", "tabs and runs of "
         "blanks in a key become one '_', around the '=' they vanish", []),
        ("[global]\nmon-host = 1.2.3.4\nmon_host = 5.6.7.8\n",
         "mon-host and mon_host are two keys: Ceph 16 does not treat dashes "
         "as underscores in a file (only the command line does)",
         ["CephQuirk"]),
        ("# a comment\n; another\n\n[global]\n# inside\nfoo = bar # "
         "trailing\nbaz = qux ; trailing\n", "'#' and ';' comments, whole "
         "lines and trailing", []),
        ("[global]\nfoo = x#y\nbar = x;y\n", "a '#' or ';' ends a bare "
         "value even without a blank before it", ["CephQuirk"]),
        ("[global]\nfoo = a\\#b\\;c\n", "escaped '#' and ';' in a bare "
         "value", []),
        ("[global]\nfoo = a\\tb\\\\c\\nd\n", "'\\' keeps the next "
         "character as it is: \\t is 't', \\n is 'n'", ["CephQuirk"]),
        ("[global]\nfoo = \"a b\"   # c\nbar = 'x y'\n", "double and single "
         "quotes, a comment after the closing quote", []),
        ("[global]\nfoo = \"  padded  \"\n", "a quoted value is trimmed "
         "too: quotes do not keep blanks", ["CephQuirk"]),
        ("[global]\nfoo = \"a\\\"b\"\nbar = 'a\"b'\nbaz = \"a'b\"\n",
         "quotes inside quotes: escaped, or the other kind", []),
        ("[global]\nfoo = \"a \\# b\"\n", "an escaped '#' inside quotes",
         []),
        ("[global]\nfoo = a\"b\"\n", "quotes not at the start of the value "
         "are kept", []),
        ("[global]\nfoo = a b=c  d\n", "'=' and blank runs inside a value "
         "are kept", []),
        ("[global]\nfoo = one\\\ntwo\n", "a '\\' at the line end joins the "
         "next line, with nothing between", []),
        ("[global]\nfoo = one \\\n  two\n", "a joined line keeps its "
         "leading blanks", []),
        ("[global]\nfoo = one\\\n\nbar = x\n", "a '\\' before an empty line "
         "just ends the value", []),
        ("[global]\nfoo = one\\\n# c\nbar = x\n", "a '\\' before a comment "
         "line ends the value", []),
        ("[global]\nfoo = 1\nfoo = 2\n", "a repeated key: the last wins",
         []),
        ("[global]\nfoo = 1\n[client]\nbar = 2\n[global]\nfoo = 3\n"
         "baz = 4\n", "a repeated section merges, its later lines win",
         []),
        ("[global]\nfoo =\nbar = # only a comment\nbaz = \"\"\n",
         "empty values", []),
        ("[client.rgw.my host]\nfoo = 1\n[ global ]\nbar = 2\n",
         "section names keep dots, inner and outer blanks", ["CephQuirk"]),
        ("[glo\\]bal]\nfoo = 1\n", "an escaped ']' in a section name", []),
        ("[a[b]\nfoo = 1\n", "a '[' inside a section name", []),
        ("[global]\r\nfoo = bar\r\n\r\n[client]\r\nbaz = 1\r\n",
         "CRLF line ends", []),
        ("[global]\rfoo = bar\rbaz = 1\r", "CR alone ends a line (qi::eol)",
         ["CephQuirk"]),
        ("foo = bar\n", "a file of one bare line: Ceph puts it in [global]",
         ["CephQuirk"]),
        ("foo = bar\n\n# c\n", "one bare line, then blank and comment lines",
         ["CephQuirk"]),
        ("", "an empty file: no sections", []),
        ("# only\n; comments\n\n", "only comments and empty lines", []),
        ("\n\n[global]\n", "empty lines before the first section, and an "
         "empty section", []),
        ("[global]\n\n   \n\t\nfoo = 1\n   \n[client]\n", "blank-only lines "
         "inside sections", []),
        ("[global]\nfoo = \"caf\u00e9 \u2603\"\n", "UTF-8 in a quoted value",
         []),
        ("# caf\u00e9\n[global]\nfoo = 1 ; \u2603\n", "UTF-8 in comments",
         []),
        ("[global]\nkey.with/odd:chars = v\n", "a key with '.', '/' and "
         "':'", []),
        ("[global]\nfoo = \\\n\n", "a value that is only a '\\' before "
         "an empty line: empty", []),
        ("[global]\n  foo = 1\n\tbar = 2\n", "indented keys", []),
    ]
    for text, comment, flags in ok:
        g.add(comment, text, S_CONF + CEPH_CONF, flags=["Oracle"] + flags)
    bad = [
        ("[global]\nfoo = bar", "no line end after the last value: Ceph "
         "refuses the file", BADVAL, ["CephQuirk"]),
        ("[global]", "no line end after the only heading", BADVAL,
         ["CephQuirk"]),
        ("[global]\ngarbage line\n", "a line without '='", BADVAL, []),
        ("[global]\nfoo\n", "a key without '='", BADVAL, []),
        ("  \n[global]\nfoo = 1\n", "a blank-only line before the first "
         "section", BADVAL, ["CephQuirk"]),
        ("[global]\nfoo = 1\n  [client]\nbar = 2\n", "an indented heading",
         BADVAL, ["CephQuirk"]),
        ("foo = 1\nbar = 2\n", "two bare lines before any section", BADVAL,
         ["CephQuirk"]),
        ("foo = 1\n[global]\nbar = 2\n", "a bare line, then a section",
         BADVAL, ["CephQuirk"]),
        ("[]\nfoo = 1\n", "an empty section name", BADVAL, []),
        ("[a#b]\nfoo = 1\n", "'#' in a section name starts a comment: no "
         "']'", BADVAL, []),
        ("[global\nfoo = 1\n", "no ']'", BADVAL, []),
        ("[global] x\nfoo = 1\n", "text after the heading", BADVAL, []),
        ("[global]\nfoo = \"abc\n", "no closing quote", BADVAL, []),
        ("[global]\nfoo = \"a # b\"\n", "an unescaped '#' inside quotes",
         BADVAL, ["CephQuirk"]),
        ("[global]\nfoo = \"a ; b\"\n", "an unescaped ';' inside quotes",
         BADVAL, ["CephQuirk"]),
        ("[global]\nfoo = \"a\\\nb\"\n", "a continuation inside quotes",
         BADVAL, []),
        ("[global]\nfoo = \"a\"b\n", "text after the closing quote", BADVAL,
         []),
        ("[global]\n= x\n", "no key", BADVAL, []),
        ("[global]\nfoo = bar\\\n", "a continuation at the end of the file",
         BADVAL, []),
        ("[global]\nfo[o = bar\n", "'[' in a key", BADVAL, []),
        ("[global]\nfoo # c = bar\n", "a comment before the '='", BADVAL,
         []),
        ("[global]\nfoo = caf\u00e9\n", "UTF-8 in a bare value: ceph-conf "
         "aborts (Spirit's isblank asserts on a byte over 0x7f)", BADVAL,
         ["CephAborts", "CephQuirk"]),
        ("[global]\ncaf\u00e9 = 1\n", "UTF-8 in a key: Ceph aborts", BADVAL,
         ["CephAborts"]),
        ("[caf\u00e9]\nfoo = 1\n", "UTF-8 in a section name: Ceph aborts",
         BADVAL, ["CephAborts"]),
        ("[global]\nfoo = \"x\"\u00e9\n", "UTF-8 after a closing quote: "
         "Ceph aborts", BADVAL, ["CephAborts"]),
    ]
    for text, comment, err, flags in bad:
        g.add(comment, text, S_CONF + CEPH_CONF, "invalid", err,
              flags=["Oracle"] + flags)
    acc = [
        ("[global]\nc\\=x = d\n", "an escaped '=' in a key: Ceph keeps the "
         "key raw, 'c\\=x'; m2 refuses keys holding '\\'", BADVAL),
        ("[global]\nkey\\\n  x = v\n", "a continuation inside a key: Ceph's "
         "key is 'key\\_x'; m2 refuses it", BADVAL),
    ]
    for text, comment, err in acc:
        g.add(comment, text, S_CONF + CEPH_CONF, "acceptable", err,
              flags=["Oracle", "CephQuirk"])
    sec = "".join(f"[s{i:02d}]\n" for i in range(64))
    g.add("64 sections: at M2_MAX_CONF_SECTIONS", sec, S_CONF, flags=["Limit"])
    g.add("65 sections: over M2_MAX_CONF_SECTIONS (Ceph has no cap)",
          sec + "[s64]\n", S_CONF + CEPH_CONF, "acceptable", LIMIT,
          flags=["Limit", "Oracle"])
    ent = "[g]\n" + "".join(f"k{i:03d} = {i}\n" for i in range(256))
    g.add("256 keys: at M2_MAX_CONF_ENTRIES", ent, S_CONF, flags=["Limit"])
    g.add("257 keys: over M2_MAX_CONF_ENTRIES", ent + "k256 = 256\n",
          S_CONF + CEPH_CONF, "acceptable", LIMIT, flags=["Limit", "Oracle"])
    g.add("a 256-byte key: at M2_CONF_KEY_MAX",
          "[g]\n" + "k" * 256 + " = 1\n", S_CONF, flags=["Limit"])
    g.add("a 257-byte key", "[g]\n" + "k" * 257 + " = 1\n",
          S_CONF + CEPH_CONF, "acceptable", LIMIT, flags=["Limit", "Oracle"])
    g.add("a 4096-byte value: at M2_CONF_VALUE_MAX",
          "[g]\nk = " + "v" * 2048 + "\\\n" + "v" * 2048 + "\n", S_CONF,
          flags=["Limit"])
    g.add("a 4097-byte value", "[g]\nk = " + "v" * 2048 + "\\\n" +
          "v" * 2049 + "\n", S_CONF, "acceptable", LIMIT, flags=["Limit"])
    g.add("a 4097-byte line: over M2_CONF_LINE_MAX",
          "[g]\nk = " + "v" * 4093 + "\n", S_CONF, "acceptable", LIMIT,
          flags=["Limit"])
    g.add("a 256-byte section name: at M2_CONF_SECTION_MAX",
          "[" + "s" * 256 + "]\n", S_CONF, flags=["Limit"])
    g.add("a 257-byte section name", "[" + "s" * 257 + "]\n", S_CONF,
          "acceptable", LIMIT, flags=["Limit"])
    g.add("16385 bytes of text: over M2_CONF_TEXT_MAX",
          "[g]\n" + ("#" + "y" * 4000 + "\n") * 4 + "#" + "z" * 371 + "\n",
          S_CONF, "acceptable", LIMIT, flags=["Limit"])
    return f


def _k(typ, sec, nsec, secret):
    return key_text((typ, sec, nsec, secret))


AES16 = bytes(range(16))
K1 = _k(1, 1700000000, 123456789, AES16)
K2 = _k(1, 1700000001, 0, bytes(range(16, 32)))
# ceph-authtool 16.2.15 --create-keyring k --gen-key -n client.admin
#   --cap mon 'allow *' --cap osd 'allow rw pool=x'
AUTHTOOL_MADE = ("[client.admin]\n"
                 "\tkey = AQDknQZrc4fQLBAAKmjLie3HXN3VhUtQrJ4+2A==\n"
                 "\tcaps mon = \"allow *\"\n"
                 "\tcaps osd = \"allow rw pool=x\"\n")


def keyring_file():
    f = VecFile(
        "keyring",
        "Keyring text as KeyRing::decode_plaintext reads it (conf text "
        "as in ceph_conf; [global] skipped; every other section an entity "
        "name type.id; keys, with '_' read as ' ': key (a CryptoKey in "
        "base64: le16 type, le32 sec, le32 nsec, le16 len, secret), caps "
        "<service>, auid (ignored); anything else refuses the keyring).  "
        "The dump, and the re-encoding, is the text KeyRing::print "
        "writes (what ceph-authtool -l prints): entities sorted by type "
        "(mon, mds, osd, client, mgr, auth) then id, caps by service, '\"' "
        "in caps written \\\".  An entity with caps and no key prints the "
        "empty CryptoKey.  Keys as Ceph 16 accepts them: type 0 (none), or "
        "1 (AES) with at least 16 secret bytes, or an empty secret; Ceph "
        "19's type 2 (AES-256) is refused, as Ceph 16 does.  m2 keeps at "
        "most 32 secret bytes, 16 entities, 8 caps each.", encoding="text")
    g = f.group()
    ok = [
        (AUTHTOOL_MADE, "a keyring ceph-authtool wrote (--create-keyring "
         "--gen-key -n client.admin --cap mon 'allow *' --cap osd "
         "'allow rw pool=x')", [], "ceph-authtool 16.2.15 --create-keyring "
         "--gen-key" + AUTHTOOL),
        (f"[client.admin]\nkey = {K1}\n", "one key, no caps, not indented",
         [], None),
        (f"[osd.1]\n\tkey = {K1}\n[mon.]\n\tkey = {K2}\n"
         f"[client.b]\n\tkey = {K1}\n[mds.q]\n\tkey = {K2}\n"
         f"[auth.z]\n\tkey = {K1}\n[mgr.x]\n\tkey = {K2}\n",
         "entities print by type number (mon, mds, osd, client, mgr, auth), "
         "not by name", ["CephQuirk"], None),
        (f"[client.b]\ncaps mon = \"allow *\"\n",
         "caps and no key: the empty CryptoKey is printed",
         ["CephQuirk"], None),
        (f"[client.a]\nkey = {K1}\ncaps_mon = \"allow r\"\n"
         f"caps   osd = allow rw\nauid = 5\n",
         "caps_mon and 'caps   osd' both name a service; auid is ignored",
         [], None),
        (f"[client.a]\nkey = {K1}\ncaps mon_x = a\"b\n",
         "'_' in a service name is read as ' '; '\"' in caps printed \\\"",
         ["CephQuirk"], None),
        (f"[mgr.x]\nauid = 5\n[client.a]\nkey = {K1}\n",
         "a section with only auid adds no entity", [], None),
        (f"[global]\nfoo = bar\n[client.a]\nkey = {K1}\n",
         "[global] is skipped, whatever it holds", [], None),
        (f"key = {K1}\n", "a bare key line is [global]: an empty keyring",
         ["CephQuirk"], None),
        ("", "an empty keyring", [], None),
        (f"[client.a]\nkey = {K1}garbage\n", "text after the base64 padding "
         "is ignored (ceph_unarmor stops at '=')", ["CephQuirk"], None),
        (f"[client.a]\nkey = {K1.replace('+', '-').replace('/', '_')}\n",
         "'-' and '_' read as '+' and '/'", ["CephQuirk"], None),
        (f"[client.a]\nkey = {_k(0, 0, 0, b'abc')}\n", "type 0 (none) with "
         "a 3-byte secret", [], None),
        (f"[client.a]\nkey = {_k(1, 5, 6, bytes(32))}\n", "type 1 with 32 "
         "bytes: Ceph 16 accepts 16 or more", [], None),
        (f"[client.a]\nkey = {_k(7, 5, 6, b'')}\n", "an unknown type with "
         "an empty secret is accepted", ["CephQuirk"], None),
        (f"[mon.]\nkey = {K1}\n[client.rgw.a.b]\nkey = {K2}\n",
         "an empty id (mon.), and an id with dots", [], None),
    ]
    for text, comment, flags, src in ok:
        g.add(comment, text, src or (S_KEYRING + AUTHTOOL),
              flags=["Oracle"] + flags)
    bad = [
        (f"[client]\nkey = {K1}\n", "a section that is not type.id"),
        (f"[foo.bar]\nkey = {K1}\n", "an unknown entity type"),
        (f"[client.a]\nfoo = {K1}\n", "an unknown key"),
        (f"[client.a]\nKey = {K1}\n", "keys are case-sensitive"),
        (f"[client.a]\ncaps = x\n", "caps without a service"),
        ("[client.a]\nkey =\n", "an empty key"),
        ("[client.a]\nkey = AQBs\n", "a key shorter than a CryptoKey"),
        ("[client.a]\nkey = AQBsemJk*AAAABAA\n", "a character outside "
         "base64"),
        ("[client.a]\nkey = AQBsemJkAAAAABAAmBRC9Wno5GFbkjr/j5Tt+==\n",
         "the secret is cut short"),
        (f"[client.a]\nkey = {_k(2, 5, 6, bytes(32))}\n", "type 2 "
         "(AES-256-KRB5, Ceph 19+): Ceph 16 has no such type"),
        (f"[client.a]\nkey = {_k(1, 5, 6, bytes(8))}\n", "AES with 8 "
         "bytes: under 16"),
        (f"[client.a]\nkey = {K1}\n[client.b]\nkey = x\n", "one bad key "
         "refuses the whole keyring"),
        ("[client.a]\nkey = " + K1, "no line end at the end"),
    ]
    for text, comment in bad:
        g.add(comment, text, S_KEYRING + AUTHTOOL, "invalid", BADVAL,
              flags=["Oracle"])
    for text, comment in [
        (f"[client.a]\nkey = {K1}\ncaps mon = \"allow \\# x\"\n",
         "a '#' in caps: Ceph reads it, but KeyRing::print writes it "
         "unescaped inside quotes, which Ceph cannot read back; m2 refuses"),
        (f"[client.a]\nkey = {K1}\ncaps mon_ = x\n", "caps_mon_ names "
         "service 'mon ', which print writes as 'caps mon  =', read back "
         "as 'mon'; m2 refuses"),
        (f"[client.a\\]b]\nkey = {K1}\n", "a ']' in an entity name: "
         "Ceph reads it, its print cannot be read back; m2 refuses"),
    ]:
        g.add(comment, text, S_KEYRING + AUTHTOOL, "acceptable", BADVAL,
              flags=["CephQuirk", "Oracle"])
    g.add("a 33-byte AES secret: over M2_KEY_SECRET_MAX (Ceph accepts)",
          f"[client.a]\nkey = {_k(1, 5, 6, bytes(33))}\n",
          S_KEYRING + AUTHTOOL, "acceptable", LIMIT,
          flags=["Limit", "Oracle"])
    many = "".join(f"[client.c{i:02d}]\nkey = {K1}\n" for i in range(16))
    g.add("16 entities: at M2_MAX_KEYRING_ENTRIES", many, S_KEYRING,
          flags=["Limit"])
    g.add("17 entities", many + f"[client.c16]\nkey = {K1}\n",
          S_KEYRING + AUTHTOOL, "acceptable", LIMIT,
          flags=["Limit", "Oracle"])
    caps = "".join(f"caps s{i} = x\n" for i in range(8))
    g.add("8 caps: at M2_MAX_KEYRING_CAPS", "[client.a]\n" + caps,
          S_KEYRING, flags=["Limit"])
    g.add("9 caps", "[client.a]\n" + caps + "caps s8 = x\n", S_KEYRING,
          "acceptable", LIMIT, flags=["Limit"])
    return f


def conf_files():
    return [conf_file(), keyring_file()]

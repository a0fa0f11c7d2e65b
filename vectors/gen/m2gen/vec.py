# SPDX-License-Identifier: MIT
"""Building vector files: every test is run through this package's own
decoder, which decides result, dump, output and error; the case tables
state what they intend and build() checks that both agree."""

import json

from . import addr as A
from . import banner, cephx, conf, crypto, frames, mon, monhost, msgs, preamble, \
    transcript
from .crc32c import crc32c
from .errors import Fail, BADVAL, LIMIT, TRAILING
from .wire import Reader

SCHEMA_ID = "m2-vectors/1"

FLAG_NOTES = {
    "Aborted": "A frame whose sender aborted it (late_flags bit 0, or "
               "late_status 0x1): valid, the receiver drops it.",
    "AeadTag": "A GCM tag or ciphertext byte was changed: the tag check "
               "fails.",
    "BadCrc": "A crc32c on the wire does not match the bytes it covers.",
    "BadSignature": "An AUTH_SIGNATURE that is not the HMAC-SHA256 of "
                    "what its sender received (or the wrong session key "
                    "was given).",
    "Capture": "Bytes a real Ceph 16.2.15 daemon sent (vectors/captures, "
               "/work/shared/REAL-CEPH.md).",
    "CephAborts": "Ceph userspace hits a ceph_assert (the daemon aborts) "
                  "on this input; m2 rejects it.",
    "CephAccepts": "Ceph decodes this (a map or set naming a key twice: "
                   "std::map keeps the last value); m2 refuses it with "
                   "M2_E_BADVAL, so the test is acceptable.",
    "CephQuirk": "Ceph's behaviour here is surprising; the comment says "
                 "what Ceph does and why.",
    "KnownAnswer": "A value stated in Ceph's own tests.",
    "Legacy": "An entity_addr_t in the legacy (marker 0, 136-byte) form.",
    "Limit": "A length or count at or over an m2 cap "
             "(ref/include/m2/limits.h); Ceph itself has no cap here.",
    "Matrix": "One of the 32 segment-size combinations of Ceph's "
              "src/test/msgr/test_frames_v2.cc round_trip_instances "
              "(segment 0 of 0, 1, 48 or 49 bytes, front 0 or 101, middle 0 "
              "or 202, data 0 or 303), with the byte pattern of the file's "
              "notes.",
    "NonCanonical": "Valid, but not the canonical encoding: `output` "
                    "holds what m2 writes back.",
    "Nonce": "Exercises the GCM nonce sequence (roles, frame index, "
             "counter wrap).",
    "Oracle": "Confirmed by running a Ceph 16.2.15 tool on this input "
              "(the source says which and how).",
    "Padding": "Secure-mode padding or fill bytes that are not zero: Ceph "
               "drops them unchecked (unpad_zero).",
    "Synthetic": "A whole session built by vectors/gen (m2gen's frame, "
                 "payload and AES-GCM code) with the fixed session key "
                 "and connection secret of the group's params: no Ceph "
                 "peer was involved.",
    "Transcript": "A whole session between an m2 tool and a real Ceph "
                  "16.2.15 daemon, which accepted every byte "
                  "(vectors/transcripts/).",
    "Trailing": "Bytes follow the last field: Ceph ignores them, a strict "
                "parser reports M2_E_TRAILING.",
    "Truncated": "The input stops inside a field or a frame.",
}


def _tohex(b):
    return bytes(b).hex()


def evaluate(codec, inp, params):
    """Run this package's decoder for |codec|: returns a dict with
    result, and dump/output/error as they apply."""
    if codec == "dissect":
        return _dissect(inp, params)
    try:
        if codec == "crc32c":
            return {"result": "valid",
                    "dump": f"crc={crc32c(params['seed'], inp):#x}"}
        if codec == "secure_keys":
            key, a, b = crypto.split_secret(inp)
            return {"result": "valid",
                    "dump": f"key={key.hex()} client_rx={a.hex()} "
                            f"client_tx={b.hex()} server_rx={b.hex()} "
                            f"server_tx={a.hex()}"}
        if codec == "banner":
            v = banner.decode(inp)
            return _valid(v.dump(), v.encode(), inp)
        if codec == "preamble":
            v = preamble.decode(inp)
            if len(inp) > 32:
                raise Fail(TRAILING, "bytes after the preamble")
            return _valid(v.dump(), v.encode(), inp)
        if codec.startswith("frame_"):
            fmt = codec[len("frame_"):]
            sec = None
            if fmt.endswith("secure"):
                sec = frames.Secure(bytes.fromhex(params["secret"]),
                                    params["role"], params["frameIndex"])
            v = frames.decode(fmt, inp, sec)
            return _valid(v.dump(), frames.encode(fmt, v, sec), inp)
        if codec == "msg_header2":
            v = msgs.decode_header2(inp)
            return _valid(v.dump(), v.encode(), inp)
        if codec in mon.DECODERS:
            v, trailing = mon.decode(codec, inp)
            out = v.encode()
            if trailing:
                return {"result": "acceptable", "dump": v.dump(),
                        "output": out, "error": TRAILING}
            return _valid(v.dump(), out, inp)
        if codec.startswith("msg_"):
            v, trailing = msgs.decode(codec, inp)
            out = v.encode()
            if trailing:
                return {"result": "acceptable", "dump": v.dump(),
                        "output": out, "error": TRAILING}
            return _valid(v.dump(), out, inp)
        if codec in ("addr", "addrvec"):
            r = Reader(inp, codec)
            v = A.decode_addr(r) if codec == "addr" else A.decode_addrvec(r)
            if r.left():
                raise Fail(TRAILING, f"{r.left()} bytes after the {codec}")
            return _valid(v.text() if codec == "addr" else v.text(),
                          v.encode(), inp)
        if codec in ("addr_text", "addrvec_text"):
            if codec == "addr_text":
                v = A.parse_addr_text(inp)
                lenient = v.lenient
            else:
                v = A.parse_addrvec_text(inp)
                lenient = any(a.lenient for a in v.v)
            # The re-encoding is Ceph's printed text only where Ceph can
            # read that text back to the same value: it cannot for
            # TYPE_ANY (printed bare, read as v2) nor for IPv4-mapped IPv6
            # (printed dotted, its scanner stops at the dot).  There the
            # vector gives no output and a checker round-trips instead.
            out = v.text() if _text_reads_back(codec, v) else inp
            if lenient:
                # Only atoi()'s overflow makes this parse: Ceph accepts
                # it, a strict parser refuses the number.
                d = {"result": "acceptable", "dump": v.text(),
                     "error": BADVAL}
                if out != inp:
                    d["output"] = out
                return d
            return _valid(v.text(), out, inp)
        if codec in cephx.DECODERS:
            dump, out = cephx.decode(codec, inp)
            return _valid(dump, out, inp)
        if codec == "mon_host":
            v = monhost.parse(inp)
            return {"result": "valid", "dump": v.dump()}
        if codec in ("ceph_conf", "keyring"):
            return _conf_eval(codec, inp)
    except Fail as e:
        if getattr(e, "ceph_accepts", False):
            return {"result": "acceptable", "error": e.err, "why": e.why}
        return {"result": "invalid", "error": e.err, "why": e.why}
    raise ValueError(codec)


def _conf_eval(codec, inp):
    """Ceph has no caps and reads what conf.Strict names: those failures
    are acceptable, the rest invalid.  A keyring's re-encoding is
    KeyRing::print's text (its dump); a conf has no `output`."""
    try:
        if codec == "ceph_conf":
            return {"result": "valid", "dump": conf.parse_conf(inp).dump()}
        text = conf.parse_keyring(inp).print()
        return _valid(text, text, inp)
    except Fail as e:
        if e.err == LIMIT or isinstance(e, conf.Strict):
            return {"result": "acceptable", "error": e.err, "why": e.why}
        raise


def _dissect(inp, params):
    """A whole session (transcript.py): valid when both streams replay
    without an error and nothing is left undecoded; the dump is the
    summary of vectors/SCHEMA.md."""
    c2s, s2c = transcript.split_input(inp)
    key = params.get("session_key")
    sec = params.get("connection_secret")
    r = transcript.dissect(c2s, s2c,
                           None if key is None else bytes.fromhex(key),
                           bytes.fromhex(sec) if sec else None)
    if r.errors:
        d, tok, why = r.errors[0]
        return {"result": "invalid", "error": tok,
                "errorDirection": transcript.DIR_NAMES[d], "why": why}
    if any(r.opaque):
        raise AssertionError("a dissect vector needs its secret")
    return {"result": "valid", "dump": r.summary()}


def _text_reads_back(codec, v):
    """Does Ceph's printed form of |v| parse back to |v|?"""
    try:
        again = (A.parse_addr_text(v.text()) if codec == "addr_text"
                 else A.parse_addrvec_text(v.text()))
    except Fail:
        return False
    if codec == "addr_text":
        return again.key() == v.key()
    return [a.key() for a in again.v] == [a.key() for a in v.v]


def _valid(dump, out, inp):
    d = {"result": "valid", "dump": dump}
    if out != inp:
        d["output"] = out
    return d


class Group:
    def __init__(self, codec, params):
        self.codec = codec
        self.params = params
        self.tests = []

    def add(self, comment, inp, source, expect="valid", error=None,
            flags=(), dump=None):
        """Add a test.  |expect| and |error| are what the case table means;
        the decoder must agree.  |dump|, when given, must equal the
        decoder's (a hand-written expectation)."""
        got = evaluate(self.codec, inp, self.params)
        where = f"{self.codec}: {comment}"
        if got["result"] != expect:
            raise AssertionError(f"{where}: expected {expect}, decoder says "
                                 f"{got}")
        if expect != "valid" and got.get("error") != error:
            raise AssertionError(f"{where}: expected {error}, decoder says "
                                 f"{got}")
        if dump is not None and got.get("dump") != dump:
            raise AssertionError(f"{where}: dump {got.get('dump')!r} != "
                                 f"{dump!r}")
        t = {"comment": comment}
        if flags:
            t["flags"] = sorted(set(flags))
        t["source"] = source
        t["input"] = inp if isinstance(inp, str) else _tohex(inp)
        t["result"] = got["result"]
        if "dump" in got:
            t["dump"] = got["dump"]
        if "output" in got:
            o = got["output"]
            t["output"] = o if isinstance(o, str) else _tohex(o)
        if "error" in got:
            t["error"] = got["error"]
        if "errorDirection" in got:
            t["errorDirection"] = got["errorDirection"]
        self.tests.append(t)
        return t


class VecFile:
    def __init__(self, codec, description, encoding="hex", notes=None):
        self.codec = codec
        self.description = description
        self.encoding = encoding
        self.notes = dict(notes or {})
        self.groups = []

    def group(self, params=None):
        g = Group(self.codec, dict(params or {}))
        self.groups.append(g)
        return g

    def add_captured(self, tests):
        """Append tests from captures.py as their own groups, one per
        distinct params (params {} when a test carries none).  Each is
        cross-checked with this package's decoder; disagreements are
        returned as messages, the tests are kept as given."""
        problems = []
        by_params = {}
        order = []
        for t in tests:
            t = dict(t)
            params = t.pop("params", {}) or {}
            k = json.dumps(params, sort_keys=True)
            if k not in by_params:
                by_params[k] = (params, [])
                order.append(k)
            by_params[k][1].append(t)
            problems += self._crosscheck(t, params)
        for k in order:
            params, ts = by_params[k]
            g = self.group(params)
            g.tests.extend(ts)
        return problems

    def _crosscheck(self, t, params):
        try:
            inp = t["input"]
            if self.encoding == "hex":
                inp = bytes.fromhex(inp)
            got = evaluate(self.codec, inp, params)
        except Exception as e:          # a malformed captured test
            return [f"{self.codec}: captured {t.get('comment')!r}: {e}"]
        out = []
        for k in ("result", "dump", "error"):
            if k in t and got.get(k) != t[k]:
                out.append(f"{self.codec}: captured {t.get('comment')!r}: "
                           f"{k} {t[k]!r}, m2gen says {got.get(k)!r}")
        return out

    def document(self):
        tc = 0
        groups = []
        used = set()
        for g in self.groups:
            tests = []
            for t in g.tests:
                tc += 1
                d = {"tcId": tc}
                d.update(t)
                used.update(d.get("flags", ()))
                tests.append(d)
            groups.append({"params": g.params, "tests": tests})
        notes = dict(self.notes)
        for f in sorted(used):
            if f not in notes:
                notes[f] = FLAG_NOTES.get(f, "(a flag set by captures.py)")
        return {
            "schema": SCHEMA_ID,
            "codec": self.codec,
            "description": self.description,
            "inputEncoding": self.encoding,
            "notes": dict(sorted(notes.items())),
            "numberOfTests": tc,
            "testGroups": groups,
        }

    def render(self):
        return json.dumps(self.document(), indent=2, ensure_ascii=True) + "\n"

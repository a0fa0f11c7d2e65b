# SPDX-License-Identifier: MIT
"""Whole sessions: every transcript and every capture replays through the
reference's dissector (m2vec replay), and m2dump prints what an
implementer needs to read a session."""
import json

import pytest

from conftest import ROOT, run

VEC = ROOT / "vectors"
TRANSCRIPTS = sorted(p.name for p in (VEC / "transcripts").glob("*.json"))
CAPTURES = sorted(p.name for p in (VEC / "captures").glob("*.json"))


def test_there_are_transcripts():
    assert TRANSCRIPTS, "vectors/transcripts/ is empty"


@pytest.mark.parametrize("name", TRANSCRIPTS)
def test_replay_transcript(build_dir, name):
    r = run([build_dir / "tools" / "m2vec", "replay", "-v",
             VEC / "transcripts" / name])
    assert r.returncode == 0, r.stdout + r.stderr
    doc = json.loads((VEC / "transcripts" / name).read_text())
    assert doc["schema"] == "m2-transcript/1"
    assert doc.get("description") and doc.get("recorded_by")


@pytest.mark.parametrize("name", CAPTURES)
def test_replay_capture(build_dir, name):
    r = run([build_dir / "tools" / "m2vec", "replay", "-v",
             VEC / "captures" / name])
    if name == "msgr1_port.json":
        assert r.returncode != 0
        assert "M2_E_MSGR1" in r.stderr
    else:
        assert r.returncode == 0, r.stdout + r.stderr


def test_m2dump_capture(build_dir):
    r = run([build_dir / "tools" / "m2dump",
             VEC / "captures" / "none_probe_none_rev1.json"])
    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert ("c2s      26 rev1_crc    HELLO                  segs=[36] "
            "entity_type=8 peer_addr=v2:127.0.0.1:13330/0") in lines
    assert ("s2c      98 rev1_crc    AUTH_DONE              segs=[16] "
            "global_id=4103 con_mode=1 payload=") in lines
    assert lines[-2] == "negotiated: msgr2.1 auth=none con_mode=crc " \
        "global_id=4103"
    assert lines[-1] == "signatures: ok"


def test_m2dump_message(build_dir):
    r = run([build_dir / "tools" / "m2dump",
             VEC / "captures" / "none_cli_status_c1.json"])
    assert r.returncode == 0, r.stdout + r.stderr
    assert ("s2c     766 rev1_crc    MESSAGE                segs=[41,205] "
            "mon_map(4) seq=3 tid=0 type=4 priority=196 version=1 "
            "data_pre_padding_len=0 data_off=0 ack_seq=2 flags=0x3 "
            "compat_version=1 reserved=0") in r.stdout.splitlines()


def test_m2dump_raw_streams(build_dir, tmp_path):
    doc = json.loads((VEC / "captures" / "none_probe_none_rev0.json")
                     .read_text())
    (tmp_path / "c").write_bytes(bytes.fromhex(doc["client_to_server"]))
    (tmp_path / "s").write_bytes(bytes.fromhex(doc["server_to_client"]))
    r = run([build_dir / "tools" / "m2dump", "--c2s", tmp_path / "c",
             "--s2c", tmp_path / "s"])
    assert r.returncode == 0, r.stdout + r.stderr
    assert "rev0_crc    KEEPALIVE2_ACK" in r.stdout
    assert r.stdout.splitlines()[-1] == "signatures: ok"


def test_m2dump_errors(build_dir, tmp_path):
    doc = json.loads((VEC / "transcripts" / "none_crc_rev1.json")
                     .read_text())
    c2s = bytearray.fromhex(doc["client_to_server"])
    c2s[26 + 40] ^= 1                   # inside HELLO's payload
    doc["client_to_server"] = c2s.hex()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    r = run([build_dir / "tools" / "m2dump", bad])
    assert r.returncode == 1
    assert "c2s      26 ERROR M2_E_BADCRC" in r.stdout
    assert "s2c     377 rev1_crc    KEEPALIVE2_ACK" in r.stdout

    r = run([build_dir / "tools" / "m2dump", "--session-key", "00" * 16,
             VEC / "transcripts" / "none_crc_rev1.json"])
    assert r.returncode == 1
    assert "signatures: client bad, server bad" in r.stdout


def _synthetic(secure, rev1):
    """A synthetic session of vectors/dissect.json and its params."""
    doc = json.loads((VEC / "dissect.json").read_text())
    want = f"synthetic msgr2.{rev1} {'secure' if secure else 'crc'} session:"
    for g in doc["testGroups"]:
        for t in g["tests"]:
            if t["comment"].startswith(want):
                return bytes.fromhex(t["input"]), g["params"]
    raise AssertionError(want)


@pytest.mark.parametrize("rev1", [0, 1])
def test_m2dump_secure(build_dir, tmp_path, rev1):
    inp, params = _synthetic(True, rev1)
    n = int.from_bytes(inp[:4], "little")
    (tmp_path / "c").write_bytes(inp[4:4 + n])
    (tmp_path / "s").write_bytes(inp[4 + n:])
    dump = [build_dir / "tools" / "m2dump", "--c2s", tmp_path / "c",
            "--s2c", tmp_path / "s"]
    r = run(dump + ["--secret", params["connection_secret"],
                    "--session-key", params["session_key"]])
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"rev{rev1}_secure AUTH_SIGNATURE" in r.stdout
    assert r.stdout.splitlines()[-1] == "signatures: ok"
    r = run(dump)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "not decoded: secure frames and no connection secret" in r.stdout

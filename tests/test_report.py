# SPDX-License-Identifier: MIT
"""The conformance reports and profiles (conformance/report.c, profile.c).

conformance/tests/t_report feeds synthetic results through the writers,
checks profiles and the JSON round trip itself, and leaves the reports in a
directory; here they are parsed as CI tools and browsers would: the JUnit
XML with xml.etree, the JSON with json, the HTML with html.parser.  Every
committed profile under conformance/expect/ must load.
"""
import html.parser
import json
import xml.etree.ElementTree as ET

import pytest

from conftest import ROOT, run

PROFILES = sorted((ROOT / "conformance" / "expect").glob("*.txt"))

# What t_report.c's synthetic results are (ids, variants, verdicts).
CASES = 10
AREAS = ["banner", "preamble", "auth"]
HOSTILE = "<b>&amp;\"quoted\" 'single' \ufffd bad\ufffd byte \u00a75.1"


@pytest.fixture(scope="module")
def out(build_dir, tmp_path_factory):
    d = tmp_path_factory.mktemp("report")
    r = run([build_dir / "conformance" / "tests" / "t_report", d]
            + PROFILES)
    assert r.returncode == 0, r.stdout + r.stderr
    assert " 0 failed" in r.stdout, r.stdout + r.stderr
    return d


def test_unit(out):
    """t_report's own checks passed (the fixture asserts it)."""
    assert (out / "run1.json").exists()


def junit(path):
    root = ET.parse(path).getroot()
    assert root.tag == "testsuites"
    return root


def test_junit_structure(out):
    root = junit(out / "run1.xml")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == AREAS
    total = 0
    for s in suites:
        cases = s.findall("testcase")
        assert int(s.get("tests")) == len(cases)
        assert int(s.get("failures")) == sum(
            len(c.findall("failure")) for c in cases)
        assert int(s.get("errors")) == sum(
            len(c.findall("error")) for c in cases)
        assert int(s.get("skipped")) == sum(
            len(c.findall("skipped")) for c in cases)
        assert abs(float(s.get("time")) - sum(
            float(c.get("time")) for c in cases)) < 0.01
        for c in cases:
            assert c.get("classname") == s.get("name")
            assert c.get("name")
            float(c.get("time"))
        total += len(cases)
    assert total == CASES == int(root.get("tests"))
    assert int(root.get("failures")) == 4      # 3 fail + 1 timeout
    assert int(root.get("errors")) == 1
    assert int(root.get("skipped")) == 1


def test_junit_escaping_and_content(out):
    root = junit(out / "run1.xml")
    tc = {c.get("name"): c for c in root.iter("testcase")}
    fail = tc["banner.msgr1 [rev1-crc]"].find("failure")
    assert fail.get("type") == "fail"
    assert fail.text == HOSTILE
    assert "closes the connection" in fail.get("message")
    assert "AUTH_BAD_METHOD (code -95)" in fail.get("message")
    so = tc["banner.msgr1 [rev1-crc]"].find("system-out").text
    assert f"[[ATTACHMENT|{out}/wirelogs/banner.msgr1.log]]" in so
    assert "tags: cve-2020-1759, x" in so
    assert tc["banner.msgr1 [rev0-crc]"].find("failure").get(
        "type") == "timeout"
    assert tc["preamble.len2g [rev1-crc]"].find("error") is not None
    assert tc["preamble.seg5 [rev1-crc]"].find("skipped") is not None
    assert tc["auth.weird-tag"].find("failure") is not None  # no variant


def test_junit_profile_strict(out):
    """run2: the second target, with the profile and xpass_fails."""
    root = junit(out / "run2.xml")
    tc = {c.get("name"): c for c in root.iter("testcase")}
    xp = tc["auth.reclaim [rev1-crc]"].find("failure")
    assert xp.get("type") == "unexpected-pass"
    assert "listed although it passes" in xp.get("message")
    # listed unsupported stays a skip, listed error stays an error
    assert tc["preamble.seg5 [rev1-crc]"].find("skipped") is not None
    assert tc["preamble.len2g [rev1-crc]"].find("error") is not None


def test_junit_merged_names_unique(out):
    root = junit(out / "merged.xml")
    names = [(c.get("classname"), c.get("name")) for c in
             root.iter("testcase")]
    assert len(names) == 2 * CASES == len(set(names))
    assert {s.get("name") for s in root.findall("testsuite")} == {
        f"{a} @{t}" for a in AREAS for t in ("ref-server",
                                              "ceph-mon 16.2.15")}


def test_json(out):
    doc = json.loads((out / "run1.json").read_text(encoding="utf-8"))
    assert doc["format"] == "m2conform-report" and doc["version"] == 1
    assert doc["targets"] == ["ref-server"] and doc["ok"] is False
    res = doc["results"]
    assert len(res) == CASES
    need = {"id", "area", "variant", "target", "verdict", "reaction", "tag",
            "code", "expectation", "detail", "duration", "profile",
            "outcome"}
    for r in res:
        assert need <= set(r)
        assert r["verdict"] in {"pass", "fail", "unsupported", "timeout",
                                "error"}
        assert r["reaction"] in {"none", "close", "reset", "frame",
                                 "silence", "completed", "refused"}
    m = res[2]
    assert (m["id"], m["variant"], m["verdict"], m["reaction"], m["tag"],
            m["tag_name"], m["code"]) == ("banner.msgr1", "rev1-crc",
                                          "fail", "frame", 3,
                                          "AUTH_BAD_METHOD", -95)
    # JSON keeps control characters (escaped); bad UTF-8 is replaced
    assert m["detail"] == HOSTILE.replace("' \ufffd bad", "' \x01 bad")
    assert m["tags"] == ["cve-2020-1759", "x"]
    assert m["duration"] == 0.5
    assert doc["totals"]["ref-server"] == {
        "pass": 4, "fail": 3, "timeout": 1, "xfail": 0, "xpass": 0,
        "unsupported": 1, "error": 1, "total": 10}


def test_json_profile_outcomes(out):
    doc = json.loads((out / "run2.json").read_text(encoding="utf-8"))
    by = {(r["id"], r["variant"]): r for r in doc["results"]}
    r = by[("auth.reclaim", "rev1-crc")]
    assert r["outcome"] == "xpass" and r["profile"] == {
        "expected_fail": True, "reason": "listed although it passes"}
    assert by[("banner.ok", "rev1-crc")]["profile"] == {
        "expected_fail": False, "reason": None}
    assert by[("preamble.seg5", "rev1-crc")]["outcome"] == "unsupported"


def test_json_round_trip(out):
    """merged.json (written from results read back from run1/run2.json)
    holds the same records as the two runs."""
    one = json.loads((out / "run1.json").read_text(encoding="utf-8"))
    two = json.loads((out / "run2.json").read_text(encoding="utf-8"))
    merged = json.loads((out / "merged.json").read_text(encoding="utf-8"))
    assert merged["targets"] == ["ref-server", "ceph-mon 16.2.15"]
    assert merged["results"] == one["results"] + two["results"]


def test_json_empty(out):
    doc = json.loads((out / "empty.json").read_text(encoding="utf-8"))
    assert doc["results"] == [] and doc["targets"] == []
    junit(out / "empty.xml")


VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "area",
        "base", "source", "track", "embed", "param"}


class Checker(html.parser.HTMLParser):
    """Well-formedness as a strict reader sees it: every element closed in
    order, nothing but the one document, no script; and the matrix."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.tags = [], [], []
        self.th, self.area_rows, self.chips = [], 0, []
        self.ids, self.hrefs, self.titles = set(), [], []
        self.in_thead = False
        self.cur_th = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)
        if "id" in a:
            if a["id"] in self.ids:
                self.errors.append(f"duplicate id {a['id']}")
            self.ids.add(a["id"])
        cls = (a.get("class") or "").split()
        if tag == "thead":
            self.in_thead = True
        if tag == "th" and self.in_thead:
            self.cur_th = ""
        if tag == "tr" and "ar" in cls:
            self.area_rows += 1
        if "x" in cls and tag in ("a", "span") and "title" in a:
            self.chips.append((tag, cls, a))
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()
        if tag == "thead":
            self.in_thead = False
        if tag == "th" and self.cur_th is not None:
            self.th.append(self.cur_th.strip())
            self.cur_th = None

    def handle_data(self, data):
        if self.cur_th is not None:
            self.cur_th += data


def check_html(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    p = Checker()
    p.feed(text)
    p.close()
    assert p.errors == []
    assert p.stack == []
    assert "script" not in p.tags
    assert "<link" not in text and "src=" not in text   # self-contained
    return text, p


def test_html_single(out):
    text, p = check_html(out / "run1.html")
    assert p.th == ["case \u25be", "description", "ref-server \u25be"]
    assert p.area_rows == len(AREAS)
    assert len(p.chips) == CASES
    # every non-passing chip links to an entry in the lists below
    for tag, cls, a in p.chips:
        if "o-pass" in cls:
            assert tag == "span"
        else:
            assert tag == "a" and a["href"][1:] in p.ids
    assert "synthetic &lt;run&gt; &amp; co" in text
    assert "<b>&amp;" not in text       # the detail stayed text
    fails = [a for _, c, a in p.chips if "o-fail" in c]
    assert any("expected: closes the connection" in a["title"] and
               "peer: sent AUTH_BAD_METHOD (code -95)" in a["title"]
               for a in fails)
    # the wirelog, relative to the HTML file's directory
    assert "wirelogs/banner.msgr1.log" in p.hrefs


def test_html_merged_matrix(out):
    text, p = check_html(out / "merged.html")
    assert p.th[2:] == ["ref-server \u25be", "ceph-mon 16.2.15 \u25be"]
    assert len(p.chips) == 2 * CASES
    kinds = {c for _, cls, _ in p.chips for c in cls if c.startswith("o-")}
    assert kinds == {"o-pass", "o-fail", "o-timeout", "o-xpass",
                     "o-unsupported", "o-error"}
    assert text.count('class="card"') == 2
    # ref-server has fails; ceph-mon's are listed, but one is an error
    assert text.count("badge bad") == 2


def test_html_empty(out):
    check_html(out / "empty.html")


def test_console(out):
    text = (out / "console.txt").read_text(encoding="utf-8")
    assert "m2conform: 10 case runs against ref-server" in text
    assert "FAIL     banner.msgr1 [rev1-crc]" in text
    assert "expected: closes the connection" in text
    assert "peer:     sent AUTH_BAD_METHOD (code -95)" in text
    assert "\x01" not in text and "\x1b" not in text
    assert text.rstrip().splitlines()[-1].startswith("FAILED: 10 runs, 4 "
                                                     "passed, 3 failed")
    col = (out / "console2.txt").read_text(encoding="utf-8")
    assert "\x1b[1;34mXPASS" in col
    assert "profile:  listed although it passes" in col


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.name)
def test_committed_profiles_load(out, profile):
    """Each committed profile loaded in the fixture's run."""
    assert profile.exists()

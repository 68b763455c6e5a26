#!/usr/bin/env python3
"""Tests for the dev-set generator and the scorer: python3 -m unittest discover -s eval -v

The scorer test needs nothing; the determinism test needs the generator's Debian packages
(`python3 eval/make_devset.py --setup ...` installs them) and is skipped without them.
"""
import hashlib
import json
import pathlib
import subprocess
import sys
import tempfile
import unittest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_devset  # noqa: E402
import score  # noqa: E402


def link(source, copy, relation, pairs):
    return {"type": "link", "source": source, "copy": copy, "relation": relation,
            "matches": [{"source_paragraph": s, "copy_paragraph": c} for s, c in pairs]}


class ScorerTests(unittest.TestCase):
    """A hand-made truth and scan with numbers worked out by hand."""

    truth = [
        {"id": "A", "kind": "original", "of": None, "source": "w", "template_from": 2,
         "paragraphs": [[["A", 0]], [["A", 1]], []]},
        {"id": "B", "kind": "verbatim", "of": "A", "source": "x", "template_from": 2,
         "paragraphs": [[["A", 0]], [["A", 1]], []]},
        {"id": "C", "kind": "edit20", "of": "A", "source": "y", "template_from": 2,
         "paragraphs": [[["A", 0]], [["A", 1]], []]},
        {"id": "N", "kind": "same_event", "of": "A", "source": "z", "template_from": 2,
         "paragraphs": [[], [], []]},
        {"id": "F1", "kind": "formulaic", "of": None, "source": "w", "template_from": 2,
         "paragraphs": [[], [], []]},
        {"id": "F2", "kind": "formulaic", "of": None, "source": "w", "template_from": 2,
         "paragraphs": [[], [], []]},
    ]
    scan = [
        {"type": "scan"},
        link("A", "B", "duplicate", [(0, 0), (1, 1)]),
        link("A", "C", "partial", [(0, 0)]),
        link("A", "N", "partial", [(0, 1)]),
        link("F1", "F2", "copy", []),
        link("B", "C", "partial", [(1, 1)]),  # two copies of one original: neutral
    ]

    def test_known_numbers(self):
        truth = score.Truth(self.truth)
        strict = score.score(truth, self.scan, strict=True)
        self.assertEqual(strict["overall"]["found"], 1)
        self.assertEqual(strict["overall"]["false"], 1)
        self.assertAlmostEqual(strict["overall"]["precision"], 0.5)
        self.assertAlmostEqual(strict["overall"]["recall"], 0.5)
        self.assertAlmostEqual(strict["overall"]["f1"], 0.5)
        self.assertEqual(strict["types"]["verbatim"]["recall"], 1.0)
        self.assertEqual(strict["types"]["edit20"]["recall"], 0.0)
        anything = score.score(truth, self.scan, strict=False)
        o = anything["overall"]
        self.assertEqual((o["found"], o["false"], o["neutral"]), (2, 2, 1))
        self.assertAlmostEqual(o["precision"], 0.5)
        self.assertAlmostEqual(o["recall"], 1.0)
        self.assertAlmostEqual(o["f1"], 2 / 3)
        self.assertEqual(anything["false_links"], [("formulaic", "F1", "F2", "copy"),
                                                   ("same_event", "A", "N", "partial")])
        p = anything["paragraph_overall"]
        self.assertEqual((p["pairs"], p["found"], p["false"], p["neutral"]), (4, 3, 1, 1))
        self.assertAlmostEqual(p["precision"], 0.75)
        self.assertAlmostEqual(p["recall"], 0.75)

    def test_a_quotation_link_is_not_strict(self):
        truth = score.Truth(self.truth)
        scan = self.scan[:2] + [link("A", "N", "quotation", [(0, 1)])]
        strict = score.score(truth, scan, strict=True)
        self.assertEqual((strict["overall"]["found"], strict["overall"]["false"]), (1, 0))
        anything = score.score(truth, scan, strict=False)
        self.assertEqual(anything["false_links"], [("same_event", "A", "N", "quotation")])

    def test_output_is_deterministic(self):
        with tempfile.TemporaryDirectory() as tmp:
            t, s = pathlib.Path(tmp, "truth.jsonl"), pathlib.Path(tmp, "scan.jsonl")
            t.write_text("".join(json.dumps(r) + "\n" for r in self.truth))
            s.write_text("".join(json.dumps(r) + "\n" for r in reversed(self.scan)))
            run = [sys.executable, str(HERE / "score.py"), str(t), str(s)]
            first = subprocess.run(run, capture_output=True, text=True, check=True).stdout
            second = subprocess.run(run, capture_output=True, text=True, check=True).stdout
            self.assertEqual(first, second)
            self.assertIn("- formulaic: F1 — F2 (copy)", first)


@unittest.skipUnless(make_devset.HANDBOOK.is_dir() and make_devset.THESAURUS.is_file(),
                     "needs debian-handbook and mythes-en-us: make_devset.py --setup")
class GeneratorTests(unittest.TestCase):
    def digest(self, split, seed):
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, str(HERE / "make_devset.py"), "--split", split, "--seed", str(seed),
                            "--out", tmp], check=True, capture_output=True)
            h = hashlib.sha256()
            for name in (f"{split}.jsonl", f"{split}.truth.jsonl"):
                h.update(pathlib.Path(tmp, name).read_bytes())
            return h.hexdigest()

    def test_same_seed_same_bytes(self):
        first, second = self.digest("ci", 18), self.digest("ci", 18)
        print(f"\nci split, seed 18: sha256 {first}", file=sys.stderr)
        self.assertEqual(first, second)
        self.assertNotEqual(first, self.digest("ci", 19))

    def test_splits_share_no_source_file(self):
        stories = make_devset.load_stories()
        files = {side: {n.split("#")[0] for n, _ in stories if make_devset.split_of(n) == side}
                 for side in ("dev", "test")}
        self.assertTrue(files["dev"] and files["test"])
        self.assertFalse(files["dev"] & files["test"])

    def test_every_copy_type_is_generated(self):
        feed, truth = make_devset.build("ci", 18)
        kinds = {r["kind"] for r in truth}
        self.assertTrue(set(make_devset.COPY_TYPES) | {"roundup", "same_event", "formulaic"} <= kinds)
        self.assertEqual([r["id"] for r in feed], [r["id"] for r in truth])
        for r in feed:
            self.assertEqual(set(r), {"id", "source", "published", "text"})


if __name__ == "__main__":
    unittest.main()

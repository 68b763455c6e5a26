#!/usr/bin/env python3
"""Scores `neardup scan --format jsonl` output against a truth file from eval/make_devset.py.

Usage: python3 eval/score.py TRUTH.jsonl SCAN.jsonl [--json]

Truth records: {"id", "kind", "of", "source", "paragraphs", ["family"]}. `kind` is "original", a
copy type (its `of` is the original's id; a list for "roundup"), or a hard negative. `paragraphs`
gives each paragraph's provenance as [original id, paragraph index] pairs (null when unknown).

Two documents are *related* when their provenance intersects or they share a `family`.
- Document level. Positives are the (original, copy) pairs named by `of`. A link between them is a
  true positive; a link between unrelated documents is a false positive; a link between related
  documents that is not such a pair (two copies of one original) is neutral: counted apart, in
  neither precision nor recall. Per copy type: recall over that type's pairs, precision over the
  links that touch a document of that type.
- Paragraph level. Positives are (original paragraph, copy paragraph) pairs from provenance; a
  match is a (source paragraph, copy paragraph) pair of a link; scored like documents.
- "strict" counts links of every relation except `partial` and `quotation` (a shared quotation
  claims no copying); "any" counts all links. Round-ups
  share one lead paragraph with each original, so `partial` is their right relation: strict
  scoring leaves their pairs out (links on them are neutral) and "any" scores them.
Output is sorted and deterministic.
"""
import argparse
import collections
import itertools
import json
import sys

NEGATIVE_KINDS = ("same_event", "formulaic", "independent")
PARTIAL_BY_DESIGN = ("roundup",)  # one lead inside another story: `partial` is the right relation


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def f1(p, r):
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def ratio(a, b):
    return a / b if b else float("nan")


class Truth:
    def __init__(self, records):
        self.docs = {r["id"]: r for r in records}
        self.prov = {}
        for r in records:
            paras = r.get("paragraphs")
            self.prov[r["id"]] = (None if paras is None else
                                  [frozenset(tuple(x) for x in p) for p in paras])
        self.pairs = {}  # frozenset({original, copy}) -> copy type
        for r in records:
            if r["kind"] == "original" or r["kind"] in NEGATIVE_KINDS or r.get("of") is None:
                continue
            for o in (r["of"] if isinstance(r["of"], list) else [r["of"]]):
                self.pairs[frozenset((o, r["id"]))] = r["kind"]
        self.para_pairs = {}  # frozenset({(doc, i), (doc, j)}) -> copy type
        for r in records:
            if r["kind"] == "original" or self.prov[r["id"]] is None:
                continue
            for j, p in enumerate(self.prov[r["id"]]):
                for o, i in p:
                    if o != r["id"] and frozenset((o, r["id"])) in self.pairs:
                        self.para_pairs[frozenset(((o, i), (r["id"], j)))] = r["kind"]

    def doc_sources(self, d):
        prov = self.prov.get(d)
        return set().union(*prov) if prov else set()

    def related(self, a, b):
        fa, fb = self.docs[a].get("family"), self.docs[b].get("family")
        if fa is not None and fa == fb:
            return True
        return bool(self.doc_sources(a) & self.doc_sources(b))

    def para_sources(self, d, i):
        prov = self.prov.get(d)
        if prov is None or i >= len(prov):
            return frozenset()
        return prov[i]

    def in_template(self, d, i):
        start = self.docs[d].get("template_from")
        return start is not None and i >= start

    def category(self, a, b, records):
        """Names the hard negative that a false link between a and b falls on: `formulaic`,
        `same_event` (shared quotation, names, numbers), `template` (a match on a site's credit
        line, Related/Trending list or footer) or `other`."""
        ka, kb = self.docs[a]["kind"], self.docs[b]["kind"]
        if "formulaic" in (ka, kb):
            return "formulaic"
        same_event = False
        for x, y in ((a, b), (b, a)):
            if self.docs[x]["kind"] in ("same_event", "independent"):
                of = self.docs[x].get("of")
                same_event = same_event or (of is not None and (of == y or self.related(of, y)))
        matches = [(r["source"], m["source_paragraph"], r["copy"], m["copy_paragraph"])
                   for r in records for m in r.get("matches", [])]
        in_content = any(not self.in_template(s, i) and not self.in_template(c, j) for s, i, c, j in matches)
        if same_event and in_content:
            return "same_event"
        if any(self.in_template(s, i) or self.in_template(c, j) for s, i, c, j in matches):
            return "template"
        return "same_event" if same_event else "other"


def read_links(records, strict):
    links = {}
    for r in records:
        if r.get("type") != "link" or (strict and r["relation"] in ("partial", "quotation")):
            continue
        key = frozenset((r["source"], r["copy"]))
        links.setdefault(key, []).append(r)
    return links


def score(truth, scan, strict):
    links = read_links(scan, strict)
    out = {"types": {}, "paragraph_types": {}}
    pairs, para_pairs = truth.pairs, truth.para_pairs
    if strict:
        truth.pairs = {k: v for k, v in pairs.items() if v not in PARTIAL_BY_DESIGN}
        truth.para_pairs = {k: v for k, v in para_pairs.items() if v not in PARTIAL_BY_DESIGN}
    try:
        return score_pairs(truth, links, out)
    finally:
        truth.pairs, truth.para_pairs = pairs, para_pairs


def score_pairs(truth, links, out):
    kinds = sorted(set(truth.pairs.values()))
    tp = {k: 0 for k in kinds}
    total = collections.Counter(truth.pairs.values())
    touch = collections.defaultdict(lambda: [0, 0])  # type -> [correct, false]
    fp, neutral = [], 0
    for key in sorted(links, key=sorted):
        a, b = sorted(key)
        if a not in truth.docs or b not in truth.docs:
            continue
        if key in truth.pairs:
            tp[truth.pairs[key]] += 1
        elif truth.related(a, b):
            neutral += 1
            continue
        else:
            fp.append((truth.category(a, b, links[key]), a, b, "/".join(sorted({r["relation"] for r in links[key]}))))
        correct = key in truth.pairs
        for k in {truth.docs[a]["kind"], truth.docs[b]["kind"]} & set(kinds):
            touch[k][0 if correct else 1] += 1
    for k in kinds:
        p, r = ratio(touch[k][0], sum(touch[k])), ratio(tp[k], total[k])
        out["types"][k] = {"pairs": total[k], "found": tp[k], "precision": p, "recall": r, "f1": f1(p, r)}
    t, n = sum(tp.values()), sum(total.values())
    p, r = ratio(t, t + len(fp)), ratio(t, n)
    out["overall"] = {"pairs": n, "found": t, "false": len(fp), "neutral": neutral,
                      "precision": p, "recall": r, "f1": f1(p, r)}
    out["false_links"] = sorted(fp)
    # hard negatives: how many of their pairs were linked
    negs = collections.Counter(c for c, *_ in fp)
    form = [d for d in truth.docs if truth.docs[d]["kind"] == "formulaic"]
    same = [d for d in truth.docs if truth.docs[d]["kind"] in ("same_event", "independent")]
    out["negatives"] = {
        "formulaic": {"pairs": len(form) * (len(form) - 1) // 2, "linked": negs["formulaic"]},
        "same_event": {"pairs": len(same), "linked": negs["same_event"]},
        "template": {"linked": negs["template"]},
        "other": {"linked": negs["other"]},
    }
    # paragraph level
    ptp, pfp, pneutral = collections.Counter(), 0, 0
    ptouch = collections.defaultdict(lambda: [0, 0])
    seen = set()
    for key in sorted(links, key=sorted):
        for r in links[key]:
            for m in r.get("matches", []):
                x, y = (r["source"], m["source_paragraph"]), (r["copy"], m["copy_paragraph"])
                pk = frozenset((x, y))
                if pk in seen or x[0] not in truth.docs or y[0] not in truth.docs:
                    continue
                seen.add(pk)
                if truth.prov.get(x[0]) is None or truth.prov.get(y[0]) is None:
                    continue
                if pk in truth.para_pairs:
                    ptp[truth.para_pairs[pk]] += 1
                    correct = True
                elif truth.para_sources(*x) & truth.para_sources(*y):
                    pneutral += 1
                    continue
                else:
                    pfp += 1
                    correct = False
                for k in {truth.docs[x[0]]["kind"], truth.docs[y[0]]["kind"]} & set(kinds):
                    ptouch[k][0 if correct else 1] += 1
    ptotal = collections.Counter(truth.para_pairs.values())
    for k in sorted(ptotal):
        p, r = ratio(ptouch[k][0], sum(ptouch[k])), ratio(ptp[k], ptotal[k])
        out["paragraph_types"][k] = {"pairs": ptotal[k], "found": ptp[k], "precision": p, "recall": r,
                                     "f1": f1(p, r)}
    t, n = sum(ptp.values()), sum(ptotal.values())
    p, r = ratio(t, t + pfp), ratio(t, n)
    out["paragraph_overall"] = {"pairs": n, "found": t, "false": pfp, "neutral": pneutral,
                                "precision": p, "recall": r, "f1": f1(p, r)}
    return out


def fmt(x):
    return "—" if x != x else f"{x:.2f}"


def table(title, rows, overall):
    lines = [f"{title}", "", "| type | pairs | found | precision | recall | F1 |", "|---|---:|---:|---:|---:|---:|"]
    for k, v in rows.items():
        lines.append(f"| {k} | {v['pairs']} | {v['found']} | {fmt(v['precision'])} | {fmt(v['recall'])} | "
                     f"{fmt(v['f1'])} |")
    o = overall
    lines.append(f"| **overall** | {o['pairs']} | {o['found']} | {fmt(o['precision'])} | {fmt(o['recall'])} | "
                 f"**{fmt(o['f1'])}** |")
    lines.append(f"\nfalse links: {o['false']}; neutral (two copies of one original): {o['neutral']}")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("truth")
    ap.add_argument("scan")
    ap.add_argument("--json", action="store_true", help="print the numbers as one JSON object")
    args = ap.parse_args()
    truth, scan = Truth(load_jsonl(args.truth)), load_jsonl(args.scan)
    header = next((r for r in scan if r.get("type") == "scan"), {})
    results = {mode: score(truth, scan, mode == "strict") for mode in ("strict", "any")}
    if args.json:
        json.dump(results, sys.stdout, sort_keys=True, indent=1)
        print()
        return
    print(f"scan: shingle {header.get('shingle')}, threshold {header.get('threshold')}, "
          f"bands {header.get('bands')}x{header.get('rows_per_band')}, documents {header.get('documents')}, "
          f"links {header.get('links')}\n")
    for mode, label in (("strict", "every relation except partial and quotation"), ("any", "every relation")):
        r = results[mode]
        print(table(f"### Documents, {label}", r["types"], r["overall"]) + "\n")
    for mode, label in (("strict", "every relation except partial and quotation"), ("any", "every relation")):
        r = results[mode]
        print(table(f"### Paragraphs, {label}", r["paragraph_types"], r["paragraph_overall"]) + "\n")
    print("### Hard negatives linked (every relation)\n")
    neg = results["any"]["negatives"]
    print("| negative | at risk | links | links, except partial and quotation |\n|---|---:|---:|---:|")
    for k in ("same_event", "formulaic", "template", "other"):
        print(f"| {k} | {neg[k].get('pairs', '—')} | {neg[k]['linked']} | "
              f"{results['strict']['negatives'][k]['linked']} |")
    print("\n### False links (every relation)\n")
    for c, a, b, rel in results["any"]["false_links"]:
        print(f"- {c}: {a} — {b} ({rel})")
    if not results["any"]["false_links"]:
        print("- none")


if __name__ == "__main__":
    main()

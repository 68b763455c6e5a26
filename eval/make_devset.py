#!/usr/bin/env python3
"""Builds a seeded dev set of rewritten copies with known truth (issue 18, item 6).

Source prose: the English HTML of Debian's `debian-handbook` package ("The Debian Administrator's
Handbook", GPL-2.0+ or CC-BY-SA-3.0). Thesaurus: Debian's `mythes-en-us` (OpenOffice/WordNet
thesaurus). `--setup` installs both with apt-get; nothing from them is committed.

Each HTML file's prose paragraphs (25-160 words, no inline code) are cut into source stories of
4-6 paragraphs. Files are split by name, disjointly (see `split_of`): `test` is every file whose
sha256("neardup-18:" + name) is 0 mod 3 and is FROZEN: never tune on it; `dev` is the rest; `ci`
is a small slice of the dev files. Same seed and same package version give the same bytes.

Output in OUT/: SPLIT.jsonl (the feed: id, source, published, text; paragraphs separated by a
blank line) and SPLIT.truth.jsonl (one record per document, with its kind and each paragraph's
provenance as [original id, paragraph index] pairs; see eval/README.md).

Usage: python3 eval/make_devset.py --setup --split dev --seed 18 --out /tmp/devset
"""
import argparse
import hashlib
import html.parser
import json
import os
import pathlib
import random
import re
import subprocess
import sys

HANDBOOK = pathlib.Path("/usr/share/doc/debian-handbook/html/en-US")
THESAURUS = pathlib.Path("/usr/share/mythes/th_en_US_v2.dat")
PACKAGES = ["debian-handbook", "mythes-en-us"]

COPY_TYPES = [
    "verbatim", "trimmed", "lead", "reordered", "split_merge",
    "edit10", "edit20", "edit30", "spin12", "spin28", "chain",
]
NEGATIVE_TYPES = ["same_event", "formulaic", "template"]
SIZES = {"ci": 12, "dev": 60, "test": 60}  # originals per split (capped by the chapters available)

STOPWORDS = set("""a an the and or but if of to in on at by for with from as is are was were be been being it its
this that these those there here which who whom whose what when where why how not no nor so than too very can
will just do does did has have had he she they them his her their our we you your i me my us also into over
under more most other some such only own same about after before between both each few all any""".split())

WIRE_SITES = ["wire.example", "newsagency.example"]
COPY_SITES = [
    "dailycourier.example", "valleytimes.example", "metroherald.example", "coastpost.example",
    "harborgazette.example", "northstar.example", "plainsledger.example", "summitnews.example",
]
FIRST = ["Anna", "Marek", "Lucia", "Tomas", "Priya", "Daniel", "Sofia", "Kenji", "Amara", "Jonas", "Elena", "Omar"]
LAST = ["Novak", "Reyes", "Lindqvist", "Okafor", "Brennan", "Tanaka", "Moreau", "Haddad", "Keller", "Silva"]
TOWNS = ["Millbrook", "Ashford", "Riverton", "Kingsport", "Oakridge", "Fairhaven", "Westfield", "Elmira"]
COMPANIES = ["Northern Refining", "Gulf Crude Co", "Atlas Petroleum", "Meridian Energy", "Summit Oil",
             "Harbor Holdings", "Crestline Capital", "Bluewater Partners", "Ironwood Group", "Pinecrest Fund"]


# MARK: - Setup and source prose

def setup():
    """Installs the source prose and the thesaurus packages if they are missing."""
    if HANDBOOK.is_dir() and THESAURUS.is_file():
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *PACKAGES], check=True, env=env)


def package_versions():
    out = subprocess.run(["dpkg-query", "-W", "-f", "${Package}=${Version}\n", *PACKAGES],
                         capture_output=True, text=True).stdout
    return out.split()


class ParaParser(html.parser.HTMLParser):
    """Collects the text of publican `<div class="para">` blocks, skipping code and tables."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # one entry per open div: True when it is a para
        self.depth = 0
        self.skip = 0
        self.buf = []
        self.paras = []

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag == "div":
            is_para = cls == "para"
            self.stack.append(is_para)
            if is_para:
                if self.depth == 0:
                    self.buf = []
                self.depth += 1
        elif tag in ("pre", "table", "code", "span") and self.depth and (tag != "span" or "command" in cls):
            self.skip += 1
            self.buf.append("\x00")

    def handle_endtag(self, tag):
        if tag == "div" and self.stack:
            if self.stack.pop():
                self.depth -= 1
                if self.depth == 0:
                    self.paras.append("".join(self.buf))
        elif tag in ("pre", "table", "code") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.buf.append(data)


def clean(text):
    text = re.sub(r"\s+", " ", text).strip()
    return text


def load_stories():
    """Returns [("file#chunk", [paragraph, ...])]: each HTML file's prose paragraphs in chunks of 4-6."""
    stories = []
    for path in sorted(HANDBOOK.glob("*.html")):
        parser = ParaParser()
        parser.feed(path.read_text(encoding="utf-8"))
        paras = []
        for raw in parser.paras:
            if "\x00" in raw:  # held inline code: not prose
                continue
            text = clean(raw)
            words = text.split()
            if len(words) < 25 or len(words) > 160 or not text.endswith((".", "!", "?", "”", "\"")):
                continue
            if sum(1 for w in words if "/" in w or "_" in w or "=" in w) > 2:
                continue
            paras.append(text)
        for c in range(0, len(paras) - 3, 6):
            stories.append((f"{path.stem}#{c // 6}", paras[c:c + 6]))
    return stories


def split_of(name):
    """Frozen rule: sha256("neardup-18:" + HTML file name) mod 3 == 0 is test, the rest dev.

    Whole files go to one side, so the splits share no source text."""
    key = ("neardup-18:" + name.split("#")[0]).encode()
    return "test" if int(hashlib.sha256(key).hexdigest(), 16) % 3 == 0 else "dev"


def load_thesaurus():
    """Maps a lower-case word to its one-word synonyms (plain entries, then similar terms)."""
    syn = {}
    with open(THESAURUS, encoding="utf-8") as f:
        next(f)
        for line in f:
            head, _, count = line.rstrip("\n").rpartition("|")
            plain, similar = [], []
            for _ in range(int(count)):
                for item in next(f).rstrip("\n").split("|")[1:]:
                    if item.endswith("(similar term)"):
                        similar.append(item[: -len(" (similar term)")])
                    elif "(" not in item:
                        plain.append(item)
            if " " in head or not head.isalpha():
                continue
            words = [w for w in plain + similar if w.isalpha() and w.lower() != head.lower()]
            if words:
                syn[head.lower()] = list(dict.fromkeys(words))
    return syn


# MARK: - Edits

TOKEN = re.compile(r"\S+")
WORD = re.compile(r"^([^A-Za-z]*)([A-Za-z]+)([^A-Za-z]*)$")


def sentences(text):
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"(])", text) if s]


def spin(rng, paras, rate, syn):
    """Replaces about `rate` of all tokens with a thesaurus synonym (case kept)."""
    toks = [TOKEN.findall(p) for p in paras]
    slots = []
    for i, ts in enumerate(toks):
        for j, t in enumerate(ts):
            m = WORD.match(t)
            if m and m.group(2).lower() not in STOPWORDS and m.group(2).lower() in syn:
                slots.append((i, j))
    total = sum(len(ts) for ts in toks)
    rng.shuffle(slots)
    for i, j in sorted(slots[: round(rate * total)]):
        pre, word, post = WORD.match(toks[i][j]).groups()
        new = rng.choice(syn[word.lower()])
        if word[0].isupper():
            new = new[0].upper() + new[1:]
        toks[i][j] = pre + new + post
    return [" ".join(ts) for ts in toks]


def edit(rng, paras, rate, vocab):
    """Edits about `rate` of the tokens: a third deleted, a third replaced, a third inserted."""
    out = []
    for p in paras:
        ts = TOKEN.findall(p)
        n = len(ts)
        picks = set(rng.sample(range(n), round(rate * n)))
        new = []
        for j, t in enumerate(ts):
            if j not in picks:
                new.append(t)
                continue
            op = rng.randrange(3)
            if op == 1:
                new.append(rng.choice(vocab))
            elif op == 2:
                new.extend([t, rng.choice(vocab)])
        out.append(" ".join(new))
    return out


def split_merge(rng, paras):
    """Merges the first two paragraphs, splits the longest remaining one, joins two sentences."""
    paras = list(paras)
    paras[0:2] = [paras[0] + " " + paras[1]]
    k = max(range(1, len(paras)), key=lambda i: len(paras[i]))
    ss = sentences(paras[k])
    if len(ss) >= 2:
        cut = len(ss) // 2
        paras[k:k + 1] = [" ".join(ss[:cut]), " ".join(ss[cut:])]
    for i in range(len(paras)):
        ss = sentences(paras[i])
        if len(ss) >= 2 and ss[0].endswith("."):
            joined = ss[0][:-1] + ", and " + ss[1][0].lower() + ss[1][1:]
            paras[i] = " ".join([joined] + ss[2:])
            break
    return paras


def local_lead(rng):
    town, name = rng.choice(TOWNS), f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return (f"{town} residents who rely on the service may notice the change this week, "
            f"according to {name}, who coordinates the local users' group and spoke to "
            f"this newspaper on {rng.choice(['Monday', 'Tuesday', 'Wednesday', 'Thursday'])}.")


# MARK: - Hard negatives

def same_event(rng, original, other, vocab):
    """A different story (other's prose) sharing a quotation, names and numbers with `original`."""
    ss = [s for p in original for s in sentences(p) if 12 <= len(s.split()) <= 40]
    quote = rng.choice(ss).rstrip(".") if ss else original[0].split(".")[0]
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    nums = re.findall(r"\b\d[\d.,]*\b", " ".join(original))[:3]
    paras = list(other)
    paras.insert(1, f"“{quote},” {name} said in a statement quoted by several outlets.")
    caps = list(dict.fromkeys(re.findall(r"(?<=[a-z,] )([A-Z][a-z]+(?: [A-Z][a-z]+)*)", " ".join(original))))[:3]
    extra = f"The figures cited, {', '.join(nums)}, were also mentioned." if nums else ""
    if caps:
        extra += f" Representatives of {' and '.join(caps)} were named in the same statement."
    paras[-1] = (paras[-1] + " " + extra.strip()) if extra.strip() else paras[-1]
    return paras, quote, name


def formulaic(rng, kind, k):
    """A template story with its own numbers: a price notice or a stake filing."""
    c = rng.choice(COMPANIES)
    if kind == 0:
        grade = rng.choice(["West Texas Intermediate", "West Texas Sour", "Light Louisiana Sweet"])
        old, delta = rng.randint(6000, 9000) / 100, rng.randint(25, 150) / 100
        return [
            f"{c} said it raised the contract price it pays for {grade} crude by {delta:.2f} dlrs a barrel, "
            f"effective {rng.choice(['today', 'tomorrow', 'Monday'])}.",
            f"The increase brings the posted price for {grade} to {old + delta:.2f} dlrs a barrel, "
            f"the company said.",
            f"The price was last changed on {rng.choice(['March', 'April', 'May', 'June'])} {rng.randint(1, 28)}, "
            f"when it was cut by {rng.randint(10, 90) / 100:.2f} dlrs.",
        ]
    target = rng.choice(COMPANIES)
    pct = rng.randint(50, 190) / 10
    return [
        f"{c} told the Securities and Exchange Commission it has acquired {rng.randint(300, 2000) * 1000:,} "
        f"shares of {target}, or {pct:.1f} pct of the total outstanding common stock.",
        f"{c} said it bought the stock for investment purposes and may buy more shares, "
        f"subject to market conditions.",
        f"It said it paid {rng.randint(5, 60)}.{rng.randint(0, 99):02d} dlrs a share in open market purchases "
        f"between {rng.choice(['March', 'April', 'May'])} {rng.randint(1, 14)} and {rng.randint(15, 28)}.",
    ]


def site_template(rng, site, headlines):
    """Boilerplate a site adds to a story: its fixed footer, and per story a wire credit line and a
    Related/Trending list quoting other stories' headlines (the templates that issue 18 says slip by)."""
    lines = []
    if rng.random() < 0.7:
        lines.append(f"(Reporting by {rng.choice(FIRST)} {rng.choice(LAST)}; additional reporting by "
                     f"{rng.choice(FIRST)} {rng.choice(LAST)}; Editing by {rng.choice(FIRST)} {rng.choice(LAST)})")
    if rng.random() < 0.5:
        h = rng.sample(headlines, 3)
        lines += ["Related: " + h[0], "Trending\n" + "\n".join("- " + x for x in h[1:])]
    name = site.split(".")[0].title()
    lines.append(f"© 2026 {name}. All rights reserved. Sign up for the {name} morning newsletter.")
    return lines


# MARK: - Corpus

def build(split, seed):
    rng = random.Random(f"{seed}:{split}")
    syn = load_thesaurus()
    stories = [s for s in load_stories() if split_of(s[0]) == ("test" if split == "test" else "dev")]
    if split == "ci":
        stories = stories[:SIZES["ci"] + 4]
    count = min(SIZES[split], len(stories) - len(stories) // 4)
    originals, others = stories[:count], stories[count:]
    vocab = sorted({w for _, ps in stories for p in ps for w in p.split() if w.isalpha() and w.islower()})
    headlines = [" ".join(ps[0].split()[:9]).rstrip(",.;") for _, ps in stories]

    docs, truth = [], []

    def add(kind, source, paras, prov, day, of=None, extra=None):
        template = site_template(rng, source, headlines)
        text_paras = list(paras) + template
        docs.append({"source": source, "published": f"2026-03-{day:02d}T{rng.randrange(24):02d}:"
                     f"{rng.randrange(60):02d}:00Z", "text": "\n\n".join(text_paras), "_kind": kind})
        rec = {"kind": kind, "of": of, "template_from": len(paras),
               "paragraphs": [[list(x) for x in sorted(p)] for p in prov]
               + [[] for _ in template]}
        if extra:
            rec.update(extra)
        truth.append(rec)
        return len(docs) - 1

    index = {}
    for k, (name, paras) in enumerate(originals):
        oid = add("original", WIRE_SITES[k % 2], paras, [{(k, i)} for i in range(len(paras))], 1 + k % 9,
                  extra={"chapter": name})
        index[k] = oid
    wide = rng.sample(range(count), count) + rng.sample(range(count), count)  # two copies each
    for n, k in enumerate(wide):
        paras = originals[k][1]
        prov = [{(k, i)} for i in range(len(paras))]
        t = COPY_TYPES[n % len(COPY_TYPES)]
        site = COPY_SITES[n % len(COPY_SITES)]
        if t == "verbatim":
            new = list(paras)
        elif t == "trimmed":
            keep = max(3, len(paras) - 2)
            new, prov = paras[:keep], prov[:keep]
        elif t == "lead":
            new, prov = [local_lead(rng)] + list(paras), [set()] + prov
        elif t == "reordered":
            order = list(range(len(paras)))
            while order == sorted(order):
                rng.shuffle(order)
            new, prov = [paras[i] for i in order], [prov[i] for i in order]
        elif t == "split_merge":
            new = split_merge(rng, paras)
            prov = [prov[0] | prov[1]] + prov[2:]
            # the split paragraph repeats its provenance; rebuild by matching sentence heads
            prov = provenance_by_text(new, paras, k)
        elif t.startswith("edit"):
            new = edit(rng, paras, int(t[4:]) / 100, vocab)
        elif t.startswith("spin"):
            new = spin(rng, paras, int(t[4:]) / 100, syn)
        else:  # chain: trimmed, edited 10 %, spun 12 %, two paragraphs swapped
            keep = max(3, len(paras) - 1)
            new, prov = edit(rng, paras[:keep], 0.10, vocab), prov[:keep]
            new = spin(rng, new, 0.12, syn)
            new[1], new[2], prov[1], prov[2] = new[2], new[1], prov[2], prov[1]
        add(t, site, new, prov, 10 + n % 9, of=index[k])
    # round-ups: the leads of three originals inserted into another story's text
    for r in range(max(2, count // 10)):
        ks = rng.sample(range(count), 3)
        base = others[r % len(others)][1][:3]
        new = [originals[k][1][0] for k in ks] + list(base)
        prov = [{(k, 0)} for k in ks] + [set() for _ in base]
        add("roundup", COPY_SITES[r % len(COPY_SITES)], new, prov, 20, of=[index[k] for k in ks])
    # same-event hard negatives: another story sharing a quotation, a name and numbers
    for r in range(max(2, count // 6)):
        k = rng.randrange(count)
        other = others[-1 - r % len(others)][1][:5]
        new, quote, name = same_event(rng, originals[k][1], other, vocab)
        add("same_event", COPY_SITES[(r + 2) % len(COPY_SITES)], new, [set() for _ in new], 21,
            of=index[k], extra={"quote": quote})
    # formulaic hard negatives: template stories with different numbers, all different stories
    for r in range(max(4, count // 5)):
        new = formulaic(rng, r % 2, r)
        add("formulaic", WIRE_SITES[r % 2], new, [set() for _ in new], 22)
    # order the feed by a seeded shuffle and give opaque ids
    order = list(range(len(docs)))
    rng.shuffle(order)
    ids = {}
    for pos, d in enumerate(order):
        ids[d] = f"{split}-{pos:04d}"
    feed, tr = [], []
    for d in order:
        doc, rec = docs[d], dict(truth[d])
        rec["id"] = ids[d]
        rec["source"] = doc["source"]
        if isinstance(rec["of"], int):
            rec["of"] = ids[rec["of"]]
        elif isinstance(rec["of"], list):
            rec["of"] = [ids[x] for x in rec["of"]]
        rec["paragraphs"] = [[[ids[index[k]], i] for k, i in p] for p in rec["paragraphs"]]
        feed.append({"id": ids[d], "source": doc["source"], "published": doc["published"], "text": doc["text"]})
        first = ["id", "kind", "of", "source", "template_from", "paragraphs"]
        tr.append({k: rec[k] for k in first + sorted(set(rec) - set(first))})
    return feed, tr


def provenance_by_text(new, paras, k):
    """Provenance of split/merged paragraphs: every original paragraph sharing a sentence head."""
    heads = {}
    for i, p in enumerate(paras):
        for s in sentences(p):
            heads[" ".join(s.split()[:4]).lower()] = i
    prov = []
    for p in new:
        found = set()
        for s in re.split(r"(?<=[.!?])\s+|, and ", p):
            h = " ".join(s.split()[:4]).lower()
            if h in heads:
                found.add((k, heads[h]))
        prov.append(found)
    return prov


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["ci", "dev", "test"], default="dev")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--out", required=True)
    ap.add_argument("--setup", action="store_true", help="apt-get install the source packages if missing")
    args = ap.parse_args()
    if args.setup:
        setup()
    if not HANDBOOK.is_dir() or not THESAURUS.is_file():
        sys.exit("missing source packages: run with --setup (as root) or apt-get install " + " ".join(PACKAGES))
    feed, truth = build(args.split, args.seed)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / f"{args.split}.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for r in feed:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(out / f"{args.split}.truth.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for r in truth:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{args.split}: {len(feed)} documents from {', '.join(package_versions())}, seed {args.seed}",
          file=sys.stderr)


if __name__ == "__main__":
    main()

"""Helpers for benches/peers/run.sh: input preparation, the peer tools, the table.

Every subcommand is one timed step (run.sh times each process with the wall clock)
or an untimed preparation step. Subcommands import only what they need, so the
same file runs under the system python3 (prep, table), the spaCy 3 venv (aho,
textacy, nela-standins, nela) and the spaCy 2 venv (parse).

    prep CORPUS LEXICON WORKDIR SAMPLE NELA_SAMPLE
                                         texts.txt, sample.jsonl, nela.jsonl, patterns.txt, stats.json
    aho PATTERNS TEXTS                   pyahocorasick over every article
    parse SAMPLE_JSONL ANN_JSONL         en_core_web_sm parse of the sample (spaCy 2 venv)
    textacy ANN_JSONL                    textacy.extract.triples.direct_quotations
    nela-standins ANN_JSONL SAMPLE_JSONL NLTK_DATA   stand-ins for NLTK's data packages
    nela SAMPLE_JSONL                    NELAFeatureExtractor.extract_all per article
    table WORKDIR OUT_CSV                print the table, write the CSV
"""

import json
import sys
import time

MB = 1_000_000


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ───────────────────────────────────────────────────────────── prep (system python)


def read_corpus(path):
    """Yield the `text` field of each JSON Lines record (gzip or plain)."""
    import gzip

    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line).get("text") or ""


def lexicon_patterns(lexicon_path):
    """The loaded-term patterns as fixed strings: lowercased, the trailing `*`
    dropped (so `assassinat*` is the substring `assassinat`), and a hyphenated
    pattern also written with a space, as slant matches `Iran-backed` to
    "Iran backed"."""
    import tomllib

    with open(lexicon_path, "rb") as f:
        lex = tomllib.load(f)
    out = []
    for term in lex.get("term", []):
        for p in term["patterns"]:
            p = p.lower().rstrip("*")
            for q in (p, p.replace("-", " ")):
                if q and q not in out:
                    out.append(q)
    return out


def cmd_prep(corpus, lexicon, workdir, sample, nela_sample):
    import os

    sample, nela_sample = int(sample), int(nela_sample)
    os.makedirs(workdir, exist_ok=True)
    t0 = time.perf_counter()
    n = nbytes = sbytes = nela_bytes = 0
    with open(f"{workdir}/texts.txt", "w", encoding="utf-8") as all_f, open(
        f"{workdir}/sample.jsonl", "w", encoding="utf-8"
    ) as sample_f, open(f"{workdir}/nela.jsonl", "w", encoding="utf-8") as nela_f:
        for text in read_corpus(corpus):
            b = len(text.encode("utf-8"))
            nbytes += b
            # one article a line for ripgrep and pyahocorasick; line breaks become
            # spaces (one byte for one byte, so the byte count is unchanged)
            all_f.write(text.replace("\r", " ").replace("\n", " ") + "\n")
            if n < sample:
                sample_f.write(json.dumps(text, ensure_ascii=False) + "\n")
                sbytes += b
            if n < nela_sample:
                nela_f.write(json.dumps(text, ensure_ascii=False) + "\n")
                nela_bytes += b
            n += 1
    pats = lexicon_patterns(lexicon)
    with open(f"{workdir}/patterns.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(pats) + "\n")
    stats = {
        "articles": n,
        "text_bytes": nbytes,
        "sample_articles": min(sample, n),
        "sample_text_bytes": sbytes,
        "nela_articles": min(nela_sample, n),
        "nela_text_bytes": nela_bytes,
        "patterns": len(pats),
        "prep_seconds": round(time.perf_counter() - t0, 3),
    }
    with open(f"{workdir}/stats.json", "w") as f:
        json.dump(stats, f, indent=1)
    log(
        f"prep: {n} articles, {nbytes / MB:.1f} MB of text; sample {stats['sample_articles']} "
        f"articles, {sbytes / MB:.2f} MB; nela sample {stats['nela_articles']} articles, "
        f"{nela_bytes / MB:.2f} MB; {len(pats)} patterns ({stats['prep_seconds']} s)"
    )


# ───────────────────────────────────────────────────────────── pyahocorasick


def cmd_aho(patterns_path, texts_path):
    import ahocorasick

    with open(patterns_path, encoding="utf-8") as f:
        pats = [line.rstrip("\n") for line in f if line.strip()]
    auto = ahocorasick.Automaton()
    for i, p in enumerate(pats):
        auto.add_word(p, i)
    auto.make_automaton()
    t0 = time.perf_counter()
    hits = articles = with_hit = 0
    with open(texts_path, encoding="utf-8") as f:
        for line in f:
            # leftmost-longest, non-overlapping: one count per matched span
            n = sum(1 for _ in auto.iter_long(line.lower()))
            hits += n
            with_hit += n > 0
            articles += 1
    loop = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "articles": articles,
                "hits": hits,
                "articles_with_hit": with_hit,
                "loop_seconds": round(loop, 3),
            }
        )
    )


# ───────────────────────────────────────────────────────────── spaCy 2 parse


def read_sample(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def cmd_parse(sample_path, ann_path):
    """Parse the sample with en_core_web_sm 2.2.5 (spaCy 2) and write each Doc's
    annotation as JSON: what spaCy 3 needs to rebuild the same Doc."""
    import warnings

    warnings.filterwarnings("ignore", message=r".*\[W031\].*")  # 2.2 model on spaCy 2.3
    import en_core_web_sm

    nlp = en_core_web_sm.load()
    nlp.max_length = 20_000_000
    texts = read_sample(sample_path)
    t0 = time.perf_counter()
    with open(ann_path, "w", encoding="utf-8") as out:
        for doc in nlp.pipe(texts, batch_size=16):
            rec = {
                "words": [t.text for t in doc],
                "spaces": [bool(t.whitespace_) for t in doc],
                "tags": [t.tag_ for t in doc],
                "pos": [t.pos_ for t in doc],
                "deps": [t.dep_ or "dep" for t in doc],
                "heads": [t.head.i for t in doc],
                "lemmas": [t.lemma_ for t in doc],
                "sent_starts": [bool(t.is_sent_start) for t in doc],
                "ents": [
                    f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else "O"
                    for t in doc
                ],
            }
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    loop = time.perf_counter() - t0
    print(
        json.dumps(
            {"articles": len(texts), "model": nlp.meta["version"], "loop_seconds": round(loop, 3)}
        )
    )


# ───────────────────────────────────────────────────────────── textacy (spaCy 3)


def cmd_textacy(ann_path):
    import spacy
    from spacy.tokens import Doc
    from textacy.extract.triples import direct_quotations

    vocab = spacy.blank("en").vocab
    t0 = time.perf_counter()
    docs = quotes = unbalanced = 0
    with open(ann_path, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            doc = Doc(
                vocab,
                words=a["words"],
                spaces=a["spaces"],
                tags=a["tags"],
                pos=a["pos"],
                deps=a["deps"],
                heads=a["heads"],
                lemmas=a["lemmas"],
                ents=a["ents"],
            )
            docs += 1
            try:
                quotes += sum(1 for _ in direct_quotations(doc))
            except ValueError:
                # textacy refuses a document with an odd number of quote marks
                unbalanced += 1
    loop = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "articles": docs,
                "quotations": quotes,
                "refused_unbalanced": unbalanced,
                "loop_seconds": round(loop, 3),
            }
        )
    )


# ───────────────────────────────────────────────────────────── nela-features


def cmd_nela_standins(ann_path, sample_path, nltk_data):
    """NLTK's data packages (punkt_tab, stopwords, averaged_perceptron_tagger_eng,
    maxent_ne_chunker_tab, words) are downloaded by nltk.download() from GitHub and
    are on no package index. nela-features needs all five, so this writes stand-ins
    of the same formats under NLTK_DATA, trained here:

      punkt_tab/english      Punkt trained (unsupervised, as NLTK's was) on the sample
      stopwords/english      spaCy's English stop-word list
      words/en-basic         the 850 commonest lower-case words of the sample
      averaged_perceptron_tagger_eng   NLTK's perceptron trained on en_core_web_sm tags
      maxent_ne_chunker_tab  NLTK's NE chunk tagger features, weights from counts
                             over en_core_web_sm entities (no iterative training)

    They change what nela computes, not how: nela runs its own code on them."""
    import collections
    import math
    import os

    os.environ["NLTK_DATA"] = nltk_data
    import nltk

    nltk.data.path[:] = [nltk_data]
    from nltk.classify.maxent import save_maxent_params
    from nltk.tag.perceptron import PerceptronTagger
    from nltk.tokenize.punkt import PunktTrainer, save_punkt_params
    from spacy.lang.en.stop_words import STOP_WORDS

    texts = read_sample(sample_path)
    anns = []
    with open(ann_path, encoding="utf-8") as f:
        for line in f:
            anns.append(json.loads(line))

    # sentences of (word, tag, iob) from the spaCy parse, spaces dropped
    sents = []
    for a in anns:
        sent = []
        for i, w in enumerate(a["words"]):
            if a["sent_starts"][i] and sent:
                sents.append(sent)
                sent = []
            if w.strip():
                sent.append((w, a["tags"][i], a["ents"][i]))
        if sent:
            sents.append(sent)

    def mk(path):
        os.makedirs(path, exist_ok=True)
        return path

    # punkt
    trainer = PunktTrainer()
    trainer.train("\n\n".join(texts), finalize=True)
    save_punkt_params(trainer.get_params(), dir=mk(f"{nltk_data}/tokenizers/punkt_tab/english"))

    # stopwords, words
    with open(f"{mk(nltk_data + '/corpora/stopwords')}/english", "w") as f:
        f.write("\n".join(sorted(STOP_WORDS)) + "\n")
    freq = collections.Counter(
        w for s in sents for (w, _, _) in s if w.isalpha() and w.islower()
    )
    with open(f"{mk(nltk_data + '/corpora/words')}/en-basic", "w") as f:
        f.write("\n".join(w for w, _ in freq.most_common(850)) + "\n")

    # perceptron tagger, on the Penn Treebank tags NLTK's model emits (nela counts
    # only those, and fails on OntoNotes extras such as NFP or HYPH)
    tagger = PerceptronTagger(load=False)
    tagger.train([[(w, ptb_tag(t)) for (w, t, _) in s] for s in sents], nr_iter=3)
    tagger.save_to_json(lang="eng", loc=mk(f"{nltk_data}/taggers/averaged_perceptron_tagger_eng"))

    # NE chunker: the features NLTK's NEChunkParserTagger computes, over the
    # spaCy entities mapped to the ACE labels of NLTK's model
    from nltk.chunk.named_entity import NEChunkParserTagger

    ace = {"PERSON": "PERSON", "ORG": "ORGANIZATION", "GPE": "GPE", "LOC": "LOCATION", "FAC": "FACILITY"}

    def iob(e):
        if e == "O" or e[2:] not in ace:
            return "O"
        return f"{e[0]}-{ace[e[2:]]}"

    feat = NEChunkParserTagger(classifier=object())
    joint = collections.Counter()
    marginal = collections.Counter()
    label_n = collections.Counter()
    for s in sents:
        toks = [(w, t) for (w, t, _) in s]
        gold = [iob(e) for (_, _, e) in s]
        for i in range(len(toks)):
            fs = feat._feature_detector(toks, i, gold[:i])
            y = gold[i]
            label_n[y] += 1
            for fname, fval in fs.items():
                joint[(fname, fval, y)] += 1
                marginal[(fname, fval)] += 1
    labels = sorted(label_n)
    total = sum(label_n.values())
    mapping = {}
    weights = []
    for (fname, fval, y), c in joint.items():
        mapping[(fname, fval, y)] = len(weights)
        p = (c + 0.1) / (marginal[(fname, fval)] + 0.1 * len(labels))
        weights.append(math.log(p) - math.log(label_n[y] / total))
    alwayson = {}
    for y in labels:
        alwayson[y] = len(weights)
        weights.append(math.log(label_n[y] / total))
    import numpy

    save_maxent_params(
        numpy.array(weights),
        mapping,
        labels,
        alwayson,
        tab_dir=mk(f"{nltk_data}/chunkers/maxent_ne_chunker_tab/english_ace_multiclass"),
    )
    # what nela pays per article: NLTK's ne_chunk() builds (loads) a new chunker
    # on every call
    from nltk.chunk import ne_chunker

    t0 = time.perf_counter()
    ne_chunker()
    load = time.perf_counter() - t0
    chunker_dir = f"{nltk_data}/chunkers/maxent_ne_chunker_tab/english_ace_multiclass"
    size = sum(os.path.getsize(f"{chunker_dir}/{n}") for n in os.listdir(chunker_dir))
    info = {
        "sentences": len(sents),
        "tagger_features": len(tagger.model.weights),
        "chunker_weights": len(mapping),
        "chunker_mb": round(size / MB, 2),
        "chunker_load_seconds": round(load, 3),
    }
    with open(f"{nltk_data}/standins.json", "w") as f:
        json.dump(info, f, indent=1)
    log(f"nela stand-ins: {info}")


PTB = set(
    "CC CD DT EX FW IN JJ JJR JJS LS MD NN NNS NNP NNPS PDT POS PRP PRP$ RB RBR RBS RP SYM "
    "TO UH WP$ WRB VB VBD VBG VBN VBP VBZ WDT WP $ '' ( ) , -- . : ``".split()
)
ONTONOTES_EXTRA = {"-LRB-": "(", "-RRB-": ")", "HYPH": ":", "NFP": ":", "ADD": "NN", "AFX": "JJ", "XX": "FW"}


def ptb_tag(tag):
    tag = ONTONOTES_EXTRA.get(tag, tag)
    return tag if tag in PTB else "NN"


def cmd_nela(sample_path):
    from nela_features.nela_features import NELAFeatureExtractor

    nela = NELAFeatureExtractor()
    texts = read_sample(sample_path)
    t0 = time.perf_counter()
    done = failed = 0
    for text in texts:
        try:
            nela.extract_all(text)
            done += 1
        except Exception as e:  # e.g. ZeroDivisionError on an empty text
            failed += 1
            log(f"nela: {type(e).__name__}: {e}")
    loop = time.perf_counter() - t0
    print(json.dumps({"articles": done, "failed": failed, "loop_seconds": round(loop, 3)}))


# ───────────────────────────────────────────────────────────── table


def _load(path, default=None):
    try:
        with open(path) as f:
            return json.load(f)
    except (FileNotFoundError, json.JSONDecodeError):
        return default


def cmd_table(workdir, out_csv):
    import csv
    import os

    stats = _load(f"{workdir}/stats.json")
    times = {}
    with open(f"{workdir}/times.tsv") as f:
        for line in f:
            name, secs = line.rstrip("\n").split("\t")
            times[name] = float(secs)
    ver = _load(f"{workdir}/versions.json", {})

    # what each tool found, for the notes column
    notes = {}
    for j in ("j2", "j1"):
        m = _load(f"{workdir}/../slant/{j}/manifest.json")
        if m:
            c = m["counts"]
            notes[f"slant -j {j[1]}"] = (
                f"slant {ver.get('slant', '?')} ({ver.get('slant_source', '?')}); whole pipeline from the gzipped JSON Lines, "
                f"every table, chart and page written; {c['articles']} articles, "
                f"{c['loaded_term_hits']} loaded-term hits, {c['quotations']} quotations, "
                f"{c['casualty_mentions']} casualty mentions, {c['skipped']} skipped"
            )
    def rg_count(name):
        try:
            with open(f"{workdir}/{name}") as f:
                return int(f.read().strip() or 0)
        except (FileNotFoundError, ValueError):
            return None

    if rg_count("rg.out") is not None:
        notes["ripgrep -i"] = (
            f"{ver.get('ripgrep', 'ripgrep')}; rg --count-matches -i -F -f patterns.txt texts.txt "
            f"(one article a line); {rg_count('rg.out')} matches"
        )
    if rg_count("rg_lower.out") is not None:
        notes["ripgrep lowercased"] = (
            f"tr A-Z a-z < texts.txt | rg --count-matches -F -f patterns.txt (no -i; the "
            f"patterns are ASCII lower case); {rg_count('rg_lower.out')} matches"
        )
    a = _load(f"{workdir}/aho.json")
    if a:
        notes["pyahocorasick"] = (
            f"pyahocorasick {ver.get('pyahocorasick', '?')}; the same {stats['patterns']} "
            f"patterns, lowercased text, leftmost-longest; {a['hits']} matches in "
            f"{a['articles_with_hit']} articles; {a['loop_seconds']:.1f} s in the matching loop"
        )
    t = _load(f"{workdir}/textacy.json")
    p = _load(f"{workdir}/parse.out", {})
    if t:
        notes["textacy"] = (
            f"textacy {ver.get('textacy', '?')} direct_quotations on en_core_web_sm 2.2.5 "
            f"parses (spaCy {ver.get('spacy2', '?')}); parse process "
            f"{times.get('textacy_parse', 0):.1f} s ({p.get('loop_seconds', 0):.1f} s parsing) + "
            f"quotation process {times.get('textacy_quotes', 0):.1f} s "
            f"({t['loop_seconds']:.1f} s extracting); {t['quotations']} quotations; "
            f"{t['refused_unbalanced']} of {t['articles']} articles refused (odd number of quote marks)"
        )
    n = _load(f"{workdir}/nela.json")
    si = _load(f"{workdir}/../nltk_data/standins.json", {})
    if n:
        notes["nela-features"] = (
            f"nela_features {ver.get('nela_features', '?')} extract_all (nltk {ver.get('nltk', '?')}) "
            f"on stand-in NLTK data trained here; NE chunker model {si.get('chunker_mb', '?')} MB, "
            f"reloaded per article ({si.get('chunker_load_seconds', '?')} s a load); "
            f"{n['loop_seconds']:.1f} s in the per-article loop; "
            f"{n['failed']} of {n['articles'] + n['failed']} articles failed"
        )

    whole = (stats["articles"], stats["text_bytes"])
    sample = (stats["sample_articles"], stats["sample_text_bytes"])
    nela = (stats["nela_articles"], stats["nela_text_bytes"])
    plan = [  # (row, input, timed steps)
        ("slant -j 2", whole, ["slant_j2"]),
        ("slant -j 1", whole, ["slant_j1"]),
        ("ripgrep -i", whole, ["ripgrep"]),
        ("ripgrep lowercased", whole, ["ripgrep_lower"]),
        ("pyahocorasick", whole, ["aho"]),
        ("textacy", sample, ["textacy_parse", "textacy_quotes"]),
        ("nela-features", nela, ["nela"]),
    ]
    rows = []
    for tool, (arts, nbytes), steps in plan:
        if not all(s in times for s in steps):
            continue
        secs = sum(times[s] for s in steps)
        rows.append(
            {
                "tool": tool,
                "articles": arts,
                "mb": nbytes / MB,
                "seconds": secs,
                "mb_per_s": nbytes / MB / secs,
                "note": notes.get(tool, ""),
            }
        )
    ref = {r["tool"]: r["mb_per_s"] for r in rows}
    for r in rows:
        r["slant_j2_x"] = ref.get("slant -j 2", float("nan")) / r["mb_per_s"]
        r["slant_j1_x"] = ref.get("slant -j 1", float("nan")) / r["mb_per_s"]

    cols = ["tool", "articles", "mb", "seconds", "mb_per_s", "slant_j2_x", "slant_j1_x", "note"]
    os.makedirs(os.path.dirname(out_csv) or ".", exist_ok=True)
    with open(out_csv, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for r in rows:
            w.writerow(
                [
                    r["tool"],
                    r["articles"],
                    f"{r['mb']:.3f}",
                    f"{r['seconds']:.2f}",
                    f"{r['mb_per_s']:.4f}",
                    f"{r['slant_j2_x']:.2f}",
                    f"{r['slant_j1_x']:.2f}",
                    r["note"],
                ]
            )

    def fmt_x(x):
        return f"{x:,.0f}" if x >= 100 else f"{x:.2f}"

    head = ("tool", "articles", "MB", "seconds", "MB/s", "slant -j 2 / tool", "slant -j 1 / tool")
    body = [
        (
            r["tool"],
            f"{r['articles']:,}",
            f"{r['mb']:.2f}",
            f"{r['seconds']:.1f}",
            f"{r['mb_per_s']:.4f}" if r["mb_per_s"] < 1 else f"{r['mb_per_s']:.1f}",
            fmt_x(r["slant_j2_x"]),
            fmt_x(r["slant_j1_x"]),
        )
        for r in rows
    ]
    widths = [max(len(x[i]) for x in [head] + body) for i in range(len(head))]

    def line(cells):
        return "  ".join(
            c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(cells)
        )

    print(line(head))
    print("  ".join("-" * w for w in widths))
    for b in body:
        print(line(b))
    print()
    print("MB: 10^6 bytes of UTF-8 article text (the JSON `text` field) the tool processed.")
    print("seconds: wall clock of the tool's whole process (start-up and model loading included).")
    print("slant -j N / tool: slant's MB/s at N threads divided by the tool's MB/s, i.e. how many")
    print("times faster slant is (below 1: the tool is faster).")
    for r in rows:
        if r["note"]:
            print(f"- {r['tool']}: {r['note']}")
    load = ""
    try:
        with open(f"{workdir}/load.txt") as f:
            load = f.read().strip()
    except FileNotFoundError:
        pass
    if load:
        print(f"load average (1, 5, 15 min) {load}")
    print(f"\nwritten: {out_csv}")


def main(argv):
    cmds = {
        "prep": cmd_prep,
        "aho": cmd_aho,
        "parse": cmd_parse,
        "textacy": cmd_textacy,
        "nela-standins": cmd_nela_standins,
        "nela": cmd_nela,
        "table": cmd_table,
    }
    if len(argv) < 2 or argv[1] not in cmds:
        print(__doc__, file=sys.stderr)
        return 2
    cmds[argv[1]](*argv[2:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

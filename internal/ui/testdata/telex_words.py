#!/usr/bin/env python3
"""Writes telex_words.tsv: Vietnamese words from the demo procedures, each with
the Telex keys a typist presses for it. Run from the repository root:
    python3 internal/ui/testdata/telex_words.py > internal/ui/testdata/telex_words.tsv
Three spellings per word where they differ, all accepted by Unikey and
bamboo-core: the tone key at the end of the word ("dduwowngf"), the tone key
right after the vowel it sits on ("dduwowfng"), and the ươ shortcut "uow"
("dduowngf") or ư then o ("dduwongf")."""
import json, re, unicodedata

TONES = {'\u0300': 'f', '\u0301': 's', '\u0309': 'r', '\u0303': 'x', '\u0323': 'j'}
SHAPES = {'â': 'aa', 'ă': 'aw', 'ê': 'ee', 'ô': 'oo', 'ơ': 'ow', 'ư': 'uw', 'đ': 'dd'}

def split(word):
    """letters without tone, the tone key, and the index of the toned letter"""
    base, tone, at = [], '', -1
    for ch in word:
        d = unicodedata.normalize('NFD', ch)
        t = [c for c in d if c in TONES]
        if t:
            tone, at = TONES[t[0]], len(base)
        base.append(unicodedata.normalize('NFC', ''.join(c for c in d if c not in TONES)))
    return base, tone, at

def keys(base, tone, at, tone_late=True):
    out = []
    for i, ch in enumerate(base):
        out.append(SHAPES.get(ch, ch))
        if not tone_late and i == at:
            out.append(tone)
    if tone_late:
        out.append(tone)
    return ''.join(out)

def main():
    text = json.dumps(json.load(open('assets/demo/procedures.json')), ensure_ascii=False)
    seen = set()
    rows = []
    for w in re.findall(r"[^\W\d_]+", text):
        w = w.lower()
        if w in seen or not re.search(r'[^a-z]', w):
            continue
        if 'dđ' in w or 'đd' in w:  # "bgdđt": d then dd is ambiguous in Telex
            continue
        seen.add(w)
        base, tone, at = split(w)
        variants = [keys(base, tone, at)]
        if tone:
            variants.append(keys(base, tone, at, tone_late=False))
        s = ''.join(base)
        if 'ươ' in s:
            variants.append(keys(list(s.replace('ươ', 'uo\x00')), tone, at).replace('\x00', 'w'))
            if not s.endswith('ươ'):
                variants.append(keys(list(s.replace('ươ', 'ưo')), tone, at))
        for v in dict.fromkeys(variants):
            rows.append((v, w))
    for k, w in rows:
        print(f"{k}\t{w}")

main()

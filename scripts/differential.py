#!/usr/bin/env python3
"""Compares Go's answers (tests/go/oracle, one JSON line per file) with the CLI's JSON reports
(one FILE.json beside each case) and prints agreement per class (manifest.tsv's labels).

  differential.py CASES_DIR ANSWERS.jsonl

A case agrees when both refuse it (and, where ours comes from the Go-parity checks, with Go's
words), or both accept it with the same CN and O values and the same login verdict. Exit 1 when
any case disagrees."""
import collections, json, os, sys

cases_dir, answers_path = sys.argv[1], sys.argv[2]
labels = {}
manifest = os.path.join(cases_dir, 'manifest.tsv')
if os.path.exists(manifest):
    for line in open(manifest).read().splitlines()[1:]:
        f, classes = line.split('\t')
        labels[f] = classes.split(',')


def ours(path):
    r = json.load(open(path + '.json'))
    objs = [o for o in r['objects'] if o.get('certificate') or o.get('request')]
    first = objs[0] if objs else None
    if first is None or not first['source'].startswith(('PEM block 1 ', 'PEM block 1(')):
        # x509-parser refused the first block: it is in "not understood".
        return {'refused': True, 'error': ' '.join(r['input']['not_understood'])[:400], 'go_words': False}
    facts = first.get('certificate') or first.get('request')
    names_refused = any(a.get('go_error') and not (first.get('request') and a.get('not_a_string')) for a in facts['subject'] + facts.get('issuer', []))
    if facts.get('go_error'):
        return {'refused': True, 'error': facts['go_error'], 'go_words': True}
    if names_refused:
        return {'refused': True, 'error': 'x509: invalid RDNSequence (a name)', 'go_words': False, 'names': True}
    # A value of no string type is no username or group (Go's pkix.Name has no string for it).
    cns = [a['value'] for a in facts['subject'] if a['short'] == 'CN' and not a.get('not_a_string')]
    orgs = [a['value'] for a in facts['subject'] if a['short'] == 'O' and not a.get('not_a_string')]
    return {'refused': False, 'cn': cns[-1] if cns else '', 'o': orgs, 'logs_in': first.get('access') is not None}


per_class = collections.defaultdict(lambda: [0, 0])
wrong = []
total = 0
for line in open(answers_path):
    go = json.loads(line)
    path = go['file']
    name = os.path.basename(path)
    us = ours(path)
    problem = None
    if go.get('parse_error'):
        if not us['refused']:
            problem = f"Go refuses ({go['parse_error']}), we accept"
        elif us['go_words'] and us['error'] != go['parse_error']:
            problem = f"Go says {go['parse_error']!r}, we say {us['error']!r}"
        elif go['parse_error'].startswith('x509: invalid RDNSequence') != bool(us.get('names')):
            problem = f"Go says {go['parse_error']!r}, we say {us['error']!r}"
        elif not us['go_words'] and not us.get('names') and f'"{go["parse_error"]}"' not in us['error']:
            problem = f"both refuse, but not in Go's words: Go {go['parse_error']!r}, we {us['error']!r}"
    elif us['refused']:
        problem = f"Go accepts, we refuse ({us['error']})"
    elif (us['cn'], us['o']) != (go.get('username', ''), go.get('groups') or []):
        problem = f"Go reads CN {go.get('username')!r} O {go.get('groups')}, we read CN {us['cn']!r} O {us['o']}"
    elif go['kind'] == 'certificate' and us['logs_in'] != go['logs_in']:
        problem = f"Go: logs in = {go['logs_in']} ({go.get('login_error', '')}), we: {us['logs_in']}"
    total += 1
    for c in labels.get(name, ['fixed-case']):
        per_class[c][0] += 1
        per_class[c][1] += problem is not None
    if problem:
        wrong.append(f"{name} [{','.join(labels.get(name, []))}]: {problem}")

go_version = json.loads(open(answers_path).readline())['go']
print(f"{total} cases, {len(wrong)} disagreements with {go_version}")
print(f"{'class':<34} {'cases':>6} {'disagree':>9}")
for c in sorted(per_class):
    n, bad = per_class[c]
    print(f"{c:<34} {n:>6} {bad:>9}")
for w in wrong[:40]:
    print('  ' + w)
if len(wrong) > 40:
    print(f'  … and {len(wrong) - 40} more')
sys.exit(1 if wrong else 0)

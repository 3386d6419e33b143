import gzip, json, random
used=set()
for f in ['bench/data/news-heldout-en-r10.jsonl','/work/shared/eval/news/news-questions.dev.jsonl']:
    for l in open(f):
        s=json.loads(l).get('source')
        if s: used.add(s)
rows=[json.loads(l) for l in gzip.open('/work/shared/data/thaigov-news.jsonl.gz','rt')]
rows=[r for r in rows if r['source'] not in used and len(r['text'])>300]
rng=random.Random(20261302)
pick=rng.sample(rows,60)
for i,r in enumerate(pick):
    print('=====',i,r['source'],r['date'],r['kind'])
    print(r['title'])
    print(r['text'][:650])

#!/usr/bin/env python3
"""The source formatter SourceStyleTest checks against: replaces fully qualified class names written out in Java code
by imports (unless the simple name clashes), and sorts imports (static first, then the rest, each group in ASCII
order, a blank line after each group). Usage: scripts/format-java.py [files...] (default: every source of the build).
"""
import re,sys,os
FQN=re.compile(r"(?<![\w.])((?:java|javax|io\.vertx|dev\.beacon|io\.micrometer|com\.hazelcast|org\.apache|com\.alibaba|org\.junit|io\.netty|com\.fasterxml|org\.slf4j)(?:\.[a-z0-9_]+)*)\.([A-Z]\w*)")
def in_string(line, pos):
    q=0; i=0
    while i<pos:
        c=line[i]
        if c=='\\': i+=2; continue
        if c=='"': q+=1
        i+=1
    return q%2==1
def process(path):
    src=open(path).read()
    lines=src.split("\n")
    pkg=next((l[8:-1] for l in lines if l.startswith("package ")),"")
    imports=[l for l in lines if l.startswith("import ")]
    simple={}
    for l in imports:
        m=re.match(r"import (static )?([\w.]+)\.(\w+);",l)
        if m and not m.group(1): simple[m.group(3)]=m.group(2)+"."+m.group(3)
    same_pkg=set(f[:-5] for f in os.listdir(os.path.dirname(path)) if f.endswith(".java"))
    new_imports=set(); out=[]; in_block=False
    for l in lines:
        s=l.strip()
        if l.startswith("import ") or l.startswith("package "): out.append(l); continue
        if in_block:
            out.append(l)
            if "*/" in l: in_block=False
            continue
        if s.startswith("/*") or s.startswith("*"):
            out.append(l)
            if s.startswith("/*") and "*/" not in s: in_block=True
            continue
        code=l.split("//")[0] if "//" in l and not in_string(l,l.index("//")) else l
        def repl(m):
            if in_string(l,m.start()): return m.group(0)
            full=m.group(1)+"."+m.group(2); name=m.group(2)
            if m.group(1)==pkg: return name
            if name in simple and simple[name]!=full: return m.group(0)
            if name in same_pkg or name in ("Override","String","Object","Integer","Long","Boolean","Double","Character","Byte","Short","Float","Math","System","Thread","Runnable","Exception","RuntimeException","Error","Class","Iterable","Record","Enum","Void","Number","Process","Runtime","StringBuilder"): return m.group(0)
            simple[name]=full; new_imports.add(full); return name
        newcode=FQN.sub(repl,code)
        out.append(newcode+l[len(code):])
    # rebuild imports
    allimps=set(l for l in out if l.startswith("import ")) | set("import %s;"%f for f in new_imports if not f.startswith("java.lang.") or f.count(".")>2)
    allimps=set(i for i in allimps if not re.match(r"import java\.lang\.[A-Z]\w*;",i))
    statics=sorted(i for i in allimps if i.startswith("import static "))
    normal=sorted(i for i in allimps if not i.startswith("import static "))
    body=[l for l in out if not l.startswith("import ")]
    pi=next(i for i,l in enumerate(body) if l.startswith("package "))
    head=body[:pi+1]; rest=body[pi+1:]
    while rest and rest[0].strip()=="": rest=rest[1:]
    block=[]
    if statics: block+=statics+[""]
    if normal: block+=normal+[""]
    res="\n".join(head+[""]+block+rest)
    if res!=src:
        open(path,'w').write(res); return True
    return False
ROOTS=["src/main/java","src/test/java","client/src/main/java","client/src/test/java","bench/src/main/java"]
if len(sys.argv)>1:
    files=sys.argv[1:]
else:
    base=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    files=[os.path.join(d,f) for r in ROOTS for d,_,fs in os.walk(os.path.join(base,r)) for f in fs if f.endswith(".java")]
changed=[p for p in files if process(p)]
print(len(changed),"files changed")

#!/usr/bin/env python3
"""Regenerates the event-bus action table in README.md from the route table, src/main/java/dev/beacon/http/Routes.java.

For each route: its action, HTTP method and path, access, and the parameters its endpoint reads, found in the
endpoint method and in the helpers it passes the request's Params `p` to (NamingRequests, private helpers), e.g.
`p.required("ip")` (required) or `p.optional("weight", …)`. Run it after changing a route or an endpoint's params;
EventBusApiTest fails when an action is missing.
"""
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
main = root / "src/main/java/dev/beacon"
routes_src = (main / "http/Routes.java").read_text()
# The endpoints (http) and the validation they share with gRPC (api: Params, NamingRequests).
sources = {f.stem: f.read_text() for pkg in ("http", "api") for f in (main / pkg).glob("*.java")}

READS = r'p\.(required|requiredInt|optional|intValue|doubleValue|lenientBoolean|strictBoolean|has)\("([^"]+)"'


def method_body(cls, name):
    """The body of the first method `name(Params …` in class `cls`, or None."""
    src = sources.get(cls, "")
    m = re.search(r'\b' + re.escape(name) + r'\(Params p\b[^)]*\)\s*(?:throws [\w, ]+)?\{', src)
    if not m:
        return None
    depth, i = 1, m.end()
    while depth:
        depth += {"{": 1, "}": -1}.get(src[i], 0)
        i += 1
    return src[m.end():i - 1]


def params(cls, name, seen=None):
    """{param: required} read by cls.name and the helpers it hands p to."""
    seen = seen if seen is not None else set()
    if (cls, name) in seen:
        return {}
    seen.add((cls, name))
    body = method_body(cls, name)
    if body is None:
        return {}
    out = {}
    for kind, param in re.findall(READS, body):
        out[param] = out.get(param, False) or kind in ("required", "requiredInt")
    # an optional read that is then refused when missing: badRequest("Param 'x' is required.")
    for param in re.findall(r"Param '(\w+)' is required\.", body):
        out[param] = True
    # helper(p, "literal"): a helper that reads the param named by its argument
    for helper, literal in re.findall(r'\b(\w+)\(p, "([^"]+)"\)', body):
        hb = method_body(cls, helper) or ""
        if re.search(r'p\.required\(\w+\)', hb):
            out[literal] = True
        elif re.search(r'p\.optional\(\w+', hb):
            out.setdefault(literal, False)
    for owner, helper in re.findall(r'\b(?:(\w+)\.)?(\w+)\(p\b', body):
        target = owner if owner in sources else cls
        for param, req in params(target, helper, seen).items():
            out[param] = out.get(param, False) or req
    return out


def constant(expr):
    """The value of a `Class.NAME` string constant declared in http or api, or None."""
    m = re.fullmatch(r"(\w+)\.([A-Z_]+)", expr)
    if not m:
        return None
    c = re.search(r'static final String ' + m.group(2) + r' = "([^"]*)"', sources.get(m.group(1), ""))
    return c.group(1) if c else None


# Variables of Routes' constructor: endpoint objects (instance → InstanceEndpoints), path strings, accesses.
objects = dict((v, c) for c, v in re.findall(r'(\w+Endpoints) (\w+)(?: = new|[,)])', routes_src))
strings = dict(re.findall(r'String (\w+) = "([^"]*)";', routes_src))
accesses = dict((v, a) for v, a in re.findall(r'Access (\w+) = (Access\.[^;]+);', routes_src))


def expand(line, prefix=None):
    m = re.search(r'add\(HttpMethod\.(\w+), (.+?), (.+?), (Access\.\w+(?:\([^)]*\))?|\w+),\s*(.+)\);', line, re.S)
    if not m:
        return None
    method, path_expr, action_expr, access, endpoint = m.groups()
    env = dict(strings)
    if prefix is not None:
        env["prefix"], env["a"] = prefix, prefix[1:]
    path = "".join(env.get(t.strip(), constant(t.strip()) or t.strip().strip('"')) for t in path_expr.split("+"))
    action = "".join(env.get(t.strip(), t.strip().strip('"')) for t in action_expr.split("+"))
    access = accesses.get(access, access).replace("Access.", "")
    ref = re.search(r'(\w+)(?:::|\.)(\w+)', endpoint)
    found = params(objects[ref.group(1)], ref.group(2))
    return action, method, "/nacos" + path, access, found


rows = []
loop = re.search(r'for \(String prefix : List\.of\(([^)]*)\)\) \{(.*?)\n    \}', routes_src, re.S)
# Statements in order; the loop body is expanded once per prefix where it stands.
body = routes_src[routes_src.index("String ns ="):routes_src.index("private void add(")]  # the table itself
pos = 0
for m in re.finditer(r'add\(HttpMethod\.[\s\S]*?\);|for \(String prefix[\s\S]*?\n    \}', body):
    text = m.group(0)
    if text.startswith("for"):
        for prefix in re.findall(r'"([^"]+)"', loop.group(1)):
            for stmt in re.findall(r'add\(HttpMethod\.[\s\S]*?\);', loop.group(2)):
                rows.append(expand(stmt, prefix))
    else:
        rows.append(expand(text))


# Second names the endpoints accept for a parameter (Nacos 1.x's older spellings), shown after it.
ALIASES = {"dom": "serviceName", "enable": "enabled", "cluster": "clusterName"}


def fmt(found):
    if not found:
        return "—"
    names = [p for p in found if p not in ALIASES or ALIASES[p] not in found]
    names.sort(key=lambda p: not found[p])  # required first, each group in the order the endpoint reads them
    alias = {v: k for k, v in ALIASES.items() if k in found and v in found}
    return ", ".join(f"`{p}`" + ("*" if found[p] else "") + (f" (or `{alias[p]}`)" if p in alias else "")
                     for p in names)


table = "| action | HTTP route | access | params (* required) |\n|---|---|---|---|\n" + "\n".join(
    f"| `{a}` | `{m} {p}` | {acc} | {fmt(f)} |" for a, m, p, acc, f in rows)
readme = root / "README.md"
text = re.sub(r"<!-- actions-table -->.*<!-- /actions-table -->",
              lambda _: "<!-- actions-table -->\n" + table + "\n<!-- /actions-table -->",
              readme.read_text(), flags=re.S)
readme.write_text(text)
if "--print" in __import__("sys").argv:
    print(table)
print(f"{len(rows)} actions")

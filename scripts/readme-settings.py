#!/usr/bin/env python3
"""Regenerates the configuration table in README.md from src/main/java/dev/beacon/config/Setting.java."""
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
source = (root / "src/main/java/dev/beacon/config/Setting.java").read_text()
rows = re.findall(r'^\s+[A-Z_]+\("([^"]+)", "([^"]*)",\s*"([^"]*)"\)', source, re.M)
env = lambda k: "BEACON_" + k.upper().replace("-", "_").replace(".", "_")
table = "| key | environment | default | meaning |\n|---|---|---|---|\n" + "\n".join(
    f"| `{k}` | `{env(k)}` | `{d}` | {m} |" for k, d, m in rows)
readme = root / "README.md"
text = re.sub(r"<!-- settings-table -->.*<!-- /settings-table -->",
              lambda _: "<!-- settings-table -->\n" + table + "\n<!-- /settings-table -->",
              readme.read_text(), flags=re.S)
readme.write_text(text)
print(f"{len(rows)} settings")

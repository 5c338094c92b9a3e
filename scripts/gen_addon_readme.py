"""Compose each addon's README.md from its readme/*.md fragments, the way
OCA's oca-gen-addon-readme composes README.rst: the fragments are what
people edit, README.md is what Odoo's Apps and code hosts show.
Exits 1 when a README.md changed, so that the lint hook asks for a commit.
"""

import ast
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SECTIONS = [
    ("DESCRIPTION.md", None),
    ("USAGE.md", "Usage"),
    ("CONFIGURE.md", "Configuration"),
    ("CONTEXT.md", "How it works"),
]


def compose(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    parts = [
        "<!-- Generated from readme/*.md by scripts/gen_addon_readme.py: edit those. -->",
        f"# {manifest['name']}",
        f"_{manifest['summary']}_",
        f"`{addon.name}` · version {manifest['version']} · {manifest['license']} · "
        f"depends on {', '.join(f'`{d}`' for d in manifest['depends'])}",
    ]
    for filename, title in SECTIONS:
        fragment = addon / "readme" / filename
        if fragment.exists():
            if title:
                parts.append(f"## {title}")
            parts.append(fragment.read_text().strip())
    return "\n\n".join(parts) + "\n"


def main():
    changed = []
    for addon in sorted(ROOT.glob("cim_*/")):
        if not (addon / "__manifest__.py").exists() or not (addon / "readme").is_dir():
            continue
        target = addon / "README.md"
        text = compose(addon)
        if not target.exists() or target.read_text() != text:
            target.write_text(text)
            changed.append(str(target.relative_to(ROOT)))
    for path in changed:
        print(f"rewrote {path}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())

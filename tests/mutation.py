"""Mutation testing of the modules that hold guarantees (`make mutation`): Cosmic Ray changes one
operator, constant or condition at a time and runs the tests that guard that module; a mutant
the tests do not kill is a guarantee nobody would notice breaking.

    python -m tests.mutation                      # guarded modules changed since main
    python -m tests.mutation builder/write/writer.py   # named modules
    python -m tests.mutation --all                # every guarded module (long)

It works in a throwaway copy of the checkout, so an interrupted run never leaves a mutant in
your files. Survivors are listed at the end; kill each with a test, or list it with its reason
in CONTRIBUTING.md ("Mutation survivors")."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Each guarded module and the fast tests that guard it (no MkDocs build, no browser: a mutant
# must be judged in seconds). The engine's MkDocs step and its publish are guarded by the
# engine tests in test_site.py and test_incremental.py, broken once by hand, not mutated.
GUARDED: dict[str, list[str]] = {
    "builder/validate/site.py": ["tests/test_rules.py", "tests/test_validation.py"],
    "builder/validate/links.py": ["tests/test_rules.py"],
    "builder/validate/delphi.py": ["tests/test_rules.py"],
    "builder/validate/safety.py": ["tests/test_rules.py", "tests/test_validation.py"],
    "builder/write/writer.py": ["tests/test_writer.py"],
    "builder/engine/stage.py": ["tests/test_stage.py"],
    "builder/engine/linkcheck.py": [
        "tests/test_site.py::test_link_check_finds_missing_files_and_anchors",
        "tests/test_site.py::test_link_check_reads_attributes_however_they_are_written",
    ],
    "builder/derive/delphi.py": ["tests/test_delphi.py"],
    "builder/derive/feasible.py": ["tests/test_delphi.py"],
}
# What the copy needs to run the tests.
COPIED = ("builder", "tests", "content", "overrides", "schemas", "mkdocs.yml", "pyproject.toml")


def changed_modules(base: str) -> list[str]:
    """Guarded modules that differ from `base` (committed or not)."""
    merge_base = subprocess.run(
        ["git", "merge-base", base, "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    changed = subprocess.run(
        ["git", "diff", "--name-only", merge_base, "--", "builder"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [module for module in GUARDED if module in changed]


def extra_tests(module: str) -> list[str]:
    """Hostile-input tests guard the safety scan too, when they are there."""
    if module.endswith("safety.py") and (ROOT / "tests" / "test_hostile.py").exists():
        return ["tests/test_hostile.py"]
    return []


def run(module: str, workdir: Path) -> list[str]:
    """Mutate `module` in a copy under `workdir`; return the survivors' descriptions."""
    copy = workdir / "checkout"
    if not copy.exists():
        copy.mkdir()
        for name in COPIED:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(
                    source, copy / name, ignore=shutil.ignore_patterns("__pycache__", ".*cache")
                )
            elif source.exists():
                shutil.copy(source, copy / name)
    tests = " ".join([*GUARDED[module], *extra_tests(module)])
    config = workdir / f"{Path(module).stem}.toml"
    session = workdir / f"{Path(module).stem}.sqlite"
    config.write_text(
        "[cosmic-ray]\n"
        f'module-path = "{module}"\n'
        "timeout = 120.0\n"
        "excluded-modules = []\n"
        f'test-command = "{sys.executable} -m pytest -x -q -p no:cacheprovider {tests}"\n'
        '[cosmic-ray.distributor]\nname = "local"\n'
    )
    bin_dir = Path(sys.executable).parent
    subprocess.run([bin_dir / "cosmic-ray", "init", config, session], cwd=copy, check=True)
    subprocess.run(
        [bin_dir / "cosmic-ray", "--verbosity=WARNING", "exec", config, session],
        cwd=copy,
        check=True,
    )
    report = subprocess.run(
        [bin_dir / "cr-report", "--show-diff", "--surviving-only", session],
        cwd=copy,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    print(report)
    return [line for line in report.splitlines() if line.startswith("[job-id]")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="paths such as builder/write/writer.py")
    parser.add_argument("--all", action="store_true", help="every guarded module")
    parser.add_argument("--base", default="main", help="what 'changed' is measured against")
    args = parser.parse_args()
    modules = list(GUARDED) if args.all else args.modules or changed_modules(args.base)
    unknown = [m for m in modules if m not in GUARDED]
    if unknown:
        parser.error(f"not a guarded module: {', '.join(unknown)} (see GUARDED)")
    if not modules:
        print(f"no guarded module changed since {args.base}; name one, or use --all")
        return 0
    with tempfile.TemporaryDirectory(prefix="mutation-") as tmp:
        survivors = {module: run(module, Path(tmp)) for module in modules}
    for module, found in survivors.items():
        print(f"{module}: {len(found)} surviving mutant(s)")
    return 1 if any(survivors.values()) else 0


if __name__ == "__main__":
    sys.exit(main())

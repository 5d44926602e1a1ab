"""Time `renkei validate` against its floors and peers doing less, on a SYNTHETIC
national-scale registry.

All commands run in one session on the same generated data, each as a fresh process (wall time;
median and minimum of --runs, runs of the rows interleaved so that a busy moment of a shared
machine does not fall on one row only):

- renkei validate, cold (--no-cache), on all cores and with --jobs 1;
- renkei validate, repeated with nothing changed (cached by content hash);
- the pre-commit path: one prefecture's file changed, `renkei validate THAT_FILE`;
- the floors (floor.py): every file parsed and checked with jsonschema-rs, nothing else, in one
  process and split over two;
- the warm floor: Python's start-up plus reading every byte of the registry;
- frictionless (v5) validating the same 47 data packages (Table Schemas only) at its fastest: its
  own parallel option, and the packages spread over all cores;
- check-jsonschema on the same 141 YAML files (JSON Schema only; one run per schema) with the C
  YAML parser (ruamel.yaml.clib), the three runs one after another and side by side.

`--before PATH` (a `renkei` executable of another revision, e.g. main's) adds that revision's
cold and warm rows to the same run, for before/after ratios.

    python benchmarks/bench_validate.py [--runs 5] [--out benchmarks/out] [--before PATH]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_registry import generate  # noqa: E402
from timing import ENV, Row, compile_package, timed_together  # noqa: E402

BIN = Path(sys.executable).parent

FRICTIONLESS_SCRIPT = """
import glob, sys
from frictionless import Package
valid = all(Package(p).validate(parallel=True).valid
            for p in sorted(glob.glob("registry/prefectures/*/datapackage.yaml")))
sys.exit(0 if valid else 1)
"""
# The 47 packages spread over every core (frictionless's parallel option works per package,
# over its resources).
FRICTIONLESS_POOL_SCRIPT = """
import glob, multiprocessing, os, sys
from frictionless import Package
def check(path):
    return Package(path).validate().valid
if __name__ == "__main__":
    paths = sorted(glob.glob("registry/prefectures/*/datapackage.yaml"))
    with multiprocessing.get_context("fork").Pool(os.cpu_count()) as pool:
        valid = all(pool.map(check, paths))
    sys.exit(0 if valid else 1)
"""
# The three check-jsonschema runs side by side (it has no parallel option of its own).
SIDE_BY_SIDE_SCRIPT = """
import json, subprocess, sys
runs = [subprocess.Popen(command) for command in json.loads(sys.argv[1])]
sys.exit(max(run.wait() for run in runs))
"""
# The warm floor: Python's start-up plus reading every byte of the registry.
READ_SCRIPT = """
import os, sys
for top, _, names in os.walk(sys.argv[1]):
    for name in names:
        with open(os.path.join(top, name), "rb") as handle:
            handle.read()
"""


def bundle(schemas: Path, name: str) -> dict[str, Any]:
    """One self-contained schema (no cross-file $ref), for a tool that cannot resolve them
    offline. The registry's schemas are not recursive, so prefixed $defs suffice."""
    loaded = {p.name: json.loads(p.read_text("utf-8")) for p in schemas.glob("*.schema.json")}

    def rewrite(node: Any, own: str) -> Any:
        if isinstance(node, dict):
            out = {k: rewrite(v, own) for k, v in node.items()}
            ref = out.get("$ref")
            if isinstance(ref, str):
                target, _, pointer = ref.partition("#")
                prefix = (target or own).replace(".schema.json", "")
                out["$ref"] = "#/$defs/" + prefix + "__" + pointer.removeprefix("/$defs/")
            return out
        if isinstance(node, list):
            return [rewrite(v, own) for v in node]
        return node

    result = rewrite(copy.deepcopy(loaded[name]), name)
    result.pop("$id", None)
    defs: dict[str, Any] = {}
    for file_name, schema in loaded.items():
        prefix = file_name.replace(".schema.json", "")
        for key, value in schema.get("$defs", {}).items():
            defs[f"{prefix}__{key}"] = rewrite(value, file_name)
    result["$defs"] = defs
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--before", type=Path, help="a renkei executable to compare with")
    args = parser.parse_args()
    root = generate(args.out / "registry")
    compile_package(BIN / "python")
    if args.before:
        compile_package(args.before.parent / "python")
    renkei = str(BIN / "renkei")
    python = str(BIN / "python")
    yaml_files = sorted(root.glob("registry/prefectures/*/*.yaml"))
    bundled = args.out / "bundled-schemas"
    shutil.rmtree(bundled, ignore_errors=True)
    bundled.mkdir(parents=True)
    for name in ("prefecture", "platforms", "vision"):
        schema = bundle(root / "schemas", f"{name}.schema.json")
        (bundled / f"{name}.json").write_text(json.dumps(schema, ensure_ascii=False), "utf-8")
    tokyo = root / "registry/prefectures/13-tokyo/platforms.yaml"
    original = tokyo.read_text("utf-8")
    counter = iter(range(10**6))

    def touch_tokyo() -> None:
        tokyo.write_text(original + f"# edit {next(counter)}\n", "utf-8")

    def restore_tokyo() -> None:
        tokyo.write_text(original, "utf-8")

    check_commands = [
        [str(BIN / "check-jsonschema"), "--schemafile", str(bundled / f"{name}.json")]
        + [str(p) for p in yaml_files if p.name == f"{name}.yaml"]
        for name in ("prefecture", "platforms", "vision")
    ]
    floor = str(HERE / "floor.py")
    rows = {
        "renkei_cold": Row([renkei, "validate", "--no-cache"], root, restore_tokyo),
        "renkei_cold_jobs1": Row([renkei, "validate", "--no-cache", "--jobs", "1"], root),
        # Warmed up first: another revision's rows (--before) write the same cache file.
        "renkei_warm": Row([renkei, "validate"], root, _warm_up([renkei, "validate"], root)),
        "renkei_one_prefecture": Row([renkei, "validate", str(tokyo)], root, touch_tokyo),
        "renkei_one_prefecture_no_cache": Row([renkei, "validate", "--no-cache", str(tokyo)], root),
        "floor_one_process": Row([python, floor, str(root)], root, restore_tokyo),
        "floor_two_processes": Row([python, floor, str(root), "--jobs", "2"], root),
        "floor_warm": Row([python, "-c", READ_SCRIPT, str(root / "registry")], root),
    }
    if args.before:
        before = str(args.before)
        rows["before_cold"] = Row([before, "validate", "--no-cache"], root)
        # Warmed up first: the two revisions' keys differ, so they evict each other's results.
        rows["before_warm"] = Row([before, "validate"], root, _warm_up([before, "validate"], root))
    results = timed_together(rows, args.runs)
    peers = {
        "frictionless_parallel_option": Row([python, "-c", FRICTIONLESS_SCRIPT], root),
        "frictionless_all_cores": Row([python, "-c", FRICTIONLESS_POOL_SCRIPT], root),
        "check_jsonschema_side_by_side": Row(
            [python, "-c", SIDE_BY_SIDE_SCRIPT, json.dumps(check_commands)], root
        ),
        **{f"check_jsonschema_{i}": Row(c, root) for i, c in enumerate(check_commands)},
    }
    peer_results = timed_together(peers, max(1, args.runs // 2))
    serial = [peer_results.pop(f"check_jsonschema_{i}") for i in range(len(check_commands))]
    peer_results["check_jsonschema_one_after_another"] = {
        "median_s": sum(r["median_s"] for r in serial),
        "min_s": sum(r["min_s"] for r in serial),
        "exit_codes": sorted({c for r in serial for c in r["exit_codes"]}),
    }
    results.update(peer_results)
    best = {name: row["min_s"] for name, row in results.items()}
    fastest = {
        "frictionless": min(best["frictionless_parallel_option"], best["frictionless_all_cores"]),
        "check_jsonschema": min(
            best["check_jsonschema_side_by_side"], best["check_jsonschema_one_after_another"]
        ),
    }
    ratios = {
        "renkei_cold / floor_two_processes": best["renkei_cold"] / best["floor_two_processes"],
        "renkei_cold / floor_one_process": best["renkei_cold"] / best["floor_one_process"],
        "renkei_cold_jobs1 / floor_one_process": best["renkei_cold_jobs1"]
        / best["floor_one_process"],
        "renkei_warm / floor_warm": best["renkei_warm"] / best["floor_warm"],
        "renkei_cold / frictionless (fastest)": best["renkei_cold"] / fastest["frictionless"],
        "renkei_cold / check_jsonschema (fastest)": best["renkei_cold"]
        / fastest["check_jsonschema"],
    }
    if args.before:
        ratios["before_cold / floor_two_processes"] = (
            best["before_cold"] / best["floor_two_processes"]
        )
        ratios["before_warm / floor_warm"] = best["before_warm"] / best["floor_warm"]
    summary = {
        "machine": f"{platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} cores",
        "date": time.strftime("%Y-%m-%d"),
        "runs": args.runs,
        "results": results,
        "ratios (of the minimums)": ratios,
    }
    (args.out / "validate-results.json").write_text(json.dumps(summary, indent=2), "utf-8")
    print("| command | median (s) | min (s) | exit |\n| --- | ---: | ---: | --- |")
    for name, row in results.items():
        codes = ",".join(str(c) for c in row["exit_codes"])
        print(f"| {name} | {row['median_s']:.3f} | {row['min_s']:.3f} | {codes} |")
    for name, ratio in ratios.items():
        print(f"{name}: {ratio:.2f}")
    print(summary["machine"], summary["date"])


def _warm_up(command: list[str], root: Path) -> Callable[[], None]:
    """Run COMMAND once (untimed), so that the timed run finds its own cache."""

    def run() -> None:
        subprocess.run(command, cwd=root, capture_output=True, check=False, env=ENV)

    return run


if __name__ == "__main__":
    main()

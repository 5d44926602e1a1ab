"""Time `renkei validate` against peers doing less, on a SYNTHETIC national-scale registry.

All commands run in one session on the same generated data, each as a fresh process (wall time,
median of --runs):

- renkei validate, cold (--no-cache), on all cores and with --jobs 1;
- renkei validate, repeated with nothing changed (cached by content hash);
- the pre-commit path: one prefecture's file changed, `renkei validate THAT_FILE`;
- frictionless (v5) validating the same 47 data packages in one process (Table Schemas only);
- check-jsonschema on the same 141 YAML files (JSON Schema only; one run per schema).

    python benchmarks/bench_validate.py [--runs 5] [--out benchmarks/out]
"""

from __future__ import annotations

import argparse
import copy
import json
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_registry import generate  # noqa: E402
from timing import timed  # noqa: E402

BIN = Path(sys.executable).parent

FRICTIONLESS_SCRIPT = """
import glob, sys
from frictionless import Package
valid = all(Package(p).validate().valid
            for p in sorted(glob.glob("registry/prefectures/*/datapackage.yaml")))
sys.exit(0 if valid else 1)
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
    args = parser.parse_args()
    root = generate(args.out / "registry")
    renkei = str(BIN / "renkei")
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

    results: dict[str, Any] = {}
    results["renkei_cold"] = timed([renkei, "validate", "--no-cache"], root, args.runs)
    results["renkei_cold_jobs1"] = timed(
        [renkei, "validate", "--no-cache", "--jobs", "1"], root, args.runs
    )
    subprocess.run([renkei, "validate"], cwd=root, capture_output=True, check=False)
    results["renkei_warm"] = timed([renkei, "validate"], root, args.runs)
    results["renkei_one_prefecture"] = timed(
        [renkei, "validate", str(tokyo)], root, args.runs, before=touch_tokyo
    )
    results["renkei_one_prefecture_no_cache"] = timed(
        [renkei, "validate", "--no-cache", str(tokyo)], root, args.runs
    )
    tokyo.write_text(original, "utf-8")
    results["frictionless"] = timed(
        [str(BIN / "python"), "-c", FRICTIONLESS_SCRIPT], root, args.runs
    )
    check_runs = []
    for name in ("prefecture", "platforms", "vision"):
        files = [str(p) for p in yaml_files if p.name == f"{name}.yaml"]
        command = [str(BIN / "check-jsonschema"), "--schemafile", str(bundled / f"{name}.json")]
        check_runs.append(timed(command + files, root, args.runs))
    results["check_jsonschema"] = {
        "median_s": sum(r["median_s"] for r in check_runs),
        "min_s": sum(r["min_s"] for r in check_runs),
        "exit_codes": sorted({c for r in check_runs for c in r["exit_codes"]}),
    }
    cold = results["renkei_cold"]["median_s"]
    summary = {
        "machine": f"{platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, {__import__('os').cpu_count()} cores",
        "date": time.strftime("%Y-%m-%d"),
        "runs": args.runs,
        "results": results,
        "ratios": {
            "renkei_cold / frictionless": cold / results["frictionless"]["median_s"],
            "renkei_cold_jobs1 / frictionless": results["renkei_cold_jobs1"]["median_s"]
            / results["frictionless"]["median_s"],
            "renkei_cold / check_jsonschema": cold / results["check_jsonschema"]["median_s"],
        },
    }
    (args.out / "validate-results.json").write_text(json.dumps(summary, indent=2), "utf-8")
    print("| command | median (s) | min (s) | exit |\n| --- | ---: | ---: | --- |")
    for name, row in results.items():
        codes = ",".join(str(c) for c in row["exit_codes"])
        print(f"| {name} | {row['median_s']:.3f} | {row['min_s']:.3f} | {codes} |")
    for name, ratio in summary["ratios"].items():
        print(f"{name}: {ratio:.2f}")
    print(summary["machine"], summary["date"])


if __name__ == "__main__":
    main()

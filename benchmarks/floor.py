"""The floor of `renkei validate`: parse every registry file and check it with jsonschema-rs,
nothing else (no positions, no findings, no cross-file checks, no cache).

Each prefecture folder's YAML files are loaded with libyaml (yaml.CSafeLoader) and checked
against their JSON Schema; each CSV table is read with the csv module and its rows, as objects,
checked against a JSON Schema made from its Table Schema (the string constraints: required,
pattern, enum, maxLength; integers as a pattern). `--jobs 2` splits the folders over two
processes, as renkei does. Exit 0 when everything is valid, 1 otherwise.

    python benchmarks/floor.py ROOT [--jobs 1]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import multiprocessing as mp
import sys
from pathlib import Path
from typing import Any

import jsonschema_rs
import yaml

DOCUMENTS = {
    "prefecture.yaml": "prefecture.schema.json",
    "platforms.yaml": "platforms.schema.json",
    "vision.yaml": "vision.schema.json",
}
INTEGER = "^-?[0-9]+$"


def row_schema(table_schema: dict[str, Any]) -> dict[str, Any]:
    """A JSON Schema for a list of rows (objects of strings) from a Table Schema."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in table_schema["fields"]:
        constraints = field.get("constraints", {})
        prop: dict[str, Any] = {"type": "string"}
        if constraints.get("required"):
            prop["minLength"] = 1
            required.append(field["name"])
        if "pattern" in constraints:
            prop["pattern"] = constraints["pattern"]
        elif field.get("type") == "integer":
            prop["pattern"] = INTEGER
        if "enum" in constraints:
            prop["enum"] = [str(v) for v in constraints["enum"]]
        if "maxLength" in constraints:
            prop["maxLength"] = constraints["maxLength"]
        properties[field["name"]] = prop
    items = {"type": "object", "properties": properties, "required": required}
    return {"type": "array", "items": items}


def validators(root: Path) -> dict[str, jsonschema_rs.Validator]:
    """One compiled validator per file name: the YAML documents' and the tables'."""
    schemas = [json.loads(p.read_text("utf-8")) for p in sorted((root / "schemas").glob("*.json"))]
    registry = jsonschema_rs.Registry([(s["$id"], s) for s in schemas])
    by_name = {s["$id"].rsplit("/", 1)[-1]: s for s in schemas}
    found = {
        file: jsonschema_rs.validator_for(by_name[name], registry=registry)
        for file, name in DOCUMENTS.items()
    }
    for path in sorted((root / "schemas" / "tables").glob("*.json")):
        table = json.loads(path.read_text("utf-8"))
        found[f"{path.stem}.csv"] = jsonschema_rs.validator_for(row_schema(table))
    return found


_VALIDATORS: dict[str, jsonschema_rs.Validator] = {}


def check_folder(folder: Path) -> bool:
    """Every file of one folder parsed and checked; True when all are valid."""
    valid = True
    for path in sorted(folder.iterdir()):
        validator = _VALIDATORS.get(path.name)
        if validator is None:
            continue
        data = path.read_bytes()
        if path.suffix == ".yaml":
            document = yaml.load(data, Loader=yaml.CSafeLoader)
        else:
            reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
            header = next(reader)
            document = [dict(zip(header, row, strict=False)) for row in reader]
        valid = validator.is_valid(document) and valid
    return valid


def check_folders(folders: list[Path]) -> bool:
    """`check_folder` for each of FOLDERS; True when all are valid."""
    return all([check_folder(folder) for folder in folders])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    _VALIDATORS.update(validators(args.root))
    folders = sorted(p for p in (args.root / "registry" / "prefectures").iterdir() if p.is_dir())
    if args.jobs > 1:
        # One share per process, the folders dealt out in turn (their sizes differ).
        shares = [folders[i :: args.jobs] for i in range(args.jobs)]
        with mp.get_context("fork").Pool(args.jobs) as pool:
            results = pool.map(check_folders, shares, chunksize=1)
    else:
        results = [check_folders(folders)]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()

"""Each prefecture's latest bundle for the site's downloads (`renkei.bundle`), built again only
when its folder's inputs changed."""

from __future__ import annotations

import tempfile
from pathlib import Path

from renkei.bundle.model import BundleError, BundleOptions, BundleResult
from renkei.site.data import RegistryData
from renkei.site.downloads import DOWNLOADS
from renkei.site.output import SiteWriter, input_hash

BUNDLES_DIR = f"{DOWNLOADS}/bundles"
#: The writer's cache entry: each folder's key and its zip's path, or why it has none.
CACHE_KEY = "bundles"


def write_bundles(data: RegistryData, writer: SiteWriter, jobs: int) -> dict[str, dict[str, str]]:
    """Each prefecture's bundle of the working tree, built again only when its folder changed;
    by folder: the zip's path in the site, or the reason (ja, en) it could not be built."""
    cached: dict[str, dict[str, str]] = writer.cache.setdefault(CACHE_KEY, {})
    out: dict[str, dict[str, str]] = {}
    keys: dict[str, str] = {}
    for folder in data.folders:
        key = input_hash("bundle", data.folder_hashes[folder])
        item = cached.get(folder)
        if (
            item
            and item.get("key") == key
            and (not item.get("path") or writer.current(item["path"], key))
        ):
            out[folder] = item
        else:
            keys[folder] = key
    if keys:
        with tempfile.TemporaryDirectory(prefix="renkei-site-") as temp:
            options = BundleOptions(out_dir=Path(temp), as_of=data.summary.as_of)
            for folder, result in _build(data, list(keys), options, jobs):
                key = keys[folder]
                if isinstance(result, BundleError):
                    out[folder] = {"key": key, "ja": result.message_ja, "en": result.message_en}
                else:
                    relative = f"{BUNDLES_DIR}/{result.path.name}"
                    writer.write(relative, key, result.path.read_bytes())
                    out[folder] = {"key": key, "path": relative}
    cached.update(out)
    return out


def _build(
    data: RegistryData, folders: list[str], options: BundleOptions, jobs: int
) -> list[tuple[str, BundleResult | BundleError]]:
    """The bundles of FOLDERS from the working tree as the site read and validated it (every
    file, and the findings as of OPTIONS.as_of: the same as a bundle's own reading gives), on
    JOBS workers when many changed. A tree with a file too large to read is read again by
    the bundle, which refuses it as `renkei bundle` does."""
    from renkei.bundle.all_prefectures import build_all, bundles_of
    from renkei.bundle.build import build_bundle
    from renkei.bundle.prepare import prepared_working_tree
    from renkei.registry.layout import prefecture_folders
    from renkei.revisions.history import every_vision_state

    if data.too_large:
        names = [f.name for f in prefecture_folders(data.root)]
        results = build_all(data.root, options, jobs)
        return [(n, r) for n, r in zip(names, results, strict=False) if n in folders]
    assert options.as_of is not None
    prepared = prepared_working_tree(data.root, data.files, data.findings, options.as_of)
    if len(folders) > 4:
        prepared.vision_states = every_vision_state(prepared.repo)
        return list(
            zip(folders, bundles_of(data.root, options, prepared, jobs, folders), strict=True)
        )
    found: list[tuple[str, BundleResult | BundleError]] = []
    for folder in folders:
        try:
            found.append((folder, build_bundle(data.root, folder, options, prepared)))
        except BundleError as error:
            found.append((folder, error))
    return found

"""`renkei site -o DIR`: the public static site of a registry, Japanese at the root and English
under en/ (the same pages), with its JSON API (api/v1/), Atom feeds, downloads and search index.

A rebuild is incremental: every file is recorded in the folder's manifest with the hash of its
inputs (`renkei.site.output`), and only files whose inputs changed are rendered again."""

from __future__ import annotations

import importlib.resources
from functools import partial
from pathlib import Path

from renkei.registry.collection import collection_deferred
from renkei.registry.loaders.yaml_loader import documents_kept
from renkei.revisions.platform_timeline import TimelineEntry
from renkei.site import api, pages
from renkei.site.bundles import write_bundles
from renkei.site.data import RegistryData, load_registry
from renkei.site.downloads import (
    DATA_DIR,
    REGISTRY_JSON,
    folder_parts,
    registry_json,
    run_extra_steps,
    write_data_package,
)
from renkei.site.feeds import atom_feed, feed_id
from renkei.site.forked import ForkedStep
from renkei.site.history import SiteHistory, build_history, change_path
from renkei.site.links import Page, Repository
from renkei.site.model import LANGUAGES, SiteOptions, SiteResult
from renkei.site.output import SiteWriter, check_output, input_hash
from renkei.site.pagefind_process import PagefindProcess
from renkei.site.search_index import SearchIndexing
from renkei.site.text import text

#: The site's own static files (one stylesheet, one script), copied to assets/.
ASSETS = ("site.css", "site.js")


def build_site(
    root: Path, options: SiteOptions, pagefind: PagefindProcess | None = None
) -> SiteResult:
    """Build (or rebuild) the site of the registry at ROOT into OPTIONS.out_dir, indexed by
    PAGEFIND when the caller started it early (`PagefindProcess.started`; stopped here if the
    build fails). A SiteError, before anything is written, for an output that is a file or a
    folder of other files."""
    try:
        # Every file is read for the pages, the checks, the summary and the downloads; the
        # registry, the pages and the history hold no cycles: passes of the collector over
        # them found nothing and cost a tenth of a full build's CPU.
        with documents_kept(), collection_deferred():
            return _build(root, options, pagefind)
    except BaseException:
        if pagefind is not None:
            pagefind.abandon()
        raise


def _build(root: Path, options: SiteOptions, pagefind: PagefindProcess | None) -> SiteResult:
    previous = check_output(options.out_dir)
    options.out_dir.mkdir(parents=True, exist_ok=True)
    writer = SiteWriter(options.out_dir, previous)
    repository = Repository(options.repo_url, options.branch)
    settings = {"repo": options.repo_url, "branch": options.branch}
    # Forked before any thread is started: Pagefind warms up while the registry is read,
    # the bundles are built beside the pages.
    forks = options.jobs > 1
    if pagefind is not None and not options.search:
        pagefind.abandon()
    search = SearchIndexing(options.out_dir, forks, pagefind) if options.search else None
    try:
        data = load_registry(root, options.as_of, settings, kept=writer)
    except BaseException:
        if search is not None:
            search.abandon()
        raise
    # Each in a process of its own, beside the pages: the data package and registry.json,
    # registry.sqlite (the longest download, which a rebuild waits for), and the bundles.
    tables = ForkedStep(writer, partial(_table_downloads, data), forks)
    downloads = ForkedStep(
        writer, partial(run_extra_steps, data, steps=options.extra_downloads), forks
    )
    bundles = (
        ForkedStep(writer, partial(write_bundles, data, jobs=options.jobs), forks)
        if options.bundles
        else None
    )
    try:
        _assets(writer)
        history = build_history(data, writer, repository, options.jobs)
        writer.result.warnings += history.warnings
        timelines = history.timelines()
        _national(data, history, writer, repository)
        for folder in data.folders:
            _prefecture(folder, data, history, writer, repository)
        for platform_id, (folder, _platform) in data.platforms().items():
            _platform_pages(
                platform_id, folder, data, timelines.get(platform_id, []), writer, repository
            )
        writer.flush(options.jobs)
        # Pagefind reads only the pages written so far: it runs while the downloads are made.
        if search is not None:
            search.start(writer, data)
        tables.result()
        extra = downloads.result()
        built = bundles.result() if bundles is not None else {}
        _downloads_page(data, writer, repository, built, extra)
        if search is not None:
            search.finish(writer)
    except BaseException:
        for step in (tables, downloads, bundles, search):
            if step is not None:
                step.abandon()
        raise
    return writer.finish({"registry_hash": input_hash(sorted(data.folder_hashes.items()))})


def _assets(writer: SiteWriter) -> None:
    static = importlib.resources.files("renkei.site") / "static"
    for name in ASSETS:
        payload = (static / name).read_bytes()
        writer.emit(f"assets/{name}", input_hash(payload), partial(bytes, payload))


def _national(
    data: RegistryData, history: SiteHistory, writer: SiteWriter, repo: Repository
) -> None:
    records = history.records[-50:]
    key = input_hash(
        data.shared_hash,
        "national",
        sorted(data.folder_hashes.items()),
        [(r["sha"], r["folder"]) for r in records],
    )
    for lang in LANGUAGES:
        page = Page("index.html", lang)
        writer.emit(page.file, key, partial(pages.national_page, data, history, page, repo))
        feed = pages.feed_path(None, lang)
        writer.emit(
            feed,
            key,
            partial(
                atom_feed,
                history.records,
                lang,
                text("national_feed", lang),
                feed_id(None, lang),
                Path(feed).name,
                "../",
                lambda r: "../" + change_path(r["folder"], r["sha"]),
            ),
        )
    writer.emit(f"{api.API_ROOT}/index.json", key, lambda: api.dump(api.index_document(data)))


def _prefecture(
    folder: str, data: RegistryData, history: SiteHistory, writer: SiteWriter, repo: Repository
) -> None:
    records = history.of_folder(folder)
    years = [(y.year, y.since) for y in history.years.get(folder, [])]
    key = input_hash(data.folder_hashes[folder], "prefecture", years, [r["sha"] for r in records])
    commit = records[-1]["sha"][:10] if records else "—"
    for lang in LANGUAGES:
        page = Page(pages.prefecture_path(folder), lang)
        writer.emit(
            page.file,
            key,
            partial(pages.prefecture_page, folder, data, history, page, repo),
        )
        vision = Page(pages.vision_path(folder), lang)
        writer.emit(
            vision.file,
            key,
            partial(pages.vision_page, folder, data, vision, repo, commit),
        )
        feed = pages.feed_path(folder, lang)
        name = data.prefecture(folder).name
        writer.emit(
            feed,
            key,
            partial(
                atom_feed,
                records,
                lang,
                text("feed_title", lang, name=name),
                feed_id(folder, lang),
                Path(feed).name,
                "../" + pages.prefecture_path(folder).removesuffix("index.html"),
                lambda r: "../" + change_path(r["folder"], r["sha"]),
            ),
        )
    code = data.prefecture(folder).code
    writer.emit(
        f"{api.API_ROOT}/prefectures/{code}.json",
        key,
        lambda: api.dump(api.prefecture_document(folder, data, history)),
    )


def _platform_pages(
    platform_id: str,
    folder: str,
    data: RegistryData,
    timeline: list[TimelineEntry],
    writer: SiteWriter,
    repo: Repository,
) -> None:
    key = input_hash(
        data.folder_hashes[folder], "platform", platform_id, [(e.commit, e.kind) for e in timeline]
    )
    for lang in LANGUAGES:
        page = Page(pages.platform_path(platform_id), lang)
        writer.emit(
            page.file,
            key,
            partial(pages.platform_page, platform_id, data, timeline, page, repo),
        )
    writer.emit(
        f"{api.API_ROOT}/platforms/{platform_id}.json",
        key,
        lambda: api.dump(api.platform_document(platform_id, data, timeline)),
    )


def _table_downloads(data: RegistryData, writer: SiteWriter) -> None:
    """The registry as JSON and the data package."""
    key = _registry_key(data)
    if writer.current(REGISTRY_JSON, key):
        for path, part in folder_parts(data, "registry-json").values():
            writer.retain(path, part)
    else:
        writer.write(REGISTRY_JSON, key, registry_json(data, writer))
    write_data_package(data, writer)


def _registry_key(data: RegistryData) -> str:
    return input_hash("registry-json", sorted(data.folder_hashes.items()))


def _downloads_page(
    data: RegistryData,
    writer: SiteWriter,
    repo: Repository,
    bundles: dict[str, dict[str, str]],
    extra: list[str],
) -> None:
    """The downloads page, listing the files and each prefecture's bundle."""
    key = _registry_key(data)
    listing = input_hash(key, sorted((f, b.get("path", "")) for f, b in bundles.items()), extra)
    for lang in LANGUAGES:
        items = [
            {"href": f"{DATA_DIR}/datapackage.json", "text": text("data_package", lang)},
            {"href": REGISTRY_JSON, "text": text("json_all", lang)},
            *({"href": path, "text": Path(path).name} for path in extra),
        ]
        listed = []
        for folder, item in sorted(bundles.items()):
            name = data.prefecture(folder).name
            if item.get("path"):
                listed.append({"href": item["path"], "text": f"{name}: {Path(item['path']).name}"})
            else:
                reason = item.get(lang, "")
                listed.append(
                    {"href": "", "text": name, "note": text("bundle_missing", lang, reason=reason)}
                )
        page = Page("downloads/index.html", lang)
        writer.emit(
            page.file,
            listing,
            partial(pages.downloads_page, page, repo, items, listed),
        )

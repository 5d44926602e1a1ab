"""Pagefind over a folder, one index per region: the pages marked for search are indexed in the
region of their prefecture, a region's previous index stays until its new one is complete, and
a clear error (never a traceback) when a region's pages are missing."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from helpers.registry import Registry
from renkei.site.model import SiteError
from renkei.site.search import OTHER_REGION, Region, index_regions, region_of, regions

PAGE = """<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>t</title></head>
<body><main data-pagefind-body><h1>{name}</h1><p>千代田区</p></main></body></html>"""


def _page(site: Path, relative: str, name: str) -> str:
    page = site / relative
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(PAGE.format(name=name), encoding="utf-8")
    return relative


@pytest.mark.parametrize(
    ("folder", "region"),
    [
        ("01-hokkaido", "hokkaido"),
        ("07-fukushima", "tohoku"),
        ("08-ibaraki", "kanto"),
        ("13-tokyo", "kanto"),
        ("23-aichi", "chubu"),
        ("24-mie", "kinki"),
        ("35-yamaguchi", "chugoku"),
        ("36-tokushima", "shikoku"),
        ("47-okinawa", "kyushu-okinawa"),
        ("48-nowhere", OTHER_REGION),
    ],
)
def test_each_prefecture_is_in_its_region(folder: str, region: str) -> None:
    assert region_of(folder) == region


def test_regions_group_the_pages_in_code_order() -> None:
    found = regions({"40-fukuoka": ["c"], "13-tokyo": ["b"], "14-kanagawa": ["a"]})
    assert found == [Region("kanto", ("a", "b")), Region("kyushu-okinawa", ("c",))]


def test_each_region_is_indexed_in_its_own_folder(tmp_path: Path) -> None:
    tokyo = _page(tmp_path, "prefectures/13-tokyo/index.html", "合成テスト基盤")
    fukuoka = _page(tmp_path, "prefectures/40-fukuoka/index.html", "合成福岡基盤")
    files = index_regions(tmp_path, [Region("kanto", (tokyo,)), Region("kyushu", (fukuoka,))])
    for name in ("kanto", "kyushu"):
        made = {p.name for p in files if p.parent.name == name}
        assert {"pagefind.js", "pagefind-ui.js", "pagefind-ui.css"} <= made, name
        assert any(p.suffix == ".pf_meta" for p in (tmp_path / "pagefind" / name).rglob("*"))
    assert not [p for p in (tmp_path / "pagefind").iterdir() if p.name.startswith(".")]


def test_a_region_indexed_again_holds_only_its_new_index(tmp_path: Path) -> None:
    tokyo = _page(tmp_path, "prefectures/13-tokyo/index.html", "合成テスト基盤")
    index_regions(tmp_path, [Region("kanto", (tokyo,))])
    (tmp_path / "pagefind" / "kanto" / "stale.txt").write_text("old", encoding="utf-8")
    _page(tmp_path, "prefectures/13-tokyo/index.html", "合成別名基盤")
    files = index_regions(tmp_path, [Region("kanto", (tokyo,))])
    assert not (tmp_path / "pagefind" / "kanto" / "stale.txt").exists()
    assert all(p.is_file() for p in files)


def test_a_region_without_its_pages_is_a_clear_error_and_keeps_the_old_index(
    tmp_path: Path,
) -> None:
    tokyo = _page(tmp_path, "prefectures/13-tokyo/index.html", "合成テスト基盤")
    before = index_regions(tmp_path, [Region("kanto", (tokyo,))])
    (tmp_path / tokyo).unlink()
    with pytest.raises(SiteError) as caught:
        index_regions(tmp_path, [Region("kanto", (tokyo,))])
    assert "kanto" in caught.value.message_en and "kanto" in caught.value.message_ja
    assert "索引にするページがありません" in caught.value.message_ja
    assert all(p.is_file() for p in before)
    assert not [p for p in (tmp_path / "pagefind").iterdir() if p.name.startswith(".")]


def test_the_pagefind_process_warms_up_then_indexes_what_it_is_sent(tmp_path: Path) -> None:
    """The forked side of the search step, run here: Pagefind warms up, indexes the regions it
    is sent, replies with their files; sent nothing, it replies with none."""
    import multiprocessing as mp

    from renkei.site.pagefind_process import serve

    tokyo = _page(tmp_path, "prefectures/13-tokyo/index.html", "合成テスト基盤")
    ours, theirs = mp.Pipe()
    ours.send([("kanto", [tokyo])])
    serve(theirs, tmp_path)
    status, files = ours.recv()
    assert status == "done" and "pagefind/kanto/pagefind.js" in files
    ours, theirs = mp.Pipe()
    ours.send([])
    serve(theirs, tmp_path)
    assert ours.recv() == ("done", [])


def test_pagefind_replies_reach_their_requests_at_once_and_a_stop_is_raised(
    tmp_path: Path,
) -> None:
    """The service reads each reply as Pagefind writes it: twenty pages sent one by one are
    indexed in well under the tenth of a second per reply the package's client waits. When
    Pagefind stops without a reply (it cannot write the index under a file), the request
    raises Pagefind's own message at once instead of waiting forever."""
    import asyncio
    import time

    from renkei.site.pagefind_service import PromptPagefindService

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")

    seen: dict[str, object] = {}

    async def session() -> None:
        async with PromptPagefindService() as service:
            index = await service.create_index({})
            await index.add_html_file(content=PAGE.format(name="準備"), url="/warm/")
            started = time.perf_counter()
            for number in range(20):
                await index.add_html_file(
                    content=PAGE.format(name=f"基盤{number}"), url=f"/{number}/"
                )
            seen["took"] = time.perf_counter() - started
            try:
                await asyncio.wait_for(index.write_files(output_path=str(blocker / "index")), 30)
                seen["outcome"] = "written"
            except TimeoutError:
                seen["outcome"] = "timed out"
            except Exception as error:  # Pagefind's message, as the package raises errors
                seen["outcome"] = str(error)

    with contextlib.suppress(Exception):  # closing the service raises the same stop again
        asyncio.run(session())
    assert isinstance(seen["took"], float) and seen["took"] < 20 * 0.1 / 2, seen
    assert str(seen["outcome"]).startswith("Pagefind stopped: "), seen


def test_a_stopped_pagefind_cancels_what_it_was_asked_and_ends_at_once() -> None:
    """Stopped while it warms up (a rebuild that has nothing to index), Pagefind answers no
    request: the warm-up is cancelled, the backend ends, and closing the service does not wait
    for the replies that will never come."""
    import asyncio

    from renkei.site.pagefind_service import PromptPagefindService
    from renkei.site.search import warm_up

    seen: dict[str, object] = {}

    async def session() -> None:
        service = PromptPagefindService()
        async with service:
            warming = asyncio.ensure_future(warm_up(service))
            await asyncio.sleep(0)  # the warm-up has sent its first request
            service.stop()
            try:
                await warming
                seen["warm-up"] = "finished"
            except asyncio.CancelledError:
                seen["warm-up"] = "cancelled"
            seen["waiting"] = [f for f in service._responses.values() if not f.done()]
            backend = service._backend
        seen["returncode"] = backend.returncode

    asyncio.run(session())
    assert seen["warm-up"] == "cancelled"
    assert seen["waiting"] == []
    assert seen["returncode"] is not None


def test_an_early_pagefind_process_indexes_what_it_is_sent(tmp_path: Path) -> None:
    """The process `renkei site` forks before it imports the build: warm at once, it indexes
    the regions it is sent and replies with their files; after that it is gone."""
    import multiprocessing as mp

    from renkei.site.pagefind_process import PagefindProcess

    tokyo = _page(tmp_path, "prefectures/13-tokyo/index.html", "合成テスト基盤")
    before = set(mp.active_children())
    pagefind = PagefindProcess.started(tmp_path)
    assert pagefind is not None
    started = set(mp.active_children()) - before
    assert started
    pagefind.send([("kanto", [tokyo])])
    assert "pagefind/kanto/pagefind.js" in pagefind.written()
    assert not set(mp.active_children()) & started
    assert pagefind.exitcode == 0
    with pytest.raises(SiteError):  # asked again once it is stopped: an error, no wait
        pagefind.written()


def test_a_build_that_fails_stops_the_early_pagefind_process(registry: Registry) -> None:
    """A site that cannot be built (its output is a file) stops the Pagefind process the
    caller started for it at once: no process is left waiting, none had to be killed."""
    import multiprocessing as mp

    from renkei.site.build import build_site
    from renkei.site.model import SiteOptions
    from renkei.site.pagefind_process import PagefindProcess

    out = registry.root.parent / "site.html"
    out.write_text("not a folder", encoding="utf-8")
    before = set(mp.active_children())
    pagefind = PagefindProcess.started(out)
    started = set(mp.active_children()) - before
    assert started
    with pytest.raises(SiteError):
        build_site(registry.root, SiteOptions(out), pagefind)
    assert not set(mp.active_children()) & started
    assert pagefind.exitcode == 0  # told there is nothing to index, it left by itself
    assert out.read_text(encoding="utf-8") == "not a folder"


def test_a_pagefind_process_sent_nothing_stops_at_once_when_abandoned(tmp_path: Path) -> None:
    """Abandoned before any region was sent (the build failed while Pagefind warmed up), the
    process is told there is nothing to index and leaves by itself: it is never killed."""
    from renkei.site.pagefind_process import PagefindProcess

    pagefind = PagefindProcess.started(tmp_path)
    assert pagefind is not None
    pagefind.abandon()
    assert pagefind.exitcode == 0
    pagefind.abandon()  # twice: nothing more to stop
    assert pagefind.exitcode == 0

"""Datasette serves the exported registry.sqlite with its metadata on localhost and answers
queries through its JSON API (a real server process, always stopped at the end)."""

from __future__ import annotations

import urllib.error
from pathlib import Path

import pytest

from helpers.datasette import datasette, get_json
from helpers.registry import Registry
from renkei.export.sqlite import write_sqlite


def test_datasette_serves_the_registry_and_answers_a_query(
    registry: Registry, tmp_path: Path
) -> None:
    outcome = write_sqlite(registry.root, tmp_path / "registry.sqlite")
    with datasette(outcome.database, outcome.metadata) as base:
        counted = get_json(
            f"{base}/registry.json?sql=select+count(*)+as+n+from+platforms&_shape=array"
        )
        assert counted == [{"n": outcome.rows["platforms"]}] == [{"n": 1}]
        joined = get_json(
            f"{base}/registry.json?_shape=array&sql=select+p.name,+g.name+as+body+from+"
            "platform_participants+x+join+platforms+p+on+p.id=x.platform_id+join+"
            "local_governments+g+on+g.lg_code=x.lg_code"
        )
        assert joined == [{"name": "テスト基盤", "body": "千代田区"}]
        served = get_json(f"{base}/-/metadata.json")
        assert served["databases"]["registry"]["tables"]["platforms"]["title"] == "データ連携基盤"
        rows = get_json(f"{base}/registry/municipalities.json?_shape=array&prefecture_code=13")
        tokyo = registry.read(registry.pref("municipalities.csv")).splitlines()[1:]
        assert sorted(r["lg_code"] for r in rows) == sorted(line[:6] for line in tokyo)
        assert len(rows) == 62 and {r["prefecture_code"] for r in rows} == {"13"}
    with pytest.raises(urllib.error.URLError):
        get_json(f"{base}/-/versions.json")  # the server was stopped

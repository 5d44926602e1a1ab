"""The environment every test runs in: locale, time zone, an empty HOME and Git configuration.

conftest.pinned_env applies it for the whole session; tests/suite/test_environment.py checks it
holds and that a part of the suite passes under a hostile environment.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Set for every test (and so for every subprocess a test starts).
PINNED_ENV = {
    "LC_ALL": "C.UTF-8",
    "LC_MESSAGES": "C.UTF-8",
    "LANG": "C.UTF-8",
    "TZ": "UTC",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    # Configuration from the environment (Git 2.31+): the default branch of `git init`.
    "GIT_CONFIG_COUNT": "1",
    "GIT_CONFIG_KEY_0": "init.defaultBranch",
    "GIT_CONFIG_VALUE_0": "main",
}
#: Removed for every test: gettext's language list, identities from elsewhere, and the variables
#: a CI runner or a Git hook sets (a test run inside `git commit` must not see GIT_DIR or
#: GIT_INDEX_FILE; `renkei annotate` writes to GITHUB_STEP_SUMMARY when it is set).
UNSET_ENV = ("LANGUAGE", "EMAIL", "GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT", "GITHUB_BASE_REF",
             "RENKEI_VENV", "PRE_COMMIT_HOME", "NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE")  # fmt: skip


def pinned_environment(home: Path) -> dict[str, str]:
    """os.environ as the tests see it: PINNED_ENV, an empty HOME and an empty global Git
    configuration in `home`, every other GIT_* variable removed."""
    home.mkdir(parents=True, exist_ok=True)
    config = home / "gitconfig-empty"
    config.write_text("", encoding="utf-8")
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("GIT_") and name not in UNSET_ENV
    }
    env.update(PINNED_ENV)
    env.update(
        {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "GIT_CONFIG_GLOBAL": str(config),
        }
    )
    return env

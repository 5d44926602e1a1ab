"""The references in platforms.yaml and vision.yaml: local-government codes (and the names
beside them), fields, technologies, and the platform ids each file defines or uses (resolved
across the registry by `renkei.checks.validate`)."""

from __future__ import annotations

from typing import Any

from renkei.checks.codes import code_findings, name_findings
from renkei.checks.suggest import field_suggestion, nearest, with_suggestion
from renkei.findings import codes
from renkei.registry.loaders.yaml_loader import YamlDocument, json_path
from renkei.registry.reference import Reference
from renkei.registry.results import IdUse, PrefectureResult


def platform_references(
    reference: Reference,
    document: YamlDocument,
    code: str | None,
    pref_name: str,
    result: PrefectureResult,
) -> None:
    """The references of platforms.yaml: platform ids defined, lead bodies and participants' codes
    (with their names), fields and technologies."""
    data = document.data
    platforms = data.get("platforms") if isinstance(data, dict) else None
    if not isinstance(platforms, list):
        return
    for index, platform in enumerate(platforms):
        if not isinstance(platform, dict):
            continue
        base = ("platforms", index)
        platform_id = platform.get("id")
        if isinstance(platform_id, str):
            result.defined.append(_use(document, platform_id, (*base, "id")))
        lead = platform.get("lead_body")
        if isinstance(lead, str) and lead != "unknown":
            _code(reference, document, (*base, "lead_body"), lead, code, pref_name, result)
        _fields(reference, document, (*base, "fields"), platform.get("fields"), result)
        modules = platform.get("modules")
        if isinstance(modules, list):
            for m_index, module in enumerate(modules):
                technology = module.get("technology") if isinstance(module, dict) else None
                if not isinstance(technology, str) or technology in ("other", "unknown"):
                    continue
                if technology not in reference.technologies:
                    path = (*base, "modules", m_index, "technology")
                    allowed = [*reference.technologies, "other", "unknown"]
                    result.findings.append(
                        codes.R008.make(
                            document.path,
                            document.position(path),
                            json_path(path),
                            suggestion=nearest(technology, allowed),
                            value=technology,
                        )
                    )
        participants = platform.get("participants")
        if isinstance(participants, list):
            for p_index, participant in enumerate(participants):
                if not isinstance(participant, dict):
                    continue
                lg_code = participant.get("lg_code")
                path = (*base, "participants", p_index, "lg_code")
                if isinstance(lg_code, str) and _code(
                    reference, document, path, lg_code, None, pref_name, result
                ):
                    name = participant.get("name")
                    if isinstance(name, str):
                        name_path = (*base, "participants", p_index, "name")
                        result.findings.extend(
                            name_findings(
                                name,
                                lg_code,
                                reference,
                                document.path,
                                document.position(name_path),
                                json_path(name_path),
                            )
                        )


def vision_references(
    reference: Reference,
    document: YamlDocument,
    code: str | None,
    pref_name: str,
    result: PrefectureResult,
) -> None:
    """The references of vision.yaml: the platform ids it uses (cross-field platform, field
    policies, consolidation), its fields and the governance's lead body."""
    data = document.data
    if not isinstance(data, dict):
        return
    designated = data.get("cross_field_platform")
    path: tuple[str | int, ...]
    if isinstance(designated, dict) and isinstance(designated.get("platform_id"), str):
        path = ("cross_field_platform", "platform_id")
        result.referenced.append(_use(document, designated["platform_id"], path))
    policies = data.get("field_policies")
    if isinstance(policies, list):
        for index, policy in enumerate(policies):
            if not isinstance(policy, dict):
                continue
            field_id = policy.get("field")
            if isinstance(field_id, str):
                _fields(reference, document, ("field_policies", index, "field"), [field_id], result)
            ids = policy.get("platform_ids")
            if isinstance(ids, list):
                for i, platform_id in enumerate(ids):
                    if isinstance(platform_id, str):
                        path = ("field_policies", index, "platform_ids", i)
                        result.referenced.append(_use(document, platform_id, path))
    steps = data.get("consolidation")
    if isinstance(steps, list):
        for index, step in enumerate(steps):
            if not isinstance(step, dict):
                continue
            for key in ("platform_id", "target_platform_id"):
                if isinstance(step.get(key), str):
                    path = ("consolidation", index, key)
                    result.referenced.append(_use(document, step[key], path))
    governance = data.get("governance")
    if isinstance(governance, dict) and isinstance(governance.get("lead_body"), str):
        path = ("governance", "lead_body")
        _code(reference, document, path, governance["lead_body"], code, pref_name, result)


def _use(document: YamlDocument, platform_id: str, path: tuple[Any, ...]) -> IdUse:
    position = document.position(path)
    return IdUse(platform_id, document.path, position.line, position.column, json_path(path))


def _code(
    reference: Reference,
    document: YamlDocument,
    path: tuple[Any, ...],
    value: str,
    prefecture_code: str | None,
    pref_name: str,
    result: PrefectureResult,
) -> bool:
    """Check a code that passed the schema's format; True when it names a real body."""
    if len(value) != 6 or not value.isdigit():
        return False  # the schema layer already reported the format
    problems = code_findings(
        value,
        reference,
        document.path,
        document.position(path),
        json_path(path),
        prefecture_code=prefecture_code,
        prefecture_name=pref_name,
    )
    result.findings.extend(problems)
    return not problems


def _fields(
    reference: Reference,
    document: YamlDocument,
    path: tuple[Any, ...],
    fields: Any,
    result: PrefectureResult,
) -> None:
    if not isinstance(fields, list):
        return
    known = reference.fields
    for index, field_id in enumerate(fields):
        if not isinstance(field_id, str) or field_id in known:
            continue
        item_path = path if path[-1] == "field" else (*path, index)
        finding = codes.R007.make(
            document.path,
            document.position(item_path),
            json_path(item_path),
            value=field_id,
            allowed=", ".join(known),
        )
        result.findings.append(with_suggestion(finding, field_suggestion(field_id, reference)))

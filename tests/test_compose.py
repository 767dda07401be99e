"""The compose stack cannot run here (no Docker engine): check that its files agree with the code."""

import importlib
import re
from pathlib import Path

import yaml

from claim_intake.storage import StorageSettings

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = ("deploy", "worker")  # run claim-intake code


def _env_example() -> dict[str, str]:
    pairs = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            pairs[key.strip()] = value.strip()
    return pairs


def _interpolated(text: str) -> set[str]:
    """Names of ${VAR}, ${VAR:-default}, ${VAR:?message} in compose (not $${escaped})."""
    return set(re.findall(r"(?<!\$)\$\{([A-Z0-9_]+)", text))


def test_services_ports_and_dependencies():
    assert set(SERVICES) >= {"minio", "minio-setup", "postgres", "prefect-server", "deploy", "worker"}
    ports = {name: [p.split(":")[-1] for p in svc.get("ports", [])] for name, svc in SERVICES.items()}
    assert ports["minio"] == ["9000", "9001"]
    assert ports["prefect-server"] == ["4200"]
    assert "ports" not in SERVICES["worker"]  # workers poll the server; nothing to expose
    for name in ("minio", "postgres", "prefect-server", "worker"):
        assert SERVICES[name]["healthcheck"]["test"], name
    assert SERVICES["minio-setup"]["depends_on"]["minio"]["condition"] == "service_healthy"
    assert SERVICES["prefect-server"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert SERVICES["worker"]["depends_on"]["minio-setup"]["condition"] == "service_completed_successfully"
    assert SERVICES["worker"]["build"] == "." and (ROOT / "Dockerfile").is_file()


def test_prefect_server_uses_postgres_and_workers_use_the_server():
    env = SERVICES["prefect-server"]["environment"]
    url = env["PREFECT_API_DATABASE_CONNECTION_URL"]
    assert url.startswith("postgresql+asyncpg://") and "@postgres:5432/" in url
    for name in APP_SERVICES:
        assert SERVICES[name]["environment"]["PREFECT_API_URL"] == "http://prefect-server:4200/api"
    worker_cmd = " ".join(SERVICES["worker"]["command"])
    assert "worker start --pool claim-intake" in worker_cmd
    assert "deploy --all" in " ".join(SERVICES["deploy"]["command"])


def test_app_environment_matches_the_settings_model():
    settings_env = StorageSettings.env_names()
    assert {"CLAIM_INTAKE_S3_ENDPOINT", "CLAIM_INTAKE_S3_ACCESS_KEY", "CLAIM_INTAKE_S3_SECRET_KEY",
            "CLAIM_INTAKE_S3_SECURE", "CLAIM_INTAKE_S3_REGION", "CLAIM_INTAKE_BUCKET_INTAKE",
            "CLAIM_INTAKE_BUCKET_ORIGINALS", "CLAIM_INTAKE_BUCKET_RESULTS",
            "CLAIM_INTAKE_BUCKET_QUARANTINE"} <= settings_env
    for name in APP_SERVICES:
        app_env = {k for k in SERVICES[name]["environment"] if k.startswith("CLAIM_INTAKE_")}
        assert app_env == settings_env, name  # no unknown names, none missing
    # The bucket setup creates the buckets the code will use, by the same names.
    setup_env = SERVICES["minio-setup"]["environment"]
    for var in ("CLAIM_INTAKE_BUCKET_INTAKE", "CLAIM_INTAKE_BUCKET_ORIGINALS",
                "CLAIM_INTAKE_BUCKET_RESULTS", "CLAIM_INTAKE_BUCKET_QUARANTINE"):
        assert setup_env[var] == SERVICES["worker"]["environment"][var]
    script = (ROOT / "docker" / "minio-setup.sh").read_text()
    assert re.search(r"mc mb --ignore-existing --with-lock \"local/\$CLAIM_INTAKE_BUCKET_ORIGINALS\"", script)
    assert 'mc version enable "local/$CLAIM_INTAKE_BUCKET_ORIGINALS"' in script
    for var in ("INTAKE", "RESULTS", "QUARANTINE"):
        assert f'mc mb --ignore-existing "local/$CLAIM_INTAKE_BUCKET_{var}"' in script


def test_defaults_agree_between_compose_env_example_and_settings():
    defaults = StorageSettings.model_fields
    example = _env_example()
    for field, info in defaults.items():
        if not field.startswith("bucket_"):
            continue
        var = f"CLAIM_INTAKE_{field.upper()}"
        assert example[var] == info.default
        assert f"${{{var}:-{info.default}}}" in (ROOT / "docker-compose.yml").read_text()
    # The values compose passes must parse as settings (e.g. host:port endpoint, boolean TLS flag).
    parsed = StorageSettings(**{k.removeprefix("CLAIM_INTAKE_").lower(): v for k, v in example.items()
                                if k.startswith("CLAIM_INTAKE_")})
    assert parsed.storage == "s3" and parsed.s3_secure is False and parsed.s3_endpoint == "minio:9000"


def test_env_example_lists_every_variable():
    example = set(_env_example())
    compose_vars = _interpolated((ROOT / "docker-compose.yml").read_text())
    assert compose_vars <= example, compose_vars - example
    assert StorageSettings.env_names() <= example
    for key, value in _env_example().items():
        assert "change-me" in value or not re.search(r"PASSWORD|SECRET", key), key  # no real secrets


def _apt_packages(text: str) -> set[str]:
    return set(re.findall(r"\b(tesseract-ocr(?:-[a-z]+)*)\b", text))


def test_dockerfile_installs_every_tesseract_pack_setup_installs():
    setup = _apt_packages((ROOT / "scripts" / "setup.sh").read_text())
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert len(setup) >= 17 and {"tesseract-ocr-ell", "tesseract-ocr-script-grek", "tesseract-ocr-osd"} <= setup
    assert setup <= _apt_packages(dockerfile), setup - _apt_packages(dockerfile)
    assert re.search(r"^FROM python:3\.11-slim-bookworm\b", dockerfile, re.M)
    assert "pip install ." in dockerfile
    assert "HEALTHCHECK" in dockerfile


def test_prefect_yaml_names_an_existing_flow_with_the_nightly_schedule():
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    [deployment] = [d for d in spec["deployments"] if d["name"] == "nightly"]
    path, _, attr = deployment["entrypoint"].partition(":")
    assert (ROOT / path).is_file()
    module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
    flow = getattr(module, attr)
    assert flow.name == "nightly-intake"
    [schedule] = deployment["schedules"]
    assert schedule["cron"] == "0 2 * * *" and schedule["timezone"] == "Europe/Oslo"
    assert (schedule["cron"], schedule["timezone"]) == (module.NIGHTLY_CRON, module.NIGHTLY_TIMEZONE)
    assert deployment["work_pool"]["name"] == "claim-intake"
    assert "--pool claim-intake" in " ".join(SERVICES["worker"]["command"])
    # Every parameter set in prefect.yaml is one the flow takes.
    assert set(deployment.get("parameters") or {}) <= set(flow.parameters.properties)

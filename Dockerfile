# The claim-intake worker: Tesseract with every language pack scripts/setup.sh installs,
# the project, and a Prefect process worker for the `claim-intake` work pool.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    OMP_THREAD_LIMIT=1

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-osd tesseract-ocr-script-latn tesseract-ocr-script-grek \
      tesseract-ocr-nor tesseract-ocr-dan tesseract-ocr-swe tesseract-ocr-eng \
      tesseract-ocr-spa tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-pol tesseract-ocr-ita \
      tesseract-ocr-nld tesseract-ocr-por tesseract-ocr-fin tesseract-ocr-ell \
      fonts-dejavu-core fonts-liberation \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md prefect.yaml ./
COPY claim_intake ./claim_intake
COPY extractors ./extractors
COPY validators ./validators
COPY flows ./flows
RUN pip install .

# Run as an unprivileged user; Prefect's home and the document cache live on a volume.
RUN useradd --system --uid 10001 --create-home --home-dir /var/lib/claim-intake claim \
 && mkdir -p /var/lib/claim-intake/prefect /var/lib/claim-intake/cache /var/lib/claim-intake/store \
 && chown -R claim /var/lib/claim-intake
USER claim
ENV PREFECT_HOME=/var/lib/claim-intake/prefect \
    PREFECT_LOCAL_STORAGE_PATH=/var/lib/claim-intake/cache

# `--with-healthcheck` serves /health on :8080 while the worker is polling.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/health', timeout=4)"

CMD ["prefect", "worker", "start", "--pool", "claim-intake", "--type", "process", "--with-healthcheck"]

"""The logging config the CLI gives Prefect (and so the local server subprocess)."""

import logging
import os
import subprocess
import sys
from pathlib import Path

from prefect.logging.configuration import DEFAULT_LOGGING_SETTINGS_PATH, load_logging_config

import claim_intake

OURS = Path(claim_intake.__file__).with_name("prefect_logging.yml")


def test_it_keeps_every_logger_and_handler_of_prefects_default():
    ours, default = load_logging_config(OURS), load_logging_config(DEFAULT_LOGGING_SETTINGS_PATH)
    for section in ("formatters", "handlers", "loggers"):
        for name, config in default[section].items():
            assert ours[section].get(name) == config, f"{section}.{name} differs from Prefect's default"
    assert ours["root"] == default["root"]


def test_a_process_started_with_it_silences_the_database_pool_only():
    env = {**os.environ, "PREFECT_LOGGING_SETTINGS_PATH": str(OURS), "PREFECT_LOGGING_LEVEL": "WARNING"}
    code = ("import logging; from prefect.logging.configuration import setup_logging; setup_logging(); "
            "print(logging.getLogger('sqlalchemy.pool.impl.AsyncAdaptedQueuePool').getEffectiveLevel(), "
            "logging.getLogger('prefect.flow_runs').getEffectiveLevel())")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    pool, flows = map(int, out.split())
    assert pool == logging.CRITICAL
    assert flows == logging.WARNING


def test_the_cli_points_prefect_at_it():
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_LOGGING_SETTINGS_PATH"}
    code = "import os, claim_intake.cli; print(os.environ['PREFECT_LOGGING_SETTINGS_PATH'])"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert Path(out.strip()) == OURS and OURS.exists()

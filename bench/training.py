"""Training time and model size: a full ``rasa train`` into a temporary folder with an empty cache."""
from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class TrainingResult:
    """How long a training took (None when skipped) and the size of the model it produced or reused."""

    seconds: Optional[float]
    model_bytes: int
    model: Path
    ok: bool = True
    message: str = ""
    cpu_seconds: Optional[float] = None  # user + system time of the training: less sensitive to a busy machine


def model_size(model: Path) -> TrainingResult:
    """The size of an existing model, without training (``--skip-train``)."""
    return TrainingResult(None, model.stat().st_size if model.exists() else 0, model, model.exists(),
                          "" if model.exists() else f"{model} is missing")


def train(data: Path, timeout_s: float = 600.0, keep_dir: Optional[Path] = None) -> TrainingResult:
    """Train from scratch (own Rasa cache folder, so nothing is restored) and time it.

    The model goes to ``keep_dir`` when given (the benchmark may serve it), else to a folder that is removed.
    """
    work = Path(tempfile.mkdtemp(prefix="bench-train-"))
    out = keep_dir or work / "models"
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2",
               RASA_CACHE_DIRECTORY=str(work / "cache"), PYTHONPATH=str(ROOT))
    args = [sys.executable, "-m", "rasa", "train", "--data", str(data), "--domain", str(ROOT / "domain.yml"),
            "--config", str(ROOT / "config.yml"), "--out", str(out), "--fixed-model-name", "bench"]
    log = work / "train.log"
    begin = time.perf_counter()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(log, "wb") as handle:
        process = subprocess.Popen(args, cwd=work, env=env, stdout=handle, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        try:
            code = process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            code = None
    seconds = time.perf_counter() - begin
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    model = out / "bench.tar.gz"
    try:
        if code != 0 or not model.exists():
            tail = log.read_text(errors="replace")[-1500:]
            reason = "timed out" if code is None else f"exit code {code}"
            return TrainingResult(seconds if code is not None else None, 0, model, False,
                                  f"training {reason}:\n{tail}")
        return TrainingResult(seconds, model.stat().st_size, model, cpu_seconds=cpu)
    finally:
        if keep_dir is None:
            shutil.rmtree(work, ignore_errors=True)
        else:
            shutil.rmtree(work / "cache", ignore_errors=True)

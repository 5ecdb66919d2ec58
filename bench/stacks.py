"""Start the product or the floor bot the way tests do (bot.supervisor), on the benchmark's own ports."""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from bot.supervisor import Stack, StackSettings, temporary_settings

FLOOR_ACTIONS = "bench.floor"
# A fixed Monday morning: opening-hours texts are the same on every run.
FIXED_NOW = "2026-11-30T10:00:00"


class FloorStack(Stack):
    """The product's Rasa server and model, with the constant action server of bench/floor."""

    def _spawn(self, name: str, args: list[str], env: dict[str, str]) -> None:
        if name == "actions":
            args = [FLOOR_ACTIONS if (i > 0 and args[i - 1] == "--actions") else a for i, a in enumerate(args)]
        super()._spawn(name, args, env)


@dataclass
class Started:
    """A running stack and how long it took from spawning the processes to the first REST reply."""

    stack: Stack
    cold_start_s: float

    @property
    def url(self) -> str:
        return self.stack.settings.rasa_url

    def pid(self, name: str) -> Optional[int]:
        process = self.stack.processes.get(name)
        return process.pid if process else None


def bench_settings(model: Path, rasa_port: int, action_port: int, extra_env: Optional[dict[str, str]] = None
                   ) -> StackSettings:
    """Settings of a throw-away stack: own ports and var/ folder, no gateways, no e-mail dispatcher."""
    settings = temporary_settings(rasa_port=rasa_port, action_port=action_port, webchat_port=rasa_port + 3000,
                                  with_webchat=False, with_telegram=False, with_dispatcher=False, model=model)
    settings.extra_env.update({
        "BOT_MODE": "demo",           # no identity tokens needed: declarations go to the demo collège
        "BOT_FIXED_NOW": FIXED_NOW,
        "RASA_API_TOKEN": "",         # /model/parse without a token, whatever the caller's environment
    })
    settings.extra_env.update(extra_env or {})
    return settings


def start(settings: StackSettings, floor: bool = False, timeout: float = 300.0) -> Started:
    """Start the product (or the floor) and time spawn → first answer; stops everything on failure."""
    stack = FloorStack(settings) if floor else Stack(settings)
    begin = time.perf_counter()
    try:
        stack.start(timeout=timeout)  # returns after the first REST reply (the warm-up turn)
    except BaseException:
        tail_logs(settings)
        stack.stop()
        raise
    return Started(stack, time.perf_counter() - begin)


def tail_logs(settings: StackSettings, chars: int = 3000) -> None:
    """Print the end of each server log (why a start failed)."""
    logs = settings.log_dir
    for log in sorted(logs.glob("*.log")) if logs and logs.exists() else []:
        print(f"--- {log}\n{log.read_text(errors='replace')[-chars:]}")

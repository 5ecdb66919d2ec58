"""Every setting of the project, typed, read from the environment in this one place (README, "Réglages").

Entry points (action server, gateways, command-line tools, supervisor) call ``get_settings()`` once and pass
the values down; domain functions keep explicit parameters. Adding a variable is one field below: its
environment name is the field name in upper case (``smtp_port`` ← ``SMTP_PORT``).

A blank variable counts as unset (``FOO=`` in a shell file must not turn a port into an error or a secret into
an empty string), and a value that does not parse stops the process with ``InvalidSettings`` naming the
variable, rather than running on a guess.
"""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Mapping, Optional

from pydantic import BaseSettings, Field, ValidationError, root_validator, validator

# Shared defaults: each lives here only (the gateways, the supervisor and the CLI import them).
DEFAULT_RASA_URL = "http://127.0.0.1:5005"


class InvalidSettings(ValueError):
    """An environment variable holds a value the project cannot use (the message names it)."""


class Settings(BaseSettings):
    """The README's table of environment variables, one field each (secrets with repr=False: never logged)."""

    # deployment
    bot_mode: Literal["demo", "production"] = "demo"
    ent_jwt_secret: Optional[str] = Field(None, repr=False)
    pseudonym_key: Optional[str] = Field(None, repr=False)
    demo_uai: Optional[str] = None
    bot_fixed_now: Optional[datetime] = None
    # databases and data
    knowledge_database_url: str = "sqlite:///var/knowledge.db"
    knowledge_data_dir: Optional[Path] = None  # None: the YAML files shipped in knowledge/data
    tickets_database_url: str = "sqlite:///var/tickets.db"
    feedback_database_url: str = "sqlite:///var/feedback.db"
    telegram_database_url: str = "sqlite:///var/telegram.db"
    tracker_database_url: str = "sqlite:///var/trackers.db"
    retention_days: int = Field(365, ge=1)
    # e-mail of tickets (recipients on the reserved .invalid domain: a forgotten setting never mails a stranger)
    smtp_host: str = "127.0.0.1"
    smtp_port: int = Field(8025, ge=1, le=65535)
    smtp_user: Optional[str] = None
    smtp_password: Optional[str] = Field(None, repr=False)
    smtp_from: str = "assistant-convention-numerique@departement79.invalid"
    smtp_starttls: bool = False
    smtp_timeout: float = Field(10.0, gt=0)
    tickets_email_departement: str = "assistance-informatique@departement79.invalid"
    tickets_email_academie: str = "assistance@ac-poitiers.invalid"
    tickets_email_canope: str = "atelier79@reseau-canope.invalid"
    dispatch_interval_seconds: float = Field(15.0, gt=0)
    # Rasa
    rasa_url: str = DEFAULT_RASA_URL
    rasa_api_token: Optional[str] = Field(None, repr=False)
    # web chat
    webchat_port: int = Field(8080, ge=1, le=65535)
    webchat_allowed_origins: tuple[str, ...] = ()
    # Telegram
    telegram_bot_token: Optional[str] = Field(None, repr=False)
    telegram_bot_username: Optional[str] = None
    telegram_webhook_url: Optional[str] = None
    telegram_webhook_secret: Optional[str] = Field(None, repr=False)
    telegram_webhook_port: int = Field(8443, ge=1, le=65535)
    telegram_api_base_url: Optional[str] = None
    telegram_notify_interval: float = Field(30.0, ge=0)
    # closed internal surface (issue 15): listening addresses (loopback by default), the secret shared by the
    # gateways, the REST webhook and the action server, bounded waits and message length
    gateway_secret: Optional[str] = Field(None, repr=False)
    rasa_host: str = "127.0.0.1"
    action_server_host: str = "127.0.0.1"
    webchat_host: str = "127.0.0.1"
    telegram_webhook_host: str = "127.0.0.1"
    tickets_busy_budget_s: float = 10.0
    max_message_chars: int = Field(2000, ge=1)
    action_server_port: int = Field(5055, ge=1, le=65535)
    tracker_encryption_key: Optional[str] = Field(None, repr=False)
    bot_var_dir: Optional[Path] = None

    class Config:
        case_sensitive = False
        frozen = True  # read once, shared by everything in the process: nobody may change it under the others

        @classmethod
        def parse_env_var(cls, field_name: str, raw_val: str) -> Any:
            # pydantic reads tuples as JSON; the README documents a comma-separated list.
            if field_name == "webchat_allowed_origins":
                return raw_val
            return cls.json_loads(raw_val)  # type: ignore[attr-defined]

    @validator("*", pre=True)
    def _blank_is_unset(cls, value: Any, field: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return field.get_default()
        return value

    @root_validator(pre=True)
    def _production_when_a_production_secret_is_set(cls, values: dict[str, Any]) -> dict[str, Any]:
        # A process started without BOT_MODE next to production ones must not fall back to the demo mode
        # (no secret, acts as the demo RUPN): a production-only secret makes production the default.
        lowered = {str(k).lower(): v for k, v in values.items()}
        if not str(lowered.get("bot_mode") or "").strip() and any(
                str(lowered.get(name) or "").strip() for name in ("gateway_secret", "rasa_api_token")):
            return {**values, "bot_mode": "production"}
        return values

    @validator("bot_mode", pre=True)
    def _mode_ignores_case(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @validator("smtp_starttls", pre=True)
    def _french_yes_no(cls, value: Any) -> Any:
        # The README is in French: « oui »/« non » are accepted beside pydantic's true/false/1/0/yes/no/on/off.
        return {"oui": True, "non": False}.get(value.strip().lower(), value) if isinstance(value, str) else value

    @validator("webchat_allowed_origins", pre=True)
    def _comma_separated(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(origin.strip().rstrip("/") for origin in value.split(",") if origin.strip())
        return value

    @validator("telegram_bot_username")
    def _without_at(cls, value: Optional[str]) -> Optional[str]:
        return value.lstrip("@") or None if value else value

    @validator("telegram_api_base_url")
    def _without_trailing_slash(cls, value: Optional[str]) -> Optional[str]:
        return value.rstrip("/") or None if value else value

    @property
    def is_production(self) -> bool:
        return self.bot_mode == "production"

    def recipient_for_line(self, line: str) -> str:
        """E-mail address of a support line (``departement``, ``academie`` or ``canope``)."""
        address = {"departement": self.tickets_email_departement, "academie": self.tickets_email_academie,
                   "canope": self.tickets_email_canope}.get(line)
        if address is None:
            raise ValueError(f"line {line!r} has no e-mail recipient")
        return address

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> "Settings":
        """Settings read from ``env`` only (a child process's environment, a test's dict), not ``os.environ``."""
        names = {name.upper(): name for name in cls.__fields__}
        values = {names[key.upper()]: value for key, value in env.items() if key.upper() in names}
        settings = object.__new__(cls)
        # BaseModel.__init__ validates exactly these values; BaseSettings.__init__ would add os.environ's.
        _validated(lambda: super(BaseSettings, settings).__init__(**values))
        return settings


def _validated(build: Any) -> Any:
    try:
        return build()
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc']).upper()}: {problem['msg']}" for problem in error.errors())
        raise InvalidSettings(f"invalid environment variable(s): {problems} (see README, « Réglages »)") from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read from ``os.environ`` on first use (tests clear the cache when they change it)."""
    return _validated(Settings)


def settings_for(env: Optional[Mapping[str, str]] = None) -> Settings:
    """``get_settings()``, or the settings an explicit environment mapping describes (injected by tests, the store)."""
    return get_settings() if env is None else Settings.from_env(env)

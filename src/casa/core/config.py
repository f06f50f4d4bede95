"""Settings read once from ``CASA_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "casa-development-secret-not-for-production"  # noqa: S105


class Settings(BaseSettings):
    """Every knob of Casa; with none set, Casa runs on its embedded defaults."""

    model_config = SettingsConfigDict(env_prefix="CASA_", env_file=".env", extra="ignore")

    env: Literal["development", "test", "production"] = "development"
    var_dir: Path = Path("var")
    database_url: str = ""
    redis_url: str | None = None
    mqtt_url: str | None = None
    secret_key: str = DEV_SECRET
    base_url: str = "http://127.0.0.1:8000"
    default_language: Literal["fr", "ar", "en"] = "fr"
    log_format: Literal["console", "json"] = "console"
    log_level: str = "INFO"
    session_max_age_s: int = 14 * 24 * 3600
    access_token_ttl_s: int = 3600
    login_attempts_per_window: int = 5
    login_window_s: int = 300
    travel_provider: Literal["straight", "osm", "osrm"] = "straight"
    travel_detour_factor: float = 1.3
    osrm_url: str | None = None
    osm_graph_path: Path | None = None
    static_vendor_dir: Path | None = None
    proxy_headers: bool = Field(default=False, description="trust X-Forwarded-* from a proxy")
    smtp_url: str | None = Field(default=None, description="smtp://host:port; unset: log mail")
    telegram_bot_token: str | None = None  # WEBOT on Telegram; unset: its webhook answers 404
    telegram_secret: str | None = None
    whatsapp_app_secret: str | None = None  # WEBOT on WhatsApp; unset: its webhook answers 404
    whatsapp_verify_token: str | None = None
    whatsapp_token: str | None = None
    parking_fit_interval_s: float = Field(
        default=3600, ge=0, description="seconds between scheduled forecast refits; 0: none"
    )
    warm_start: bool = Field(
        default=False,
        description="fill the caches before the first request and keep the long-lived heap out "
        "of the garbage collector's scans (`casa serve` sets it)",
    )

    @model_validator(mode="after")
    def _defaults_and_secrets(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite:///{(self.var_dir / 'casa.db').as_posix()}"
        if self.env == "production" and self.secret_key == DEV_SECRET:
            raise ValueError("CASA_SECRET_KEY must be set to a random secret in production")
        return self

    @property
    def is_sqlite(self) -> bool:
        """Tell whether the database is the embedded SQLite."""
        return self.database_url.startswith("sqlite")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings, read once."""
    return Settings()

"""The web API: OpenFisca's standard endpoints for the openfisca-llo tax-benefit system."""

from __future__ import annotations

from openfisca_web_api.app import create_app as create_openfisca_app

from openfisca_llo import CountryTaxBenefitSystem


def create_app():
    return create_openfisca_app(CountryTaxBenefitSystem())


def serve(host: str = "127.0.0.1", port: int = 5000, workers: int = 2) -> None:
    from gunicorn.app.base import BaseApplication

    class Application(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("timeout", 120)

        def load(self):
            return create_app()

    Application().run()

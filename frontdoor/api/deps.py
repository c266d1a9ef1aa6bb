"""FastAPI dependencies: the process's Services, reached through ``request.app.state``."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from frontdoor.container import Services
from frontdoor.errors import FrontDoorError

__all__ = ["ServicesDep", "get_services"]


class NotReadyError(FrontDoorError):
    """The service is still loading its models."""


def get_services(request: Request) -> Services:
    """The Services built in the app's lifespan."""
    services: Services | None = getattr(request.app.state, "services", None)
    if services is None:
        raise NotReadyError("the service is starting; try again in a few seconds")
    return services


ServicesDep = Annotated[Services, Depends(get_services)]

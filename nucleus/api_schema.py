"""How the OpenAPI schema describes the API's logins (drf-spectacular finds extensions by
their import): without it `manage.py check --deploy` warns (drf_spectacular.W001) for every
viewset that accepts the hashed API tokens (accounts/tokens.py)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class HashedTokenScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.tokens.HashedTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "Token-based authentication: `Token <key>`"}

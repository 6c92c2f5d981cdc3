"""Claims from the tests' JSON file, and on request a misbehaving ID token for one user."""

from __future__ import annotations

import base64
import json
import os
import time

from oauth2_provider.oauth2_validators import OAuth2Validator


def load_claims() -> dict:
    with open(os.environ["OIDC_TEST_CLAIMS"], encoding="utf-8") as fh:
        return json.load(fh)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class TestProviderValidator(OAuth2Validator):
    oidc_claim_scope = None  # give every claim (groups too) whatever the scopes

    def get_additional_claims(self, request):
        entry = load_claims().get(request.user.username, {})
        return {k: v for k, v in entry.items() if k not in {"mode", "disabled", "password"}}

    def _mode(self, request) -> str:
        return load_claims().get(request.user.username, {}).get("mode", "")

    def get_id_token_dictionary(self, token, token_handler, request):
        claims, expiration = super().get_id_token_dictionary(token, token_handler, request)
        mode = self._mode(request)
        if mode == "expired":
            claims["exp"] = int(time.time()) - 3600
        elif mode == "wrong_audience":
            claims["aud"] = "some-other-client"
        elif mode == "unknown_issuer":
            claims["iss"] = "https://idp.evil.invalid"
        return claims, expiration

    def finalize_id_token(self, id_token, token, token_handler, request):
        serialized = super().finalize_id_token(id_token, token, token_handler, request)
        if self._mode(request) == "forged":
            # What an attacker would send: the payload changed (an extra group), the signature kept.
            header, payload, signature = serialized.split(".")
            data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            data["groups"] = [*data.get("groups", []), "sote-admins"]
            serialized = ".".join([header, _b64(json.dumps(data).encode()), signature])
        return serialized

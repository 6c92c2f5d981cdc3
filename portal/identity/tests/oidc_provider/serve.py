"""Start the test provider: migrate, register the portal as a client, serve on 127.0.0.1:PORT."""

import os
import sys

import django


def main(port: int) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.identity.tests.oidc_provider.settings"
    os.environ.setdefault("OAUTHLIB_INSECURE_TRANSPORT", "1")  # loopback HTTP in the test only
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from oauth2_provider.models import get_application_model

    Application = get_application_model()
    Application.objects.update_or_create(
        client_id="portal",
        defaults={
            "name": "portal",
            "client_secret": "portal-secret",
            "client_type": Application.CLIENT_CONFIDENTIAL,
            "authorization_grant_type": Application.GRANT_AUTHORIZATION_CODE,
            "redirect_uris": os.environ["OIDC_TEST_REDIRECT_URI"],
            "post_logout_redirect_uris": os.environ["OIDC_TEST_POST_LOGOUT_URI"],
            "algorithm": Application.RS256_ALGORITHM,
            "skip_authorization": True,
        },
    )
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = make_server("127.0.0.1", port, get_wsgi_application(), handler_class=QuietHandler)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(int(sys.argv[1]))

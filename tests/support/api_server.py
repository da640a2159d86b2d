"""The JSON API alone, as an ASGI app for a real server in tests:

granian --interface asgi tests.support.api_server:app
"""

from patt_app.api import create_api

app = create_api()

"""The JSON API alone, for tests that need a real HTTP server (API commits, the uploader):

DATABASE_URL=… PATT_API_KEY=… granian --interface asgi tests.support.api_server:app
"""

from patt_app.api import create_api

app = create_api()

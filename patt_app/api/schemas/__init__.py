"""The API's answers as Pydantic models, one module per router, plus the shared envelope.

They exist for the OpenAPI document (`/api/docs`) and to check each answer's shape; the routes
build them from the services' plain dataclasses.
"""

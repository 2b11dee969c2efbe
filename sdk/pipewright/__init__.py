"""Pipewright's Python SDK: build pipelines in code, push them to a server, run and inspect them,
or run them in-process with `pipewright.local`.

    from pipewright import Client, component, Pipeline, Parameter

The package talks to the REST API over HTTP and needs only httpx and PyYAML; it never imports
the server (no Django). pandas is optional, for dataframes.
"""

from pipewright.client import Client
from pipewright.components import Component
from pipewright.decorator import FunctionComponent, component
from pipewright.dsl import Node, OutputRef, Parameter, Pipeline
from pipewright.errors import (
    ApiError,
    ComponentDefinitionError,
    Conflict,
    NotFound,
    NotSignedIn,
    PipelineDefinitionError,
    PipewrightError,
    RunFailed,
    Unreachable,
)
from pipewright.hints import Column, Columns, File, Folder, Json, Model
from pipewright.runs import Run

__version__ = "0.1.0"

__all__ = [
    "ApiError",
    "Client",
    "Column",
    "Columns",
    "Component",
    "ComponentDefinitionError",
    "Conflict",
    "File",
    "Folder",
    "FunctionComponent",
    "Json",
    "Model",
    "Node",
    "NotFound",
    "NotSignedIn",
    "OutputRef",
    "Parameter",
    "PipelineDefinitionError",
    "Pipeline",
    "PipewrightError",
    "Run",
    "RunFailed",
    "Unreachable",
    "component",
]

"""Run Output is bound by the engine; executing it directly says so instead of doing nothing."""

from pathlib import Path

import pytest

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


def test_executing_the_node_is_refused_with_a_clear_message() -> None:
    with pytest.raises(Exception, match="never execute"):
        run_component(HERE, params={"run": 7, "node": "train", "port": "model"})

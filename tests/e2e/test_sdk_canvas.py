"""A pipeline pushed from Python opens on the canvas, every node and edge drawn and laid out
left to right without overlaps, and the editor finds nothing to fix."""

from __future__ import annotations

from pipewright import Client
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.e2e.test_designer import overlapping, wait_saved, wait_view_still
from tests.sdk.diabetes import diabetes


def test_a_pipeline_pushed_from_python_opens_on_the_canvas(page, server):
    with Client(server.url, server.token) as client:
        pipeline = diabetes(client, "Pushed from Python")
        record = client.pipelines.push(pipeline)
    sign_in(page)
    page.goto(f"/pipelines/{record.id}")
    ids = list(pipeline.nodes)
    for node_id in ids:
        expect(page.get_by_test_id(f"node-{node_id}")).to_be_visible()
    expect(page.locator(".react-flow__edge")).to_have_count(len(pipeline.edges()))
    wait_view_still(page)
    boxes = {i: page.get_by_test_id(f"node-{i}").bounding_box() for i in ids}
    for n, first in enumerate(ids):
        for second in ids[n + 1 :]:
            assert not overlapping(boxes[first], boxes[second]), (first, second)
    assert boxes["load"]["x"] < boxes["split"]["x"] < boxes["train"]["x"] < boxes["score"]["x"]
    assert boxes["score"]["x"] < boxes["evaluate"]["x"] and boxes["score"]["x"] < boxes["r2"]["x"]
    expect(page.get_by_test_id("node-error-r2")).to_have_count(0)
    wait_saved(page)

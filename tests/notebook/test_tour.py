"""examples/kv_mock_tour.ipynb runs headless from top to bottom; its view masks secrets."""

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

TOUR = Path(__file__).parents[2] / "examples" / "kv_mock_tour.ipynb"


@pytest.fixture(scope="module")
def executed():
    notebook = nbformat.read(TOUR, as_version=4)
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    return notebook


def _outputs(cell):
    for output in cell.get("outputs", []):
        yield output.get("text", "") + "".join(str(v) for v in output.get("data", {}).values())


def test_every_cell_runs_without_an_error(executed):
    errors = [o for cell in executed.cells for o in cell.get("outputs", [])
              if o.get("output_type") == "error"]
    assert errors == []


def test_the_view_masks_secret_values_and_shows_plain_ones(executed):
    view = next(cell for cell in executed.cells if cell.source == "kv")
    page = view.outputs[0]["data"]["text/html"]
    assert page.startswith("<p>kv_mock on, region eu-west-1, account 123456789012, seed 7")
    assert "db.internal" in page
    assert "hunter2" not in page and "sk-live-123" not in page and "********" in page


def test_the_revealed_view_shows_them(executed):
    view = next(cell for cell in executed.cells if cell.source == "%kv show --reveal")
    assert "hunter2" in view.outputs[0]["data"]["text/html"]


def test_the_error_cell_prints_awss_error(executed):
    cell = next(cell for cell in executed.cells if "ParameterNotFound" in cell.source)
    assert "".join(_outputs(cell)) == "{'Code': 'ParameterNotFound', 'Message': ''}\n"

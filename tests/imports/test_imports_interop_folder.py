"""Where the import tests find the interop files: beside the checkout or a folder above it,
else beside the checkout it was cloned from (a clone made elsewhere, say in /tmp)."""

from tests.imports.interop import find_beside


def test_the_interop_folder_is_found_beside_a_folder_above_the_checkout(tmp_path):
    interop = tmp_path / "shared" / "interop"
    interop.mkdir(parents=True)
    repo = tmp_path / "work" / "pw"
    repo.mkdir(parents=True)
    assert find_beside(repo, None) == interop


def test_a_clone_made_elsewhere_finds_it_beside_the_checkout_it_came_from(tmp_path):
    interop = tmp_path / "workspace" / "shared" / "interop"
    interop.mkdir(parents=True)
    origin = tmp_path / "workspace" / "main"
    origin.mkdir()
    clone = tmp_path / "elsewhere" / "pw"
    clone.mkdir(parents=True)
    assert find_beside(clone, origin) == interop
    # Without the origin it is not there: the tests say which folder is missing.
    assert find_beside(clone, None) == tmp_path / "elsewhere" / "shared" / "interop"

"""Registry search ranks: the exact name first, whole words only, and tags that find every
classifier; components carry their tags and sub-category in the API."""

import pytest

from designer.kernel.spec import parse_spec
from designer.registry.search import Searchable, rank, tier

pytestmark = pytest.mark.django_db


def search(api, text):
    response = api.get("/api/components/", {"search": text})
    assert response.status_code == 200
    return [c["name"] for c in response.json()]


def learners(api, prefix):
    return {
        c["name"]
        for c in api.get("/api/components/", {"category": "Machine Learning"}).json()
        if c["name"].startswith(prefix)
    }


def test_train_model_comes_first(api, builtins):
    found = search(api, "train model")
    assert found[0] == "train_model"
    # The other components named for training come next, before what merely mentions it.
    trainers = {
        "train_anomaly_detection_model",
        "train_clustering_model",
        "xgboost_train_model",
        "lightgbm_train_model",
    }
    assert set(found[1:5]) == trainers


def test_classification_finds_every_classifier_first(api, builtins):
    classifiers = learners(api, "two_class_") | learners(api, "multiclass_")
    assert len(classifiers) >= 9
    found = search(api, "classification")
    assert classifiers <= set(found)
    # The learners tagged so, and the XGBoost and LightGBM trainers, come before what merely
    # mentions the word.
    trainers = {"xgboost_train_model", "lightgbm_train_model"}
    assert set(found[: len(classifiers) + len(trainers) + 3]) >= classifiers | trainers


def test_logistic_finds_a_logistic_regression_first(api, builtins):
    found = search(api, "logistic")
    assert found[0] == "logistic_regression"
    assert found.index("normalize_data") > found.index("two_class_logistic_regression")


def test_roc_does_not_match_inside_a_word(api, builtins):
    found = search(api, "roc")
    assert "preprocess_text" not in found
    assert "evaluate_model" in found


def test_no_search_keeps_category_order(api, builtins):
    found = api.get("/api/components/").json()
    keys = [(c["category"], c["display_name"]) for c in found]
    assert keys == sorted(keys)


def test_tags_and_subcategory_are_in_the_api(api, builtins):
    found = {c["name"]: c for c in api.get("/api/components/").json()}
    learner = found["two_class_logistic_regression"]
    assert learner["subcategory"] == "Classification"
    assert {"classification", "binary"} <= set(learner["tags"])
    assert found["k_means_clustering"]["subcategory"] == "Clustering"
    assert found["split_data"]["tags"] == [] and found["split_data"]["subcategory"] == ""
    detail = api.get("/api/components/linear_regression/").json()
    assert detail["subcategory"] == "Regression" and "regression" in detail["tags"]


# --- the kernel and ranking parts, without the database ---------------------------------------


def spec():
    return {"name": "x", "version": "1.0.0", "outputs": {"o": {"type": "json"}}, "python": "a.py:f"}


def test_the_spec_reads_tags_and_subcategory():
    parsed = parse_spec({**spec(), "tags": ["binary", " binary", "svm"], "subcategory": "Kernels"})
    assert parsed.tags == ("binary", "svm") and parsed.subcategory == "Kernels"
    assert parse_spec(parsed.to_dict()) == parsed
    assert parse_spec(spec()).tags == ()


@pytest.mark.parametrize("tags", ["binary", [""], [1], {"a": 1}])
def test_bad_tags_are_a_spec_error(tags):
    from designer.kernel.issues import SpecError

    with pytest.raises(SpecError, match="tags must be a list"):
        parse_spec({**spec(), "tags": tags})


def test_tiers():
    train = Searchable(names=("train_model", "Train Model"), text=("Fits a learner",))
    assert tier(train, ["train", "model"]) == 0
    assert tier(train, ["train", "mo"]) == 1
    assert tier(train, ["model"]) == 2
    assert tier(Searchable(names=("a",), tags=("anomaly detection",)), ["detection"]) == 3
    assert tier(train, ["learner"]) == 4
    assert tier(Searchable(names=("preprocess_text",)), ["roc"]) is None
    assert rank(["b", "a"], " ", lambda s: Searchable(names=(s,))) == ["b", "a"]
    assert rank(["b", "ab", "a"], "a", lambda s: Searchable(names=(s,))) == ["a", "ab"]


def test_categories_list_their_subcategories_and_the_list_filters_by_one(api, builtins):
    categories = {c["name"]: c for c in api.get("/api/components/categories/").json()}
    learning = categories["Machine Learning"]
    groups = {s["name"]: s["count"] for s in learning["subcategories"]}
    assert {"Classification", "Regression", "Clustering"} <= set(groups)
    assert sum(groups.values()) <= learning["count"]
    assert categories["Data Transformation"]["subcategories"] == []

    listed = api.get(
        "/api/components/", {"category": "Machine Learning", "subcategory": "classification"}
    ).json()
    assert len(listed) == groups["Classification"]
    assert {c["subcategory"] for c in listed} == {"Classification"}
    assert "linear_regression" not in {c["name"] for c in listed}

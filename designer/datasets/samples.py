"""The built-in sample datasets: scikit-learn's bundled example tables, label in `target`.

The same tables the Sample Dataset component loads, read the same way, so a pipeline moved
from that component to a registered sample sees the same rows. Nothing is downloaded: only
loaders whose data ships inside scikit-learn.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

LABEL_COLUMN = "target"


@dataclass(frozen=True)
class Sample:
    name: str
    description: str
    tags: list[str]

    @property
    def loader(self) -> str:
        return f"sklearn.datasets.load_{self.name}"

    def load(self) -> pd.DataFrame:
        from sklearn import datasets

        load: Callable = getattr(datasets, f"load_{self.name}")
        frame = load(as_frame=True).frame.copy()
        # Classification labels arrive as integers already; keep them so, never as floats.
        if self.name != "diabetes":
            frame[LABEL_COLUMN] = frame[LABEL_COLUMN].astype("int64")
        return frame


SAMPLES = [
    Sample(
        "diabetes",
        "Disease progression one year after baseline for 442 diabetes patients, from ten "
        "standardized measurements (scikit-learn sample; regression, label in `target`).",
        ["sample", "regression"],
    ),
    Sample(
        "iris",
        "150 iris flowers: four measurements and the species (scikit-learn sample; "
        "3-class classification, label in `target`).",
        ["sample", "classification"],
    ),
    Sample(
        "wine",
        "178 wines from three cultivars: 13 chemical measurements (scikit-learn sample; "
        "3-class classification, label in `target`).",
        ["sample", "classification"],
    ),
    Sample(
        "breast_cancer",
        "569 breast tumour samples: 30 measurements of cell nuclei, malignant (0) or benign "
        "(1) (scikit-learn sample; binary classification, label in `target`).",
        ["sample", "classification"],
    ),
]

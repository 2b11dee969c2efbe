"""A step that reads a tiny dataframe and writes it back with one more count: what is
measured is the engine with Parquet between steps, not the step."""

import pandas as pd


def run(data=None, tag=""):
    count = 0 if data is None else int(data["n"].iloc[0])
    return pd.DataFrame({"n": [count + 1], "tag": [tag]})

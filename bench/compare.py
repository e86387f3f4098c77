"""Compares the lifetimes pipeline's output with `insight score`'s, customer by customer.

Usage: python bench/compare.py LIFETIMES.csv INSIGHT.csv LIFETIMES_TIMINGS.json INSIGHT_REPORT.json
Prints the largest differences of the summary, P(alive), expected purchases, expected order
value and CLV, and the fitted parameters side by side (METRICS.md tolerances: parameters 1%
relative, p_alive 0.005 absolute, expected purchases and clv 1% relative or 0.01 absolute).
"""
import json
import sys

import numpy as np
import pandas as pd

lt = pd.read_csv(sys.argv[1], dtype={"customer_id": str}).set_index("customer_id")
ins = pd.read_csv(sys.argv[2], dtype={"customer_id": str}).set_index("customer_id")
both = lt.join(ins, how="inner", lsuffix="_lt", rsuffix="_in")
print(f"customers: lifetimes {len(lt)}, insight {len(ins)}, in both {len(both)}")
for col in ["frequency", "recency", "T", "monetary_value", "p_alive", "expected_purchases",
            "expected_order_value", "clv"]:
    a, b = both[f"{col}_lt"].to_numpy(float), both[f"{col}_in"].to_numpy(float)
    diff = np.abs(a - b)
    rel = diff / np.maximum(np.abs(a), 1.0)
    print(f"{col:22s} max abs diff {diff.max():.6g}   max rel diff (|x|>=1) {rel.max():.6g}")
lp = json.load(open(sys.argv[3]))["params"]
rp = json.load(open(sys.argv[4]))
ours = {**{k: rp["bg_nbd"][k] for k in ["r", "alpha", "a", "b"]},
        **{k: rp["gamma_gamma"][k] for k in ["p", "q", "v"]}}
for k, v in lp.items():
    print(f"{k:6s} lifetimes {v:.6g}  insight {ours[k]:.6g}  rel diff {abs(v - ours[k]) / abs(v):.2e}")

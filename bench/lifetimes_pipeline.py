"""The lifetimes pipeline that `insight score` is benchmarked against (see bench/run.sh).

Reads a transactions CSV (customer_id,date,amount) with pandas, builds the RFM summary with
`summary_data_from_transaction_data`, fits `BetaGeoFitter` and `GammaGammaFitter` (penalizer 0),
predicts P(alive), expected purchases over the horizon and the expected order value, computes
`customer_lifetime_value`, and writes one CSV row per customer: the same work as `insight score`
minus the profitability classifications, which lifetimes does not have.

Usage: python bench/lifetimes_pipeline.py TRANSACTIONS.csv --as-of YYYY-MM-DD --out FILE
       [--horizon-months 12] [--annual-discount 0.10] [--timings FILE.json]
"""
import argparse
import json
import time

import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import summary_data_from_transaction_data


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("transactions")
    parser.add_argument("--as-of", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--horizon-months", type=int, default=12)
    parser.add_argument("--annual-discount", type=float, default=0.10)
    parser.add_argument("--timings")
    args = parser.parse_args()

    monthly = (1.0 + args.annual_discount) ** (1.0 / 12.0) - 1.0
    periods = args.horizon_months * 30  # days, as lifetimes' customer_lifetime_value (freq "D")
    timings = {}
    clock = time.perf_counter()

    def stage(name):
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round((now - clock) * 1000.0, 1)
        clock = now

    tx = pd.read_csv(args.transactions, usecols=["customer_id", "date", "amount"],
                     dtype={"customer_id": str, "amount": float})
    stage("read")
    summary = summary_data_from_transaction_data(
        tx, "customer_id", "date", monetary_value_col="amount",
        observation_period_end=args.as_of, freq="D")
    del tx
    stage("summarise")
    bgf = BetaGeoFitter(penalizer_coef=0.0)
    bgf.fit(summary["frequency"], summary["recency"], summary["T"])
    stage("fit_bg_nbd")
    returning = summary[summary["frequency"] > 0]
    ggf = GammaGammaFitter(penalizer_coef=0.0)
    ggf.fit(returning["frequency"], returning["monetary_value"])
    stage("fit_gamma_gamma")
    f, r, T, m = summary["frequency"], summary["recency"], summary["T"], summary["monetary_value"]
    summary["p_alive"] = bgf.conditional_probability_alive(f, r, T)
    summary["expected_purchases"] = bgf.conditional_expected_number_of_purchases_up_to_time(
        periods, f, r, T)
    summary["expected_order_value"] = ggf.conditional_expected_average_profit(f, m)
    summary["clv"] = ggf.customer_lifetime_value(
        bgf, f, r, T, m, time=args.horizon_months, discount_rate=monthly, freq="D")
    stage("predict")
    summary.to_csv(args.out)
    stage("write")

    if args.timings:
        params = {**{k: float(v) for k, v in bgf.params_.items()},
                  **{k: float(v) for k, v in ggf.params_.items()}}
        with open(args.timings, "w") as fh:
            json.dump({"timings_ms": timings, "params": params, "customers": int(len(summary))},
                      fh, indent=2)


if __name__ == "__main__":
    main()

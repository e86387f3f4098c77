# Customer Insight — the two commands:
#   make run    install what is missing, build the release bundle, serve it on
#               http://127.0.0.1:8080 (PORT=9000 make run to change the port)
#   make test   install what is missing, run every test layer
PORT ?= 8080

.PHONY: run test build setup setup-test bench bench-cli bench-browser clean-dist

run: setup
	scripts/build.sh
	python3 scripts/serve.py --port $(PORT) --dir dist

test: setup-test
	scripts/test.sh

build: setup
	scripts/build.sh

setup:
	scripts/setup.sh build

setup-test:
	scripts/setup.sh test

# Benchmarks (not part of the tests; numbers go in the notes):
#   bench-cli      insight score vs the lifetimes pipeline on 1M customers (bench/run.sh)
#   bench-browser  the page never freezes at 100k customers (long tasks), in headless Chromium
bench: bench-cli bench-browser

bench-cli:
	bench/run.sh

bench-browser: setup-test
	scripts/build.sh
	scripts/bench_browser.sh

clean-dist:
	rm -rf dist

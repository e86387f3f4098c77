# Customer Insight — the two commands:
#   make run    install what is missing, build the release bundle, serve it on
#               http://127.0.0.1:8080 (PORT=9000 make run to change the port)
#   make test   install what is missing, run every test layer
PORT ?= 8080

.PHONY: run test build setup setup-test bench clean-dist

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

clean-dist:
	rm -rf dist
